/**
 * The gateway's HTTP edge, as a client that writes its own bytes sees it: requests are written to
 * raw `node:net` sockets, because fetch merges repeated headers, fixes the framing and refuses to
 * send what a hostile client would. Every error answer, also those Node's parser gives before
 * Express sees a request, is a complete HTTP/1.1 answer with the JSON envelope; a request that can
 * be read two ways (bytes that are not UTF-8, a member, parameter or header given twice) is refused
 * naming the part and never quoting it; no answer carries a validator derived from its body.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, httpStatusOf, integrityKey, requestChecksum, type ErrorCode } from '@coffer/contract';
import { ROUTES, SCOPE_PATH, type Route } from '@coffer/gateway';
import { expectError, expectOk, scopePath, tableCounts } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform, type SeededOrg } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let acme: SeededOrg;
let api: Api;
let token: string;
let revocableTokenId: string;
const scope = scopePath('acme', 'api', 'development');
const secretPath = (key: string) => `/api/v1${scope}/secrets/${key}`;
/** Put into requests wherever a hostile client could put something; no answer may contain it. */
const CANARY = `sk_live_CANARY_${randomBytes(4).toString('hex')}`;

interface RawAnswer {
  /** Interim (1xx) status lines before the answer. */
  interim: string[];
  statusLine: string;
  status: number;
  /** Header values by lower-cased name, in the order sent. */
  headers: Record<string, string[]>;
  body: string;
  /** Everything the server sent on the connection. */
  text: string;
}

function parseAnswer(bytes: Buffer, method: string): RawAnswer {
  const text = bytes.toString('latin1');
  const interim: string[] = [];
  let start = 0;
  while (/^HTTP\/1\.1 1\d\d /.test(text.slice(start))) {
    const next = text.indexOf('\r\n\r\n', start);
    interim.push(text.slice(start, next));
    start = next + 4;
  }
  const end = text.indexOf('\r\n\r\n', start);
  expect(end, `no complete HTTP answer: ${JSON.stringify(text.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine = '', ...lines] = text.slice(start, end).split('\r\n');
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    (headers[line.slice(0, colon).toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
  }
  const length = method === 'HEAD' ? 0 : Number(headers['content-length']?.[0] ?? NaN);
  expect(headers['transfer-encoding'], 'a framed answer').toBeUndefined();
  expect(Number.isInteger(length), `Content-Length: ${headers['content-length']}`).toBe(true);
  const body = bytes.subarray(end + 4);
  // One answer, and nothing after it (no second answer from a handler that ran on anyway).
  expect(body.length, 'bytes after the answer').toBe(length);
  return { interim, statusLine, status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8'), text };
}

/** Writes `bytes` to a fresh connection and returns the one answer, once the server has closed the connection. */
function sendRaw(bytes: Buffer | string, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(platform.baseUrl).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server did not close the connection'));
    }, 10_000);
    socket.on('connect', () => socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(Buffer.concat(chunks), method));
      } catch (err) {
        reject(err);
      }
    });
  });
}

type HeaderList = readonly (readonly [string, string])[];

/** An HTTP/1.1 request with `Connection: close`, a Host unless `host` is false, and a Content-Length for a body unless the headers frame it. */
function httpRequest(method: string, target: string, headers: HeaderList = [], body?: Buffer | string, host = true): Buffer {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [
    `${method} ${target} HTTP/1.1`,
    ...(host ? ['Host: 127.0.0.1'] : []),
    ...headers.map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ];
  if (bytes && !headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name))) lines.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes ?? Buffer.alloc(0)]);
}

const bearer = (): [string, string] => ['Authorization', `Bearer ${token}`];
const json: [string, string] = ['Content-Type', 'application/json'];

interface ErrorBody {
  error: boolean;
  code: ErrorCode;
  message: string;
  data: unknown;
}

/**
 * The answer is a complete error answer: the status line, JSON, the security headers, the
 * envelope with a code whose status is this one, and nothing from the request.
 */
function expectEnvelope(answer: RawAnswer, status: number, expected: { code?: ErrorCode; field?: string } = {}): ErrorBody {
  expect(answer.statusLine, answer.text.slice(0, 300)).toMatch(new RegExp(`^HTTP/1\\.1 ${status} [A-Za-z]`));
  expect(answer.headers['content-type']).toEqual([expect.stringMatching(/^application\/json; charset=utf-8$/)]);
  expect(answer.headers['x-content-type-options']).toEqual(['nosniff']);
  expect(answer.headers['cache-control']).toEqual(['no-store']);
  expect(answer.headers['content-security-policy']?.[0]).toContain("default-src 'self'");
  expect(answer.headers['x-frame-options']).toEqual(['SAMEORIGIN']);
  expect(answer.headers['x-request-id']?.[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers['x-powered-by']).toBeUndefined();
  const body = JSON.parse(answer.body) as ErrorBody;
  expect(Object.keys(body).sort()).toEqual(['code', 'data', 'error', 'message']);
  expect(body.error).toBe(true);
  expect(ERROR_CODES).toContain(body.code);
  expect(httpStatusOf(body.code)).toBe(status);
  expect(body.message.length).toBeGreaterThan(0);
  if (expected.code) expect(body.code).toBe(expected.code);
  if (expected.field !== undefined) {
    expect(body.message).toContain(`'${expected.field}'`);
    expect(body.data).toEqual({ field: expected.field });
  }
  expect(answer.text).not.toContain(CANARY);
  return body;
}

let before: Record<string, number>;
beforeEach(async () => {
  before = await tableCounts(platform.database.url);
});
async function expectNothingChanged(): Promise<void> {
  expect(await tableCounts(platform.database.url)).toEqual(before);
  expect(expectOk(await api('GET', `${scope}/secrets/EXISTING?reveal=true`))).toMatchObject({ version: 1, value: 'original-value' });
}

beforeAll(async () => {
  acme = await seedOrg(platform, { org: 'acme', project: 'api' });
  ({ api, token } = acme);
  const put = (key: string, value: string) => api('POST', `${scope}/secrets/${key}`, { body: { value } });
  expectOk(await put('EXISTING', 'original-value'), 201);
  for (const key of ['ROUTED', 'ROUTE_DELETE', 'ROUTE_PURGE', 'ROUTE_RESTORE', 'ROUTE_ROLLBACK']) expectOk(await put(key, `${key}-v1`), 201);
  for (const key of ['ROUTED', 'ROUTE_ROLLBACK']) expectOk(await put(key, `${key}-v2`));
  expectOk(await api('DELETE', `${scope}/secrets/ROUTE_RESTORE`));
  revocableTokenId = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'revocable', permissions: ['read'] } }), 201).id;
});

describe("requests Node's HTTP parser refuses get a complete answer with the envelope", () => {
  const chunked = (body: string): Buffer => httpRequest('POST', secretPath('CHUNKED'), [bearer(), json, ['Transfer-Encoding', 'chunked']], body);
  const cases: [string, () => Buffer | string, number, ErrorCode][] = [
    ['request headers too large', () => httpRequest('GET', '/healthz', [['X-Big', `${CANARY}${'a'.repeat(20_000)}`]]), 431, 'HEADERS_TOO_LARGE'],
    ['an unknown method', () => `FOO /api/v1/orgs?${CANARY} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 501, 'UNIMPLEMENTED'],
    ['CONNECT', () => `CONNECT ${CANARY}.example:443 HTTP/1.1\r\nHost: ${CANARY}.example:443\r\n\r\n`, 501, 'UNIMPLEMENTED'],
    [
      'Content-Length with Transfer-Encoding',
      () => httpRequest('POST', secretPath('CHUNKED'), [bearer(), json, ['Content-Length', '5'], ['Transfer-Encoding', 'chunked']], '0\r\n\r\n'),
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'Content-Length twice',
      () => httpRequest('POST', secretPath('CHUNKED'), [bearer(), json, ['Content-Length', '2'], ['Content-Length', '2']], '{}'),
      400,
      'INVALID_ARGUMENT',
    ],
    ['a malformed Content-Length', () => httpRequest('POST', secretPath('CHUNKED'), [bearer(), json, ['Content-Length', '-1']], ''), 400, 'INVALID_ARGUMENT'],
    [
      'Transfer-Encoding twice',
      () => httpRequest('POST', secretPath('CHUNKED'), [bearer(), json, ['Transfer-Encoding', 'chunked'], ['Transfer-Encoding', 'chunked']], '0\r\n\r\n'),
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'a Transfer-Encoding other than chunked',
      () => httpRequest('POST', secretPath('CHUNKED'), [bearer(), json, ['Transfer-Encoding', 'gzip']], ''),
      400,
      'INVALID_ARGUMENT',
    ],
    ['a malformed chunk size', () => chunked(`ZZ\r\n{"value":"${CANARY}"}\r\n0\r\n\r\n`), 400, 'INVALID_ARGUMENT'],
    ['a chunk longer than its size', () => chunked(`4\r\n{"value":"${CANARY}"}\r\n0\r\n\r\n`), 400, 'INVALID_ARGUMENT'],
    ['chunk extensions too large', () => chunked(`2;${'a'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`), 413, 'PAYLOAD_TOO_LARGE'],
    ['a header name with a space', () => httpRequest('GET', '/healthz', [['X Coffer', CANARY]]), 400, 'INVALID_ARGUMENT'],
    ['a space before the colon', () => httpRequest('GET', '/api/v1/orgs', [['Authorization ', `Bearer ${CANARY}`]]), 400, 'INVALID_ARGUMENT'],
    ['a header value with a control character', () => httpRequest('GET', '/healthz', [['X-Request-Id', `${CANARY}\x01`]]), 400, 'INVALID_ARGUMENT'],
    ['a folded header line', () => httpRequest('GET', '/healthz', [['X-Folded', `a\r\n  ${CANARY}`]]), 400, 'INVALID_ARGUMENT'],
    ['a header line without a colon', () => `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${CANARY}\r\n\r\n`, 400, 'INVALID_ARGUMENT'],
    ['bare LF line ends', () => `GET /healthz HTTP/1.1\nHost: 127.0.0.1\nX-A: ${CANARY}\n\n`, 400, 'INVALID_ARGUMENT'],
    ['a raw byte past ASCII in the target', () => `GET /api/v1/orgs/acm\xe9/${CANARY} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 400, 'INVALID_ARGUMENT'],
    ['a NUL in the target', () => `GET /api/v1/orgs/${CANARY}\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 400, 'INVALID_ARGUMENT'],
    ['an HTTP version that does not exist', () => `GET /healthz?${CANARY} HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n`, 400, 'INVALID_ARGUMENT'],
    ['the HTTP/2 preface (prior knowledge, no TLS)', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x12\x04\x00\x00\x00\x00\x00', 400, 'INVALID_ARGUMENT'],
    ['a TLS handshake', () => Buffer.from('160301020001000001fc0303', 'hex'), 400, 'INVALID_ARGUMENT'],
    ['bytes that are not HTTP', () => Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe]), Buffer.from(CANARY)]), 400, 'INVALID_ARGUMENT'],
  ];

  it.each(cases)('%s: %i', async (_label, bytes, status, code) => {
    const answer = await sendRaw(bytes());
    expectEnvelope(answer, status, { code });
    expect(answer.headers.connection).toEqual(['close']);
    await expectNothingChanged();
    expect((await api('GET', `${scope}/secrets/CHUNKED`)).status).toBe(404);
  });

  it('a method Node does not know is 501, bytes that are not a method are 400', async () => {
    expect(expectEnvelope(await sendRaw(`FOO / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), 501).message).toBe('this method is not supported');
    expect(expectEnvelope(await sendRaw(Buffer.from('16030100', 'hex')), 400).message).toBe('the request is not HTTP/1.1');
  });

  it('a well-formed chunked body is still read', async () => {
    const body = JSON.stringify({ value: 'chunked-value' });
    const answer = await sendRaw(chunked(`${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`));
    expect(answer.status, answer.body).toBe(201);
    expect(expectOk(await api('GET', `${scope}/secrets/CHUNKED?reveal=true`)).value).toBe('chunked-value');
    expectOk(await api('DELETE', `${scope}/secrets/CHUNKED/permanent`));
  });
});

describe('the request line and headers, before anything acts on them', () => {
  it('refuses an HTTP/1.1 request without Host, naming it; HTTP/1.0 needs none', async () => {
    expectEnvelope(await sendRaw(httpRequest('GET', '/healthz', [], undefined, false)), 400, { field: 'Host' });
    const old = await sendRaw('GET /healthz HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(200);
    expect(JSON.parse(old.body)).toEqual({ error: false, message: 'ok', data: { status: 'ok' } });
  });

  it('refuses a request without an HTTP/1.x version', async () => {
    expectEnvelope(await sendRaw(`GET /healthz?${CANARY}\r\n\r\n`), 400);
  });

  it('refuses an Expect other than 100-continue, naming it, and honours 100-continue', async () => {
    expectEnvelope(await sendRaw(httpRequest('POST', secretPath('EXPECTED'), [bearer(), json, ['Expect', CANARY]], '{"value":"x"}')), 400, { field: 'Expect' });
    await expectNothingChanged();
    const continued = await sendRaw(httpRequest('POST', secretPath('EXPECTED'), [bearer(), json, ['Expect', '100-continue']], '{"value":"expected"}'));
    expect(continued.interim).toEqual(['HTTP/1.1 100 Continue']);
    expect(continued.status).toBe(201);
    expect(expectOk(await api('GET', `${scope}/secrets/EXPECTED?reveal=true`)).value).toBe('expected');
    expectOk(await api('DELETE', `${scope}/secrets/EXPECTED/permanent`));
  });

  it('refuses more than 100 header fields with 431, instead of dropping some', async () => {
    const fields = (count: number): HeaderList => Array.from({ length: count }, (_, i) => [`X-Field-${i}`, 'v'] as const);
    const tooMany = 'a request may send at most 100 header fields';
    // Host and Connection are two more.
    expect((await sendRaw(httpRequest('GET', '/healthz', fields(98)))).status).toBe(200);
    expect(expectEnvelope(await sendRaw(httpRequest('GET', '/healthz', fields(99))), 431, { code: 'HEADERS_TOO_LARGE' }).message).toBe(tooMany);
    // Past the count Node keeps (it drops the rest silently), a second Authorization at the end is not overlooked.
    const many: HeaderList = Array.from({ length: 2_500 }, () => ['X', ''] as const);
    const answer = await sendRaw(httpRequest('POST', secretPath('MANY'), [bearer(), json, ...many, ['Authorization', `Bearer ${CANARY}`]], '{"value":"x"}'));
    expect(expectEnvelope(answer, 431).message).toBe(tooMany);
    await expectNothingChanged();
  });

  it('answers OPTIONS and TRACE like any method without a route: 404 with the envelope, no Allow list', async () => {
    for (const target of [`/api/v1${scope}/secrets/EXISTING`, '/api/v1/bootstrap', '*']) {
      const answer = await sendRaw(
        httpRequest('OPTIONS', target, [
          ['Origin', 'https://evil.example'],
          ['Access-Control-Request-Method', 'POST'],
        ]),
      );
      expect(expectEnvelope(answer, 404).message).toBe('no route for this method and path');
      expect(answer.headers.allow).toBeUndefined();
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expectEnvelope(await sendRaw(httpRequest('TRACE', `/api/v1/orgs?${CANARY}`, [bearer()])), 404);
  });

  it('serves an absolute-form target as its path, and an Upgrade request as an ordinary one', async () => {
    const absolute = await sendRaw(httpRequest('GET', `http://${CANARY}.example${secretPath('EXISTING')}?reveal=true`, [bearer()]));
    expect(absolute.status).toBe(200);
    expect(JSON.parse(absolute.body).data.value).toBe('original-value');
    for (const upgrade of ['websocket', 'h2c']) {
      const answer = await sendRaw(
        httpRequest('GET', '/healthz', [
          ['Upgrade', upgrade],
          ['HTTP2-Settings', 'AAMAAABkAARAAAAAAAIAAAAA'],
        ]),
      );
      expect(answer.statusLine).toMatch(/^HTTP\/1\.1 200 /);
    }
  });

  it('answers HEAD as GET without a body, with no validator', async () => {
    const get = await sendRaw(httpRequest('GET', `${secretPath('EXISTING')}?reveal=true`, [bearer()]));
    const head = await sendRaw(httpRequest('HEAD', `${secretPath('EXISTING')}?reveal=true`, [bearer()]), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toEqual(get.headers['content-length']);
    expect(head.headers.etag).toBeUndefined();
    const missing = await sendRaw(httpRequest('HEAD', secretPath('NOPE'), [bearer()]), 'HEAD');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toEqual(['application/json; charset=utf-8']);
  });

  it('replaces a request id with control or non-ASCII characters, and never echoes it', async () => {
    for (const id of [`${CANARY}\tx`, `${CANARY}\xe9`, `${CANARY} x`]) {
      const answer = await sendRaw(httpRequest('GET', '/healthz', [['X-Request-Id', id]]));
      expect(answer.status).toBe(200);
      expect(answer.headers['x-request-id']?.[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.text).not.toContain(CANARY);
    }
  });

  it('refuses path parameters with NUL or percent-encoding that is not UTF-8, without echoing them', async () => {
    for (const segment of ['%00', `${CANARY}%00`, '%FF', `${CANARY}%C3%28`, '%E0%A4%A']) {
      expectEnvelope(await sendRaw(httpRequest('POST', secretPath(segment), [bearer(), json], '{"value":"x"}')), 400);
      expectEnvelope(await sendRaw(httpRequest('GET', `/api/v1/orgs/${segment}/projects`, [bearer()])), 400);
    }
    await expectNothingChanged();
  });
});

describe('a header the API reads, given twice', () => {
  const setSecret = (headers: HeaderList, host = true) => httpRequest('POST', secretPath('TWICE'), [json, ...headers], '{"value":"twice"}', host);
  const checksum = (body: string) => requestChecksum(integrityKey(token), 'POST', secretPath('TWICE'), Buffer.from(body));
  const cases: [string, () => HeaderList, boolean?][] = [
    ['Authorization', () => [bearer(), ['Authorization', `Bearer ${CANARY}`]]],
    ['Authorization', () => [['Authorization', `Bearer ${CANARY}`], bearer()]],
    ['Authorization', () => [bearer(), ['AUTHORIZATION', `Bearer ${token}`]]],
    ['Content-Type', () => [bearer(), ['content-type', `text/plain; ${CANARY}`]]],
    ['Idempotency-Key', () => [bearer(), ['Idempotency-Key', 'first-key'], ['Idempotency-Key', CANARY]]],
    ['X-Coffer-Checksum', () => [bearer(), ['X-Coffer-Checksum', checksum('{"value":"twice"}')], ['X-Coffer-Checksum', CANARY]]],
    ['X-Request-Id', () => [bearer(), ['X-Request-Id', 'trace-0123456789'], ['x-request-id', CANARY]]],
    ['Host', () => [bearer(), ['Host', '127.0.0.1'], ['Host', `${CANARY}.example`]], false],
    ['Content-Encoding', () => [bearer(), ['Content-Encoding', 'identity'], ['Content-Encoding', 'identity']]],
    ['If-None-Match', () => [bearer(), ['If-None-Match', '*'], ['If-None-Match', `"${CANARY}"`]]],
    ['If-Modified-Since', () => [bearer(), ['If-Modified-Since', 'Wed, 21 Oct 2015 07:28:00 GMT'], ['If-Modified-Since', CANARY]]],
    ['Expect', () => [bearer(), ['Expect', '100-continue'], ['Expect', '100-continue']]],
  ];

  it.each(cases)('%s: refused with 400 naming it (never its values), before authentication, and nothing is written', async (header, headers, host = true) => {
    const answer = await sendRaw(setSecret(headers(), host));
    const body = expectEnvelope(answer, 400, { field: header });
    expect(body.message).toBe(`header '${header}': must be given only once`);
    expect(answer.text).not.toContain(token);
    await expectNothingChanged();
    expect((await api('GET', `${scope}/secrets/TWICE`)).status).toBe(404);
  });

  it('two Authorization headers with unknown tokens are a 400, not a 401: the request is refused before any token is looked at', async () => {
    const answer = await sendRaw(
      setSecret([
        ['Authorization', `Bearer coffer_${'A'.repeat(43)}000000`],
        ['Authorization', `Bearer ${CANARY}`],
      ]),
    );
    expectEnvelope(answer, 400, { field: 'Authorization' });
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });

  it('headers the API does not read may repeat', async () => {
    const answer = await sendRaw(setSecret([bearer(), ['Accept', 'application/json'], ['Accept', '*/*'], ['X-Custom', 'a'], ['X-Custom', 'b']]));
    expect(answer.status, answer.body).toBe(201);
    expectOk(await api('DELETE', `${scope}/secrets/TWICE/permanent`));
  });
});

describe('request bodies that cannot be read one way', () => {
  const post = (path: string, body: Buffer | string, headers: HeaderList = []) =>
    sendRaw(httpRequest('POST', `/api/v1${path}`, [bearer(), json, ...headers], body));
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

  it('refuses bytes that are not UTF-8 with 400 naming the field, and stores nothing', async () => {
    const cases: [string, Buffer, string][] = [
      [`${scope}/secrets/NOT_UTF8`, bytes(`{"value":"${CANARY}`, [0xff, 0xfe], '"}'), 'value'],
      [`${scope}/secrets/NOT_UTF8`, bytes('{"value":"x","description":"caf', [0xe9], '"}'), 'description'],
      [`${scope}/secrets/EXISTING`, bytes('{"value":"', [0xc3, 0x28], `${CANARY}"}`), 'value'],
      [`${scope}/secrets/NOT_UTF8`, bytes('{"value":"', [0xed, 0xa0, 0x80], '"}'), 'value'],
      [`${scope}/sync/push`, bytes('{"entries":[{"key":"A","value":"1"},{"key":"NOT_UTF8","value":"', [0x80], '"}]}'), 'entries.1.value'],
      [`${scope}/sync/push`, bytes('{"format":"env","content":"NOT_UTF8=', [0xc0, 0xaf], '\\n"}'), 'content'],
      [`${scope}/sync/diff`, bytes('{"format":"env","content":"NOT_UTF8=', [0xf8], '\\n"}'), 'content'],
      ['/orgs', bytes('{"slug":"not-utf', [0xff], '"}'), 'slug'],
      ['/orgs/acme/tokens', bytes('{"name":"', [0xfe], '","permissions":["read"]}'), 'name'],
    ];
    for (const [path, body, field] of cases) {
      const refused = expectEnvelope(await post(path, body), 400, { field });
      expect(refused.message).toBe(`body field '${field}': must be valid UTF-8`);
    }
    expect((await api('GET', `${scope}/secrets/NOT_UTF8`)).status).toBe(404);
    await expectNothingChanged();
  });

  it('refuses them also when they arrive compressed', async () => {
    const body = gzipSync(bytes('{"value":"', [0xff], '"}'));
    expectEnvelope(await post(`${scope}/secrets/NOT_UTF8`, body, [['Content-Encoding', 'gzip']]), 400, { field: 'value' });
    await expectNothingChanged();
  });

  it('refuses a member name given twice, however spelled and however deep, naming it; nothing is written', async () => {
    const cases: [string, string, string][] = [
      ['/orgs', '{"slug":"dup-a","slug":"dup-b"}', 'slug'],
      ['/orgs/acme/projects', '{"slug":"dup-a","\\u0073lug":"dup-b"}', 'slug'],
      [`${scope}/secrets/DUPLICATE`, `{"value":"${CANARY}","value":"other"}`, 'value'],
      [`${scope}/secrets/EXISTING`, '{"value":"changed","expectedVersion":1,"expectedVersion":0}', 'expectedVersion'],
      [`${scope}/sync/push`, '{"entries":[{"key":"DUPLICATE","value":"1","value":"2"}]}', 'entries.0.value'],
      [`${scope}/sync/push`, '{"format":"env","content":"A=1\\n","dryRun":true,"dryRun":false}', 'dryRun'],
      ['/orgs/acme/tokens', '{"name":"t","permissions":["read"],"permissions":["admin"]}', 'permissions'],
    ];
    for (const [path, body, field] of cases) {
      expect(expectEnvelope(await post(path, body), 400, { field }).message).toBe(`body field '${field}': must be given only once`);
    }
    // Also on the one public route, before anything else is judged.
    const bootstrap = await sendRaw(httpRequest('POST', '/api/v1/bootstrap', [json], '{"org":"a","org":"b"}'));
    expectEnvelope(bootstrap, 400, { field: 'org' });
    expect((await api('GET', `${scope}/secrets/DUPLICATE`)).status).toBe(404);
    await expectNothingChanged();
  });

  it('refuses a body nested too deeply, and a body that is not a JSON object', async () => {
    expectEnvelope(await post(`${scope}/secrets/DEEP`, `{"value":"x","description":${'['.repeat(50_000)}${']'.repeat(50_000)}}`), 400);
    for (const body of ['null', `"${CANARY}"`, '[]', `[{"value":"${CANARY}"}]`]) {
      expect(expectEnvelope(await post(`${scope}/secrets/DEEP`, body), 400).message).toBe('request body must be a JSON object');
    }
    expectEnvelope(await post(`${scope}/secrets/DEEP`, `{"value":"${CANARY}",}`), 400);
    await expectNothingChanged();
  });

  it('refuses a charset other than UTF-8, naming Content-Type', async () => {
    for (const charset of ['latin1', 'utf-16le', '"iso-8859-1"']) {
      const answer = await sendRaw(
        httpRequest('POST', secretPath('CHARSET'), [bearer(), ['Content-Type', `application/json; charset=${charset}`]], '{"value":"x"}'),
      );
      expectEnvelope(answer, 400, { field: 'Content-Type' });
    }
    expectOk(await api('POST', `${scope}/secrets/CHARSET`, { rawBody: '{"value":"é"}', headers: { 'content-type': 'application/json; charset=UTF-8' } }), 201);
    expectOk(await api('DELETE', `${scope}/secrets/CHARSET/permanent`));
  });

  it('ignores a leading byte order mark, which the request checksum still covers', async () => {
    const body = bytes([0xef, 0xbb, 0xbf], '{"value":"after-bom\u{feff}"}');
    const signed = requestChecksum(integrityKey(token), 'POST', secretPath('BOM'), body);
    expect((await post(`${scope}/secrets/BOM`, body, [['X-Coffer-Checksum', signed]])).status).toBe(201);
    expect(expectOk(await api('GET', `${scope}/secrets/BOM?reveal=true`)).value).toBe('after-bom\u{feff}');
    const unsigned = requestChecksum(integrityKey(token), 'POST', secretPath('BOM'), body.subarray(3));
    expectEnvelope(await post(`${scope}/secrets/BOM`, body, [['X-Coffer-Checksum', unsigned]]), 400, { field: 'X-Coffer-Checksum' });
    expectOk(await api('DELETE', `${scope}/secrets/BOM/permanent`));
  });
});

describe('query strings that cannot be read one way', () => {
  it('refuses a parameter that is not valid percent-encoding, not UTF-8 or holds NUL, naming it', async () => {
    const cases: [string, string][] = [
      ['/orgs/acme/audit?action=%FF', 'action'],
      ['/orgs/acme/audit?resource=%C3%28', 'resource'],
      ['/orgs/acme/audit?action=%ZZ', 'action'],
      ['/orgs/acme/audit?resource=orgs%', 'resource'],
      ['/orgs/acme/audit?action=a%00b', 'action'],
      [`${scope}/secrets/EXISTING?reveal=%FF`, 'reveal'],
      [`${scope}/sync/pull?format=env%C0%AF`, 'format'],
    ];
    for (const [path, field] of cases) expectError(await api('GET', path), 400, field);
    await expectNothingChanged();
  });

  it('refuses a parameter given twice, naming it, and reveals nothing', async () => {
    for (const query of ['reveal=true&reveal=false', 'reveal=false&reveal=true', 'reveal=true&%72eveal=true']) {
      const refused = await api('GET', `${scope}/secrets/EXISTING?${query}`);
      expectError(refused, 400, 'reveal');
      expect(refused.body.message).toBe("query field 'reveal': must be given only once");
      expect(JSON.stringify(refused.body)).not.toContain('original-value');
    }
    expectError(await api('GET', `${scope}/secrets?includeDeleted=true&includeDeleted=false`), 400, 'includeDeleted');
    expectError(await api('GET', `${scope}/sync/pull?format=env&format=json`), 400, 'format');
    expectError(await api('DELETE', `${scope}/secrets/EXISTING?x=1&x=2`), 400, 'x');
    await expectNothingChanged();
  });

  it('never echoes a parameter name that is not a plain identifier', async () => {
    for (const name of ['%1B%5B31m', `${CANARY}%20x`, 'a.b', '%C3%A9']) {
      const refused = await api('GET', `${scope}/secrets?${name}=1`);
      expectError(refused, 400, '?');
      expect(JSON.stringify(refused.body)).not.toMatch(/\u001b|sk_live|a\.b|é/);
    }
  });
});

describe('no answer carries a validator derived from its body', () => {
  const VALIDATORS = ['etag', 'last-modified', 'content-md5', 'digest', 'repr-digest', 'content-digest'];
  const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;
  const SECRET = `${SCOPE_PATH}/secrets/:key`;

  /** A request every declared route answers with success (bootstrap, once done, with 409). */
  const SAMPLES: Record<string, { key?: string; query?: string; body?: unknown; status: number }> = {
    'POST /bootstrap': { body: { org: 'late', project: 'api' }, status: 409 },
    'POST /auth/signup': { body: { email: 'etag@example.com', password: 'a passphrase long enough 42' }, status: 202 },
    'POST /auth/verify-email': { body: { token: 'x'.repeat(43) }, status: 400 },
    'POST /auth/login': { body: { email: 'nobody@example.com', password: 'not the password' }, status: 401 },
    'POST /auth/login/2fa': { body: { challenge: 'x'.repeat(43), code: '123456' }, status: 401 },
    'POST /auth/refresh': { body: { refreshToken: 'coffer_rt_made-up' }, status: 401 },
    'POST /auth/logout': { body: {}, status: 401 },
    'POST /auth/password/forgot': { body: { email: 'nobody@example.com' }, status: 202 },
    'POST /auth/password/reset': { body: { token: 'x'.repeat(43), password: 'a passphrase long enough 42' }, status: 400 },
    'POST /auth/invitations/accept': { body: { token: 'x'.repeat(43) }, status: 400 },
    'GET /me': { status: 200 },
    'GET /me/sessions': { status: 400 },
    'DELETE /me/sessions/:sessionId': { status: 400 },
    'GET /me/2fa': { status: 400 },
    'POST /me/2fa': { status: 400 },
    'POST /me/2fa/confirm': { body: { code: '123456' }, status: 400 },
    'POST /me/2fa/disable': { body: { code: '123456' }, status: 400 },
    'POST /orgs/:org/invitations': { body: { email: 'etag-invitee@example.com', role: 'member' }, status: 201 },
    'GET /orgs/:org/settings': { status: 200 },
    'POST /orgs/:org/settings': { body: { requireTwoFactor: false }, status: 200 },
    'GET /orgs': { status: 200 },
    'POST /orgs': { body: { slug: 'etag-org' }, status: 201 },
    'GET /orgs/:org/projects': { status: 200 },
    'POST /orgs/:org/projects': { body: { slug: 'etag-project' }, status: 201 },
    'GET /orgs/:org/projects/:project/envs': { status: 200 },
    'POST /orgs/:org/projects/:project/envs': { body: { slug: 'etag-env' }, status: 201 },
    'POST /orgs/:org/tokens': { body: { name: 'etag-token', permissions: ['read'] }, status: 201 },
    'DELETE /orgs/:org/tokens/:tokenId': { status: 200 },
    'GET /orgs/:org/audit': { query: 'limit=5', status: 200 },
    'GET /orgs/:org/tokens': { status: 200 },
    'POST /orgs/:org/tokens/:tokenId/rotate': { body: { overlapSeconds: 60 }, status: 201 },
    'GET /orgs/:org/service-accounts': { status: 200 },
    'POST /orgs/:org/service-accounts': { body: { name: 'etag-account' }, status: 201 },
    'DELETE /orgs/:org/service-accounts/:name': { status: 200 },
    'GET /orgs/:org/members': { status: 200 },
    'PATCH /orgs/:org/members/:userId': { body: { role: 'member' }, status: 404 },
    'DELETE /orgs/:org/members/:userId': { status: 404 },
    'GET /orgs/:org/roles': { status: 200 },
    'POST /orgs/:org/roles': { body: { name: 'etag-role', permissions: ['read'] }, status: 201 },
    'PATCH /orgs/:org/roles/:role': { body: { description: 'patched' }, status: 200 },
    'DELETE /orgs/:org/roles/:role': { status: 200 },
    'GET /orgs/:org/grants': { status: 200 },
    'PUT /orgs/:org/grants': { body: { user: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', project: 'api', role: 'viewer' }, status: 404 },
    'DELETE /orgs/:org/grants/:grantId': { status: 404 },
    'PATCH /orgs/:org/projects/:project/envs/:env': { body: { protected: false }, status: 200 },
    'POST /orgs/:org/projects/:project/envs/:env/break-glass': { body: { reason: 'a sample reason of the edge test' }, status: 403 },
    'GET /orgs/:org/break-glass': { status: 200 },
    'POST /orgs/:org/break-glass/:id/close': { status: 404 },
    'POST /orgs/:org/break-glass/:id/review': { body: { note: 'reviewed' }, status: 404 },
    [`GET ${SCOPE_PATH}/change-requests`]: { status: 200 },
    [`GET ${SCOPE_PATH}/change-requests/:id`]: { status: 404 },
    [`POST ${SCOPE_PATH}/change-requests/:id/approve`]: { status: 404 },
    [`POST ${SCOPE_PATH}/change-requests/:id/reject`]: { body: {}, status: 404 },
    [`GET ${SCOPE_PATH}/secrets`]: { status: 200 },
    [`POST ${SCOPE_PATH}/inject`]: { status: 200 },
    [`GET ${SECRET}`]: { key: 'ROUTED', query: 'reveal=true', status: 200 },
    [`POST ${SECRET}`]: { key: 'ROUTE_SET', body: { value: 'route-set-value' }, status: 201 },
    [`DELETE ${SECRET}`]: { key: 'ROUTE_DELETE', status: 200 },
    [`DELETE ${SECRET}/permanent`]: { key: 'ROUTE_PURGE', status: 200 },
    [`POST ${SECRET}/restore`]: { key: 'ROUTE_RESTORE', status: 200 },
    [`GET ${SECRET}/history`]: { key: 'ROUTED', status: 200 },
    [`GET ${SECRET}/diff`]: { key: 'ROUTED', query: 'from=1&to=2&reveal=true', status: 200 },
    [`POST ${SECRET}/rollback`]: { key: 'ROUTE_ROLLBACK', body: { version: 1 }, status: 200 },
    [`POST ${SCOPE_PATH}/sync/push`]: { body: { format: 'env', content: 'ROUTE_PUSHED=pushed\n' }, status: 200 },
    [`GET ${SCOPE_PATH}/sync/pull`]: { query: 'format=env', status: 200 },
    [`POST ${SCOPE_PATH}/sync/diff`]: { body: { format: 'env', content: 'ROUTED=local\n' }, status: 200 },
  };

  function pathOf(route: Route): string {
    const sample = SAMPLES[label(route)]!;
    const values: Record<string, string> = {
      org: 'acme',
      project: 'api',
      env: 'development',
      key: sample.key ?? 'ROUTED',
      tokenId: revocableTokenId,
      sessionId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      // Nothing of these exists: a refusal must carry no validator either.
      userId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      grantId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      role: 'etag-role',
      name: 'etag-account',
    };
    const path = `/api/v1${route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => values[name]!)}`;
    return sample.query ? `${path}?${sample.query}` : path;
  }

  async function send(method: string, path: string, options: { body?: unknown; auth?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${platform.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  }

  /** Inject and pull answer an ETag the Secret service makes from versions, never from the body (conditional.test.ts). */
  const TAGGED = new Set([`POST ${SCOPE_PATH}/inject`, `GET ${SCOPE_PATH}/sync/pull`]);

  function expectNoValidator(response: Response, what: string): void {
    for (const name of VALIDATORS) {
      if (name === 'etag' && TAGGED.has(what)) expect(response.headers.get(name), what).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      else expect(response.headers.get(name), `${what}: ${name}`).toBeNull();
    }
  }

  it('has a sample request for every declared route', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(ROUTES.map(label).sort());
  });

  it('on every declared route, and on health, metrics and errors', async () => {
    for (const route of ROUTES) {
      const sample = SAMPLES[label(route)]!;
      const response = await send(route.method.toUpperCase(), pathOf(route), { body: sample.body });
      expect(response.status, `${label(route)}: ${await response.clone().text()}`).toBe(sample.status);
      expectNoValidator(response, label(route));
    }
    const others: [string, string, { body?: unknown; auth?: boolean }, number][] = [
      ['GET', '/healthz', { auth: false }, 200],
      ['GET', '/readyz', { auth: false }, 200],
      ['GET', '/metrics', { auth: false }, 200],
      ['GET', '/nowhere', { auth: false }, 404],
      ['GET', `/api/v1${scope}/secrets/EXISTING?reveal=true`, { auth: false }, 401],
      ['GET', `/api/v1${scope}/secrets/NOPE?reveal=true`, {}, 404],
      ['POST', `/api/v1${scope}/secrets/EXISTING`, { body: { value: 1 } }, 400],
      ['POST', `/api/v1${scope}/secrets/EXISTING`, { body: { value: 'x', expectedVersion: 0 } }, 409],
      ['POST', `/api/v1${scope}/secrets/EXISTING`, { body: { value: 'x'.repeat(600_000) } }, 413],
    ];
    for (const [method, path, options, status] of others) {
      const response = await send(method, path, options);
      expect(response.status, path).toBe(status);
      expectNoValidator(response, `${method} ${path}`);
    }
  });

  it('two reveals of different values of the same length differ in no header but Date, X-Request-Id and Content-Length', async () => {
    expectOk(await api('POST', `${scope}/secrets/TWIN_A`, { body: { value: 'first-value-aaaa' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/TWIN_B`, { body: { value: 'other-value-bbbb' } }), 201);
    const headersOf = async (key: string) => {
      const answer = await sendRaw(httpRequest('GET', `${secretPath(key)}?reveal=true`, [bearer()]));
      expect(answer.status).toBe(200);
      return answer.headers;
    };
    const [a, b] = [await headersOf('TWIN_A'), await headersOf('TWIN_B')];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    const differing = Object.keys(a).filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
    // RateLimit counts down with every answer (the quota left is about the caller, not the secret).
    expect(differing.filter((name) => !['date', 'x-request-id', 'content-length', 'ratelimit'].includes(name))).toEqual([]);
  });

  it('never answers 304 but where a route keeps a tag of its own (pull, to *), whatever the conditional headers say', async () => {
    const oldETag = (body: string) => {
      const bytes = Buffer.from(body);
      return `W/"${bytes.length.toString(16)}-${createHash('sha1').update(bytes).digest('base64').slice(0, 27)}"`;
    };
    // Every GET an API token is answered 200 (a person's own sessions and second factor are not a token's).
    for (const route of ROUTES.filter((r) => r.method === 'get' && SAMPLES[label(r)]?.status === 200)) {
      const path = pathOf(route);
      const first = await send('GET', path);
      const body = await first.text();
      expect(first.status, path).toBe(200);
      const conditionals: Record<string, string>[] = [
        { 'if-none-match': '*' },
        { 'if-none-match': oldETag(body) },
        { 'if-modified-since': new Date(Date.now() + 86_400_000).toUTCString() },
      ];
      for (const conditional of conditionals) {
        // `*` is "any current answer" (RFC 9110 13.1.2): a route with a tag of its own has one.
        const status = TAGGED.has(label(route)) && conditional['if-none-match'] === '*' ? 304 : 200;
        for (const method of ['GET', 'HEAD']) {
          const again = await send(method, path, { headers: conditional });
          expect(again.status, `${method} ${path} ${JSON.stringify(conditional)}`).toBe(status);
          if (method === 'GET' && status === 200) expect(JSON.parse(await again.text())).toMatchObject({ error: false, data: expect.anything() });
        }
      }
    }
  });
});

describe('the log', () => {
  it('holds nothing any request above put anywhere, and no unexpected error', () => {
    const logs = platform.logs();
    expect(logs).not.toContain(CANARY);
    expect(logs).not.toContain('unexpected error');
  });
});
