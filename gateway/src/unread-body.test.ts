import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bodyStillArriving } from './unread-body.js';

function request(headers: Record<string, string>, complete = false): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  req.complete = complete;
  return req;
}

describe('a body still arriving', () => {
  it('is one announced by Content-Length or Transfer-Encoding that has not all arrived', () => {
    expect(bodyStillArriving(request({ 'content-length': '262144' }))).toBe(true);
    expect(bodyStillArriving(request({ 'transfer-encoding': 'chunked' }))).toBe(true);
  });

  it('is not one that has all arrived, nor a request without a body, whose connection can be kept', () => {
    expect(bodyStillArriving(request({ 'content-length': '262144' }, true))).toBe(false);
    expect(bodyStillArriving(request({}))).toBe(false);
    expect(bodyStillArriving(request({ 'content-length': '0' }))).toBe(false);
  });
});
