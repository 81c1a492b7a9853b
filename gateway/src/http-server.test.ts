/**
 * The HTTP server's own answers, with timeouts short enough to wait for. Every other answer the
 * server writes itself (parser errors, CONNECT) is tested against the real gateway in
 * tests/api/http-edge.test.ts.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf, type ErrorCode } from '@coffer/contract';
import { listen, type HttpServer } from './http-server.js';

let server: HttpServer;

beforeAll(async () => {
  const app = express();
  app.use((req, res) => {
    req.resume();
    req.on('end', () => res.json({ error: false, message: 'ok', data: null }));
  });
  server = await listen(app, '127.0.0.1', 0, undefined, { headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 5_000, maxConnections: 100 });
});

afterAll(() => server.close(1_000));

/** Sends `bytes`, never the rest, and returns all the server answers before it closes the connection. */
function sendAndWait(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    setTimeout(() => reject(new Error('the server did not close the connection')), 5_000).unref();
  });
}

function envelopeOf(answer: string): { status: number; headers: string; body: { error: boolean; code: ErrorCode; message: string; data: unknown } } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]), headers: head, body: JSON.parse(body) };
}

describe('a client too slow to send its request', () => {
  it('gets 408 REQUEST_TIMEOUT with the envelope when its headers do not arrive in time', async () => {
    const answer = envelopeOf(await sendAndWait('GET /slow HTTP/1.1\r\nHost: x\r\nX-Partial: sk_live_canary'));
    expect(answer.status).toBe(408);
    expect(answer.headers).toMatch(/\r\nContent-Type: application\/json/);
    expect(answer.headers).toMatch(/\r\nConnection: close/);
    expect(answer.body).toEqual({ error: true, code: 'REQUEST_TIMEOUT', message: 'the request was not received in time', data: null });
    expect(httpStatusOf(answer.body.code)).toBe(408);
  });

  it('gets 408 when its body does not arrive in time', async () => {
    const answer = envelopeOf(
      await sendAndWait('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"value":"sk_'),
    );
    expect(answer.status).toBe(408);
    expect(answer.body.code).toBe('REQUEST_TIMEOUT');
    expect(JSON.stringify(answer)).not.toContain('sk_');
  });
});

/** A connection that records what the server sends and when it closes the connection. */
function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<{ at: number; received: string }>((resolve) => socket.on('close', () => resolve({ at: Date.now(), received })));
  const answered = (count: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (received.split('"ok"').length > count) resolve(received);
        else if (socket.destroyed) reject(new Error(`the connection closed after: ${received}`));
        else setTimeout(check, 5);
      };
      check();
    });
  return { socket, closed, answered, received: () => received };
}

describe('connections the server does not keep', () => {
  let own: HttpServer;
  beforeAll(async () => {
    const app = express();
    // Answers at once, before the body (if any) is read, as the gateway refuses a request without a token.
    app.post('/refuse', (_req, res) => res.status(401).json({ error: true, message: 'refused', data: null }));
    app.use((req, res) => {
      req.resume();
      req.on('end', () => res.json({ error: false, message: 'ok', data: null }));
    });
    own = await listen(app, '127.0.0.1', 0, undefined, { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, idleTimeoutMs: 200, maxConnections: 2 });
  });
  afterAll(() => own.close(1_000));

  it('closes the connection of an answer given before the body arrived, instead of reading the rest of it', async () => {
    const client = rawClient(own.port);
    client.socket.write('POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"value":"');
    const sentAt = Date.now();
    const { at, received } = await client.closed;
    expect(received).toMatch(/^HTTP\/1\.1 401 /);
    expect(received).toMatch(/\r\nConnection: close\r\n/);
    expect(at - sentAt).toBeLessThan(500);
  });

  it('keeps the connection of an answer given once the body is read', async () => {
    const client = rawClient(own.port);
    client.socket.write('POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
    expect(await client.answered(1)).toMatch(/\r\nConnection: keep-alive\r\n/);
    client.socket.write('GET /again HTTP/1.1\r\nHost: x\r\n\r\n');
    await client.answered(2);
    client.socket.destroy();
  });

  it('closes an idle keep-alive connection a second after the idle timeout it announces', async () => {
    const client = rawClient(own.port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await client.answered(1);
    const answeredAt = Date.now();
    expect(answer).toMatch(/\r\nKeep-Alive: timeout=0\r\n/);
    const { at, received } = await client.closed;
    expect(received).toBe(answer);
    expect(at - answeredAt).toBeGreaterThanOrEqual(1_150);
    expect(at - answeredAt).toBeLessThan(1_700);
  });

  it('closes connections beyond the cap as they are accepted, and accepts one again once another has closed', async () => {
    const first = rawClient(own.port);
    const second = rawClient(own.port);
    first.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    second.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all([first.answered(1), second.answered(1)]);
    const third = rawClient(own.port);
    third.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await third.closed).received).toBe('');
    first.socket.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fourth = rawClient(own.port);
    fourth.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await fourth.answered(1);
    second.socket.destroy();
    fourth.socket.destroy();
  });
});

describe('request objects', () => {
  it("are born with the app's prototypes, so that Express's per-request setPrototypeOf changes nothing and their garbage dies young", async () => {
    const app = express();
    const seen: { born: unknown; bornResponse: unknown; ip: string | undefined }[] = [];
    // The first handler Express calls after it has set the prototypes; a request made by Node as
    // IncomingMessage would have had another prototype before that call, which a constructor tells.
    app.use((req, res) => {
      seen.push({ born: req.constructor, bornResponse: res.constructor, ip: req.ip });
      res.status(200).json({ error: false, message: 'ok', data: null });
    });
    const own = await listen(app, '127.0.0.1', 0);
    try {
      const answer = await fetch(`http://127.0.0.1:${own.port}/`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ error: false, message: 'ok', data: null });
      const [request] = seen;
      expect(request!.born).not.toBe(IncomingMessage);
      expect(request!.bornResponse).not.toBe(ServerResponse);
      expect((request!.born as { prototype: unknown }).prototype).toBe(app.request);
      expect((request!.bornResponse as { prototype: unknown }).prototype).toBe(app.response);
      expect(request!.ip).toBe('127.0.0.1');
    } finally {
      await own.close(1_000);
    }
  });
});
