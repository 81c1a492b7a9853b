/**
 * Slow and idle clients (issue 10, point 6), as a client writing its own bytes to a raw socket
 * sees them, against a platform started with short limits: a request without a token is refused
 * before its body is read and its connection closed; headers, bodies and idle connections are cut
 * after their timeouts, to within about a second; connections beyond the cap are closed while
 * those under it are served. The measured cut-off times are printed.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf, type ErrorCode } from '@coffer/contract';
import { gatewayModule } from '@coffer/gateway';
import { scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const IDLE_TIMEOUT_MS = 1_000;
/** How late a cut may come: Node's check runs every tenth of the shorter timeout, and the test's own timers are not exact. */
const SLACK_MS = 1_500;
/** Node keeps an idle keep-alive connection a second past the `Keep-Alive: timeout` it announces. */
const KEEP_ALIVE_BUFFER_MS = 1_000;

const LIMITS = {
  COFFER_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  COFFER_HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  COFFER_HTTP_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
};

/** Put into request bodies; no answer may contain it and no secret may be stored from it. */
const CANARY = `sk_live_CANARY_${randomBytes(4).toString('hex')}`;

interface Connection {
  socket: Socket;
  /** Resolves when the server has closed (or reset) the connection, with when that happened and everything it sent. */
  closed: Promise<{ at: number; received: string }>;
  /** Resolves with the next complete answer (head and Content-Length body), or with what arrived if the connection closes first. */
  answer(): Promise<string>;
}

const open = new Set<Socket>();

afterEach(() => {
  for (const socket of open) socket.destroy();
  open.clear();
});

function connectTo(port: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    open.add(socket);
    let received = '';
    const waiting: { from: number; resolve: (answer: string) => void }[] = [];
    const completeAnswer = (from: number): string | undefined => {
      const since = received.slice(from);
      const headEnd = since.indexOf('\r\n\r\n');
      if (headEnd === -1) return undefined;
      const length = Number(/\r\nContent-Length: (\d+)/i.exec(since.slice(0, headEnd))?.[1] ?? 0);
      const end = headEnd + 4 + length;
      return Buffer.byteLength(since) >= end ? since.slice(0, end) : undefined;
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      for (const wait of [...waiting]) {
        const answer = completeAnswer(wait.from);
        if (answer === undefined) continue;
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(answer);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    const closed = new Promise<{ at: number; received: string }>((done) => {
      socket.on('close', () => {
        for (const wait of waiting.splice(0)) wait.resolve(received.slice(wait.from));
        done({ at: Date.now(), received });
      });
    });
    socket.once('connect', () =>
      resolve({
        socket,
        closed,
        answer: () => new Promise((done) => waiting.push({ from: received.length, resolve: done })),
      }),
    );
  });
}

/** Writes `bytes` a slice at a time until the socket closes or `stop()` is called; resolves how many were written. */
function trickle(socket: Socket, bytes: string, sliceLength: number, everyMs: number): { stop(): void; written: Promise<number> } {
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish: (count: number) => void = () => undefined;
  const written = new Promise<number>((resolve) => (finish = resolve));
  const stop = () => {
    clearInterval(timer);
    finish(offset);
  };
  timer = setInterval(() => {
    if (socket.destroyed || !socket.writable || offset >= bytes.length) return stop();
    socket.write(bytes.slice(offset, offset + sliceLength));
    offset += sliceLength;
  }, everyMs);
  socket.once('close', stop);
  return { stop, written };
}

function answerOf(raw: string): { status: number; head: string; body: { error: boolean; code: ErrorCode; message: string; data: unknown } } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]), head, body: JSON.parse(body) };
}

function requestHead(method: string, path: string, headers: Record<string, string>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

describe('slow and idle clients', () => {
  const platform = usePlatform({ env: LIMITS });
  let port: number;
  let token: string;
  const scope = scopePath('acme', 'api', 'development');
  const secretPath = (key: string) => `/api/v1${scope}/secrets/${key}`;
  /** A 256 KB body, far more than a trickling client sends before the timeouts. */
  const largeBody = JSON.stringify({ value: `${CANARY}${'x'.repeat(256 * 1024)}` });

  beforeAll(async () => {
    port = platform.platform.exportsOf(gatewayModule)!.port;
    token = (await seedOrg(platform, { org: 'acme', project: 'api' })).token;
  });

  async function secretExists(key: string): Promise<boolean> {
    const answer = await fetch(`${platform.baseUrl}${secretPath(key)}`, { headers: { authorization: `Bearer ${token}` } });
    await answer.arrayBuffer();
    if (answer.status !== 200 && answer.status !== 404) throw new Error(`reading ${key} answered ${answer.status}`);
    return answer.status === 200;
  }

  it('answers a request without a token 401 before reading its body, and closes the connection', async () => {
    const client = await connectTo(port);
    const sentAt = Date.now();
    const head = requestHead('POST', secretPath('UNREAD'), { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(largeBody)) });
    // The first kilobyte with the headers, then 2 KB/s: the whole body would take more than two minutes.
    client.socket.write(head + largeBody.slice(0, 1024));
    const body = trickle(client.socket, largeBody.slice(1024), 200, 100);
    const raw = await client.answer();
    const answeredMs = Date.now() - sentAt;
    const { at } = await client.closed;
    const written = 1024 + (await body.written);
    const closedMs = at - sentAt;
    console.log(`no token, 256 KB body at 2 KB/s: 401 after ${answeredMs} ms, connection closed after ${closedMs} ms, ${written} body bytes sent`);
    const answer = answerOf(raw);
    expect(answer.status).toBe(401);
    expect(answer.head).toMatch(/\r\nConnection: close(\r\n|$)/i);
    expect(answer.head).toMatch(/\r\nWWW-Authenticate: Bearer/i);
    expect(answer.body).toMatchObject({ error: true, code: 'UNAUTHENTICATED', data: null });
    expect(httpStatusOf(answer.body.code)).toBe(401);
    expect(raw).not.toContain(CANARY);
    expect(answeredMs).toBeLessThan(1_000);
    expect(closedMs).toBeLessThan(1_000);
    expect(written).toBeLessThan(Buffer.byteLength(largeBody));
    expect(await secretExists('UNREAD')).toBe(false);
  });

  it('answers a client that sent a large body at once without a token 401, which it can read', async () => {
    const started = Date.now();
    const answer = await fetch(`${platform.baseUrl}${secretPath('UNREAD_FAST')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: largeBody,
    });
    console.log(`no token, 256 KB body at once: 401 after ${Date.now() - started} ms`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('connection')).toBe('close');
    expect(await answer.json()).toMatchObject({ error: true, code: 'UNAUTHENTICATED' });
    expect(await secretExists('UNREAD_FAST')).toBe(false);
  });

  it('never asks a client that waits for 100 Continue for its body when it has no token', async () => {
    const client = await connectTo(port);
    const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(largeBody)), Expect: '100-continue' };
    client.socket.write(requestHead('POST', secretPath('NOT_CONTINUED'), headers));
    const raw = await client.answer();
    await client.closed;
    expect(raw).not.toContain('100 Continue');
    expect(answerOf(raw).status).toBe(401);
    expect(answerOf(raw).head).toMatch(/\r\nConnection: close(\r\n|$)/i);

    const authenticated = await connectTo(port);
    const body = JSON.stringify({ value: 'continued' });
    authenticated.socket.write(
      requestHead('POST', secretPath('CONTINUED'), { ...headers, 'Content-Length': String(body.length), Authorization: `Bearer ${token}` }),
    );
    expect(await authenticated.answer()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    authenticated.socket.write(body);
    const created = await authenticated.answer();
    expect(answerOf(created).status, created).toBe(201);
    expect(await secretExists('NOT_CONTINUED')).toBe(false);
    expect(await secretExists('CONTINUED')).toBe(true);
  });

  it('cuts a request whose headers arrive a byte at a time once the headers timeout has passed, with a 408 envelope', async () => {
    const client = await connectTo(port);
    const startedAt = Date.now();
    const head = requestHead('GET', secretPath('SLOW_HEADERS'), { Authorization: `Bearer ${token}`, 'X-Padding': 'p'.repeat(200) });
    const sending = trickle(client.socket, head, 1, 50);
    const { at, received } = await client.closed;
    const cutMs = at - startedAt;
    const written = await sending.written;
    console.log(`headers at 20 B/s: cut after ${cutMs} ms (headers timeout ${HEADERS_TIMEOUT_MS} ms), ${written} of ${head.length} bytes sent`);
    expect(written).toBeLessThan(head.length);
    expect(cutMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(cutMs).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    const answer = answerOf(received);
    expect(answer.status).toBe(408);
    expect(answer.head).toMatch(/\r\nConnection: close(\r\n|$)/i);
    expect(answer.body).toEqual({ error: true, code: 'REQUEST_TIMEOUT', message: 'the request was not received in time', data: null });
  });

  it('cuts a connection that never sends a request after the headers timeout', async () => {
    const client = await connectTo(port);
    const startedAt = Date.now();
    const { at, received } = await client.closed;
    const cutMs = at - startedAt;
    console.log(`silent connection: cut after ${cutMs} ms (headers timeout ${HEADERS_TIMEOUT_MS} ms)`);
    expect(cutMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(cutMs).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    expect(answerOf(received).status).toBe(408);
  });

  it('closes an idle keep-alive connection after the idle timeout, without a word', async () => {
    const client = await connectTo(port);
    client.socket.write(requestHead('GET', '/healthz', {}));
    const raw = await client.answer();
    const answeredAt = Date.now();
    expect(answerOf(raw).status).toBe(200);
    expect(raw).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
    const { at, received } = await client.closed;
    const idleMs = at - answeredAt;
    console.log(`idle keep-alive connection: closed after ${idleMs} ms idle (idle timeout ${IDLE_TIMEOUT_MS} ms, announced Keep-Alive: timeout=1)`);
    expect(received).toBe(raw);
    expect(idleMs).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS);
    expect(idleMs).toBeLessThan(IDLE_TIMEOUT_MS + KEEP_ALIVE_BUFFER_MS + SLACK_MS);
  });

  it('cuts an authenticated request whose body trickles once the request timeout has passed, and stores nothing', async () => {
    const client = await connectTo(port);
    const startedAt = Date.now();
    client.socket.write(
      requestHead('POST', secretPath('SLOW_BODY'), {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(largeBody)),
      }),
    );
    const body = trickle(client.socket, largeBody, 200, 100);
    const { at, received } = await client.closed;
    const cutMs = at - startedAt;
    const written = await body.written;
    console.log(`token, 256 KB body at 2 KB/s: cut after ${cutMs} ms (request timeout ${REQUEST_TIMEOUT_MS} ms), ${written} body bytes sent`);
    expect(cutMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(cutMs).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    const answer = answerOf(received);
    expect(answer.status).toBe(408);
    expect(answer.body.code).toBe('REQUEST_TIMEOUT');
    expect(received).not.toContain(CANARY);
    expect(await secretExists('SLOW_BODY')).toBe(false);
  });

  it('reads the body of a public route (bootstrap) under the same request timeout', async () => {
    const client = await connectTo(port);
    const startedAt = Date.now();
    const body = JSON.stringify({ org: 'slow', project: 'api', padding: 'x'.repeat(64 * 1024) });
    client.socket.write(requestHead('POST', '/api/v1/bootstrap', { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }));
    trickle(client.socket, body, 100, 100);
    const { at, received } = await client.closed;
    const cutMs = at - startedAt;
    console.log(`bootstrap body at 1 KB/s: cut after ${cutMs} ms (request timeout ${REQUEST_TIMEOUT_MS} ms)`);
    expect(cutMs).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(answerOf(received).status).toBe(408);
  });

  it('still serves a request whose body arrives within the timeouts', async () => {
    const client = await connectTo(port);
    const body = JSON.stringify({ value: 'within the timeouts' });
    client.socket.write(
      requestHead('POST', secretPath('IN_TIME'), {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
      }),
    );
    trickle(client.socket, body, 4, 20);
    const raw = await client.answer();
    expect(answerOf(raw).status, raw).toBe(201);
    expect(await secretExists('IN_TIME')).toBe(true);
  });
});

describe('the connection cap', () => {
  const CAP = 4;
  const platform = usePlatform({ env: { ...LIMITS, COFFER_HTTP_IDLE_TIMEOUT_MS: '10000', COFFER_HTTP_MAX_CONNECTIONS: String(CAP) } });

  async function served(client: Connection): Promise<boolean> {
    client.socket.write(requestHead('GET', '/healthz', {}));
    return answerOf(await client.answer()).status === 200;
  }

  it('closes connections beyond the cap at once, without an answer, while those under it are served', async () => {
    const port = platform.platform.exportsOf(gatewayModule)!.port;
    const held = await Promise.all(Array.from({ length: CAP }, () => connectTo(port)));
    for (const client of held) expect(await served(client)).toBe(true);

    const startedAt = Date.now();
    const extra = await connectTo(port);
    extra.socket.write(requestHead('GET', '/healthz', {}));
    const { at, received } = await extra.closed;
    console.log(`connection ${CAP + 1} with a cap of ${CAP}: closed after ${at - startedAt} ms without an answer`);
    expect(received).toBe('');
    expect(at - startedAt).toBeLessThan(500);

    // The connections under the cap are still served, and one closed makes room for another.
    expect(await served(held[0]!)).toBe(true);
    held[1]!.socket.end();
    await held[1]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await served(await connectTo(port))).toBe(true);
  });
});
