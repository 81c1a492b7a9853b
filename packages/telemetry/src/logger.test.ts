import { describe, expect, it } from 'vitest';
import { createLogger } from './index.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

const SECRET_KEYS = [
  'token',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'value',
  'values',
  'password',
  'secret',
  'masterKey',
  'master_key',
  'dek',
  'kek',
  'plaintext',
  'wrappedDek',
  'assertion',
  'x-coffer-principal',
];

describe('createLogger', () => {
  it('keeps tokens, authorization headers and secret values out of a log line', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', name: 'test', destination });

    logger.info({ token: 'coffer_abc', req: { headers: { authorization: 'Bearer x' } }, value: 'canary' }, 'request');

    expect(lines).toHaveLength(1);
    const [line = ''] = lines;
    for (const leaked of ['coffer_abc', 'Bearer x', 'canary']) expect(line).not.toContain(leaked);
    expect(JSON.parse(line)).toMatchObject({
      token: '[redacted]',
      req: { headers: { authorization: '[redacted]' } },
      value: '[redacted]',
      msg: 'request',
    });
  });

  it.each(SECRET_KEYS)('redacts %s at depths one to three', (key) => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', name: 'test', destination });

    logger.info({ [key]: 'canary-1', outer: { [key]: 'canary-2', inner: { [key]: 'canary-3' } } });

    expect(lines.join('')).not.toContain('canary');
  });

  it('redacts bindings of child loggers and properties of logged errors', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', name: 'test', destination });

    logger.child({ token: 'canary-child' }).info('child');
    logger.error({ err: Object.assign(new Error('boom'), { password: 'canary-error' }) }, 'failed');

    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('canary');
  });

  it('leaves other fields alone and writes the name and level label', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', name: 'gateway', destination });

    logger.info({ route: '/api/v1/orgs', status: 200 }, 'served');

    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', name: 'gateway', route: '/api/v1/orgs', status: 200 });
  });

  it('drops lines below the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', name: 'test', destination });

    logger.info('quiet');
    logger.warn('loud');

    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['loud']);
  });
});
