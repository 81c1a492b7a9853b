import { CofferError } from '@coffer/contract';
import { expect, it } from 'vitest';
import { createRevocationNotice } from './revocation-notice.js';

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    logger: {
      warn: (fields: object, message: string) => void lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
      debug: (fields: object, message: string) => void lines.push({ level: 'debug', fields: fields as Record<string, unknown>, message }),
    },
  };
}

it('resolves when publishing fails, warning once per interval with a count and without the hash', async () => {
  const clock = { now: 0 };
  const { lines, logger } = recordingLogger();
  const notice = createRevocationNotice({
    publish: () => Promise.reject(new CofferError('UNAVAILABLE', 'Redis is unavailable; retry later')),
    logger,
    intervalMs: 1_000,
    now: () => clock.now,
  });

  for (let i = 0; i < 5; i++) await expect(notice(`hash-${i}`)).resolves.toBeUndefined();
  clock.now = 1_000;
  await notice('hash-5');

  expect(lines.map(({ level, fields }) => [level, fields.notices])).toEqual([
    ['warn', 1],
    ['warn', 5],
  ]);
  expect(JSON.stringify(lines)).not.toContain('hash-');
});

it('publishes the hash, and names it only at debug level', async () => {
  const published: string[] = [];
  const { lines, logger } = recordingLogger();
  const notice = createRevocationNotice({ publish: async (tokenId) => void published.push(tokenId), logger });

  await notice('abc123');

  expect(published).toEqual(['abc123']);
  expect(lines).toEqual([{ level: 'debug', fields: { tokenId: 'abc123' }, message: 'revocation published' }]);
});
