import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@coffer/telemetry';

/**
 * A 32-byte key the embedded mode keeps in a 0600 file of the data directory, made once from the
 * CSPRNG with a loud warning; production passes such keys in the environment instead (the modules
 * that need one require it when DATABASE_URL is set). Losing the file loses what it protects, and
 * copying it hands that out: the warning says so.
 */
export async function embeddedKey({ dataDir, file, logger, warning }: { dataDir: string; file: string; logger: Logger; warning: string }): Promise<Buffer> {
  const path = join(dataDir, file);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path}: not a 32-byte base64 key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  logger.warn({ path }, warning);
  return key;
}
