import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHibpCheck } from './breached-passwords.js';

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();

const BREACHED = 'Tr0ub4dor&3 was leaked';
const PADDED = 'only a padding line of mine';
const CLEAN = 'no breach ever saw this one';

/** Filler suffixes for a range: other passwords' suffixes, seen or padding. */
function filler(count: number, seen: number): string[] {
  return Array.from({ length: count }, (_, i) => `${sha1(`filler ${i}`).slice(5)}:${i % 2 ? seen : 0}`);
}

type Mode = 'range' | 'range-lf' | 'hang' | 'hang-body' | 'error' | 'garbage';
let mode: Mode = 'range';
const requests: { url: string; headers: IncomingMessage['headers']; raw: string }[] = [];

function serveRange(request: IncomingMessage, response: ServerResponse): void {
  const prefix = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '')?.[1];
  if (!prefix) {
    response.writeHead(404).end();
    return;
  }
  const lines = filler(6, 3);
  if (sha1(BREACHED).startsWith(prefix)) lines.splice(2, 0, `${sha1(BREACHED).slice(5)}:52`);
  if (sha1(PADDED).startsWith(prefix)) lines.splice(3, 0, `${sha1(PADDED).slice(5)}:0`);
  response.writeHead(200, { 'Content-Type': 'text/plain' }).end(lines.join(mode === 'range-lf' ? '\n' : '\r\n'));
}

const server = createServer((request, response) => {
  requests.push({ url: request.url ?? '', headers: request.headers, raw: request.rawHeaders.join('\n') });
  request.resume();
  if (mode === 'hang') return;
  if (mode === 'hang-body') {
    response.writeHead(200, { 'Content-Type': 'text/plain' }).write(`${filler(1, 1)[0]}\r\n`);
    return;
  }
  if (mode === 'error') response.writeHead(500).end('oops');
  else if (mode === 'garbage') response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>maintenance</html>');
  else serveRange(request, response);
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  mode = 'range';
  requests.length = 0;
});

function check(timeoutMs = 2000) {
  const causes: string[] = [];
  return { causes, breached: createHibpCheck({ url, timeoutMs, onUnavailable: (cause) => causes.push(cause) }) };
}

describe('HIBP range check', () => {
  it('finds a breached password, in CRLF and LF answers', async () => {
    const { breached, causes } = check();
    expect(await breached(BREACHED)).toBe(true);
    mode = 'range-lf';
    expect(await breached(BREACHED)).toBe(true);
    expect(causes).toEqual([]);
  });

  it('passes a password that is not in its range, and one whose suffix is only padding (count 0)', async () => {
    const { breached, causes } = check();
    expect(await breached(CLEAN)).toBe(false);
    expect(await breached(PADDED)).toBe(false);
    expect(causes).toEqual([]);
  });

  it('sends only the 5-character prefix, asking for padding, as Coffer', async () => {
    const { breached } = check();
    await breached(BREACHED);
    await createHibpCheck({ url: `${url}/`, timeoutMs: 2000 })(BREACHED);
    const digest = sha1(BREACHED);
    expect(requests.map((request) => request.url)).toEqual([`/range/${digest.slice(0, 5)}`, `/range/${digest.slice(0, 5)}`]);
    for (const request of requests) {
      expect(request.headers['add-padding']).toBe('true');
      expect(request.headers['user-agent']).toMatch(/Coffer/);
      const seen = `${request.url}\n${request.raw}`;
      expect(seen.toUpperCase()).not.toContain(digest.slice(5, 12));
      expect(seen).not.toContain('leaked');
    }
  });

  it('fails open on a slow service, telling why without the password or its hash', async () => {
    const { breached, causes } = check(150);
    mode = 'hang';
    const start = Date.now();
    expect(await breached(BREACHED)).toBe(false);
    mode = 'hang-body';
    expect(await breached(BREACHED)).toBe(false);
    expect(Date.now() - start).toBeLessThan(1500);
    expect(causes).toEqual(['timeout', 'timeout']);
  });

  it('fails open on an error status, an answer that is not a range, and an unreachable service', async () => {
    const { breached, causes } = check();
    mode = 'error';
    expect(await breached(BREACHED)).toBe(false);
    mode = 'garbage';
    expect(await breached(BREACHED)).toBe(false);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable: string[] = [];
    expect(await createHibpCheck({ url: `http://127.0.0.1:${port}`, timeoutMs: 2000, onUnavailable: (cause) => unreachable.push(cause) })(BREACHED)).toBe(
      false,
    );

    expect(causes).toEqual(['HTTP 500', 'malformed response']);
    expect(unreachable).toEqual(['unreachable']);
  });
});
