import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { cliHome, oneLine, type CliHome } from './support.js';

const platform = usePlatform();
let api: Api;
let token: string;
let cli: CliHome;
let proxy: Server;
let proxyUrl: string;
let tamper = false;

/** A man in the middle on loopback: forwards to the gateway and, when told to, rewrites request bodies. */
function startProxy(target: URL): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      let body = Buffer.concat(chunks).toString('utf8');
      // Same length, so Content-Length still fits and only the checksum can tell.
      if (tamper) body = body.replace('safe-value', 'evil-value');
      const forwarded = request(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  ({ token, api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  proxy = await startProxy(new URL(platform.baseUrl));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  cli = await cliHome();
});
afterAll(async () => {
  await cli?.remove();
  await new Promise((resolve) => proxy?.close(resolve));
});

const env = () => ({ COFFER_API_URL: proxyUrl, COFFER_TOKEN: token });
const scope = ['--org', 'acme', '--project', 'api', '--env', 'production'];

it('signs every request with a body, so an untouched request passes through a proxy', async () => {
  tamper = false;
  const set = await cli.run(['secrets', 'set', 'PASSED=safe-value', ...scope], { env: env() });
  expect(set.code, set.stderr).toBe(0);
  expect(expectOk(await api('GET', '/orgs/acme/projects/api/envs/production/secrets/PASSED?reveal=true')).value).toBe('safe-value');
});

it('is refused by the gateway when a body was altered on its way, and nothing is written', async () => {
  tamper = true;
  const set = await cli.run(['secrets', 'set', 'ALTERED=safe-value', ...scope], { env: env() });
  expect(set.code).toBe(8);
  expect(oneLine(set.stderr)).toMatch(/X-Coffer-Checksum/);
  expect((await api('GET', '/orgs/acme/projects/api/envs/production/secrets/ALTERED')).status).toBe(404);
});
