import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { checksumMatches, ERROR_CODES, integrityKey, type ErrorCode } from '@coffer/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient } from './api.js';
import { CliError, EXIT } from './errors.js';

// Network faults a real gateway cannot be made to produce on demand: a server that never answers,
// one that hangs up mid-answer, one that is not Coffer at all.
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

function http(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> {
  return listen(
    createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => handler(req, body, res));
    }),
  );
}

async function failure(call: Promise<unknown>): Promise<CliError> {
  const err = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(err).toBeInstanceOf(CliError);
  return err as CliError;
}

const TOKEN = 'coffer_test-token-never-shown';

describe('apiClient', () => {
  it('sends the bearer token, a checksum over method, path and body, and closes the connection', async () => {
    let seen: { headers: IncomingMessage['headers']; body: string; url?: string } | undefined;
    const url = await http((req, body, res) => {
      seen = { headers: req.headers, body, url: req.url };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: false, message: 'ok', data: { values: { A: 'é' } } }));
    });
    const data = await apiClient(url, TOKEN).request('POST', '/orgs/acme/projects/api/envs/dev/inject', { keys: ['A'] });
    expect(data).toEqual({ values: { A: 'é' } });
    expect(seen!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen!.headers.connection).toBe('close');
    expect(seen!.body).toBe('{"keys":["A"]}');
    expect(seen!.headers['content-length']).toBe(String(Buffer.byteLength(seen!.body)));
    // As the gateway verifies it, with the contract's own check.
    expect(checksumMatches(integrityKey(TOKEN), String(seen!.headers['x-coffer-checksum']), 'POST', seen!.url!, seen!.body)).toBe(true);
  });

  it('gives up on a server that accepts but never answers, as unreachable', async () => {
    const url = await listen(createTcpServer(() => undefined));
    const err = await failure(apiClient(url, TOKEN, 200).request('GET', '/orgs'));
    expect(err.code).toBe(EXIT.UNREACHABLE);
    expect(err.message).toBe(`cannot reach the Coffer server at ${url} (timed out)`);
  });

  it('reports a connection cut mid-answer as unreachable, never as an empty success', async () => {
    const url = await listen(
      createTcpServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"error":false');
        setTimeout(() => socket.destroy(), 20);
      }),
    );
    const err = await failure(apiClient(url, TOKEN).request('GET', '/orgs'));
    expect(err.code).toBe(EXIT.UNREACHABLE);
    expect(err.message).not.toContain(TOKEN);
  });

  it('takes a proxy error page for an unreachable server', async () => {
    const url = await http((_req, _body, res) => {
      res.statusCode = 502;
      res.end('<html>Bad Gateway</html>');
    });
    expect((await failure(apiClient(url, TOKEN).request('GET', '/orgs'))).code).toBe(EXIT.UNREACHABLE);
  });

  it('maps an error answer to its exit code with the server message and a hint', async () => {
    const url = await http((_req, _body, res) => {
      res.statusCode = 403;
      res.end(JSON.stringify({ error: true, code: 'PERMISSION_DENIED', message: 'missing permission reveal', data: null }));
    });
    const err = await failure(apiClient(url, TOKEN).request('GET', '/orgs/acme'));
    expect(err.code).toBe(EXIT.PERMISSION);
    expect(err.message).toBe('the token lacks a permission for this: missing permission reveal (HTTP 403)');
  });

  // Written out here rather than read from errors.ts: scripts branch on these numbers.
  const EXPECTED_EXIT: Record<ErrorCode, number> = {
    INVALID_ARGUMENT: 8,
    PAYLOAD_TOO_LARGE: 8,
    HEADERS_TOO_LARGE: 8,
    FAILED_PRECONDITION: 8,
    UNAUTHENTICATED: 4,
    PERMISSION_DENIED: 5,
    NOT_FOUND: 6,
    ALREADY_EXISTS: 7,
    ABORTED: 7,
    UNAVAILABLE: 3,
    DEADLINE_EXCEEDED: 3,
    REQUEST_TIMEOUT: 3,
    RESOURCE_EXHAUSTED: 1,
    CANCELLED: 1,
    UNIMPLEMENTED: 1,
    DATA_LOSS: 1,
    INTERNAL: 1,
  };

  it('takes the exit code from the error code of the answer, not from its HTTP status, for every code', async () => {
    expect(Object.keys(EXPECTED_EXIT).sort()).toEqual([...ERROR_CODES].sort());
    // 200 and 404 both mislead: an error code must win over either.
    const url = await http((req, _body, res) => {
      const [, code, status] = req.url!.split('/').slice(-3);
      res.statusCode = Number(status);
      res.end(JSON.stringify({ error: true, code, message: `refused as ${code}`, data: { why: code } }));
    });
    const seen: Record<string, number> = {};
    for (const code of ERROR_CODES) {
      for (const status of [200, 404]) {
        const err = await failure(apiClient(url, TOKEN).request('GET', `/probe/${code}/${status}`));
        seen[`${code} ${status}`] = err.code;
        expect(err.data).toEqual({ why: code });
        expect(err.message).toContain(`refused as ${code} (HTTP ${status})`);
      }
    }
    expect(seen).toEqual(Object.fromEntries(ERROR_CODES.flatMap((code) => [200, 404].map((status) => [`${code} ${status}`, EXPECTED_EXIT[code]]))));
  });

  it('says the token was rejected for UNAUTHENTICATED even behind a misleading status', async () => {
    const url = await http((_req, _body, res) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: true, code: 'UNAUTHENTICATED', message: 'invalid token', data: null }));
    });
    const err = await failure(apiClient(url, TOKEN).request('GET', '/orgs'));
    expect(err.code).toBe(EXIT.UNAUTHENTICATED);
    expect(err.message).toBe('the server rejected the token; run coffer login again or check COFFER_TOKEN: invalid token (HTTP 500)');
  });

  it('maps an error answer without a code it knows (an older or newer server) by its HTTP status', async () => {
    const url = await http((req, _body, res) => {
      res.statusCode = Number(req.url!.split('/').pop());
      res.end(JSON.stringify({ error: true, ...(req.url!.includes('newer') ? { code: 'SOMETHING_NEW' } : {}), message: 'refused', data: null }));
    });
    const exitFor = async (path: string) => (await failure(apiClient(url, TOKEN).request('GET', path))).code;
    expect(await exitFor('/older/401')).toBe(EXIT.UNAUTHENTICATED);
    expect(await exitFor('/older/409')).toBe(EXIT.CONFLICT);
    expect(await exitFor('/older/413')).toBe(EXIT.INVALID);
    expect(await exitFor('/older/503')).toBe(EXIT.UNREACHABLE);
    expect(await exitFor('/older/500')).toBe(EXIT.GENERIC);
    expect(await exitFor('/newer/404')).toBe(EXIT.NOT_FOUND);
    expect(await exitFor('/newer/418')).toBe(EXIT.GENERIC);
  });

  it('refuses an answer that is not a Coffer envelope, success or 404', async () => {
    const url = await http((req, _body, res) => {
      if (req.url!.includes('missing')) res.statusCode = 404;
      res.end('<html>captive portal</html>');
    });
    const ok = await failure(apiClient(url, TOKEN).request('GET', '/orgs'));
    expect(ok.code).toBe(EXIT.GENERIC);
    expect(ok.message).toBe(`${url} did not answer like a Coffer server (HTTP 200); check the API URL`);
    const notFound = await failure(apiClient(url, TOKEN).request('GET', '/orgs/missing'));
    expect(notFound.code).toBe(EXIT.GENERIC);
    expect(notFound.message).toBe(`${url} did not answer like a Coffer server (HTTP 404); check the API URL`);
  });

  describe('conditional', () => {
    const TAG = '"Yk3JtCq0m1V2yXo8jQx5b4dE6fGhI7kLmNoPqRsTuVw"';
    /** A server that answers 304 with `answerTag` to If-None-Match `TAG`, and the data with `TAG` otherwise. */
    const conditionalServer = (answerTag: string | undefined, seen: (string | undefined)[]) =>
      http((req, _body, res) => {
        const sent = req.headers['if-none-match'];
        seen.push(sent);
        if (sent === TAG) {
          if (answerTag !== undefined) res.setHeader('etag', answerTag);
          res.statusCode = 304;
          res.end();
          return;
        }
        res.setHeader('etag', TAG);
        res.end(JSON.stringify({ error: false, message: 'ok', data: { values: { A: 'a' } } }));
      });

    it('sends the tag it holds and is told "not modified", or gets the data and its tag', async () => {
      const seen: (string | undefined)[] = [];
      const url = await conditionalServer(TAG, seen);
      const client = apiClient(url, TOKEN);
      expect(await client.conditional('POST', '/inject', undefined)).toEqual({ notModified: false, data: { values: { A: 'a' } }, etag: TAG });
      expect(await client.conditional('POST', '/inject', TAG)).toEqual({ notModified: true });
      expect(await client.conditional('POST', '/inject', '"older"')).toEqual({ notModified: false, data: { values: { A: 'a' } }, etag: TAG });
      expect(seen).toEqual([undefined, TAG, '"older"']);
    });

    it('takes a 304 that names the tag weakly, and refuses one for another tag or none', async () => {
      expect(await apiClient(await conditionalServer(`W/${TAG}`, []), TOKEN).conditional('POST', '/inject', TAG)).toEqual({ notModified: true });
      for (const answerTag of ['"another"', undefined]) {
        const url = await conditionalServer(answerTag, []);
        const err = await failure(apiClient(url, TOKEN).conditional('POST', '/inject', TAG));
        expect(err.code).toBe(EXIT.GENERIC);
        expect(err.message).toBe(`${url} did not answer like a Coffer server (HTTP 304); check the API URL`);
      }
    });
  });
});
