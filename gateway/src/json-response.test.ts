import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanJson } from './json-response.js';

/** The same route on Express's own res.json and on leanJson, answered side by side, with ETag off as the gateway runs. */
const bodies: Record<string, unknown> = {
  small: { error: false, message: 'ok', data: { status: 'ok' } },
  large: {
    error: false,
    message: 'ok',
    data: { values: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`KEY_${i}`, `välue-${'x'.repeat(40)}-${i}`])) },
  },
  escapes: { error: false, message: 'ok', data: { value: 'line\n\u2028\u0000"quoted"\u001b[31m' } },
};

const servers: { close(): void }[] = [];

async function serve(lean: boolean): Promise<number> {
  const app: Express = express();
  app.set('etag', false);
  if (lean) app.response.json = leanJson;
  app.all('/:name', (req, res) => {
    res.status(req.params.name === 'small' ? 200 : 201).json(bodies[req.params.name]);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

function fetchRaw(port: number, method: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, method, path, host: '127.0.0.1' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const { date: _date, ...headers } = res.headers;
        resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

let express_: number;
let lean: number;

beforeAll(async () => {
  [express_, lean] = [await serve(false), await serve(true)];
});
afterAll(() => servers.forEach((server) => server.close()));

describe('leanJson', () => {
  it.each(['small', 'large', 'escapes'])('answers %s exactly as Express does: status, headers and bytes', async (name) => {
    for (const method of ['GET', 'POST']) {
      const [expected, actual] = [await fetchRaw(express_, method, `/${name}`), await fetchRaw(lean, method, `/${name}`)];
      expect(actual).toEqual(expected);
      expect(JSON.parse(actual.body)).toEqual(bodies[name]);
    }
  });

  it('sends no body to HEAD, but its length', async () => {
    const head = await fetchRaw(lean, 'HEAD', '/large');
    expect(head).toEqual(await fetchRaw(express_, 'HEAD', '/large'));
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(bodies.large)));
  });
});
