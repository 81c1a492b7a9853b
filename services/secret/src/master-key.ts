import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@coffer/telemetry';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The key that wraps every organisation's KEKs in the local KMS provider. Production passes it in
 * COFFER_MASTER_KEY (the kms module requires it unless the database is embedded); only the embedded
 * mode may make one, once, into a 0600 file, with a loud warning, since losing that file loses
 * every secret and copying it hands them out.
 */
export async function embeddedMasterKey(dataDir: string, logger: Logger): Promise<Buffer> {
  const path = join(dataDir, MASTER_KEY_FILE);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path}: not a 32-byte base64 master key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  logger.warn(
    { path },
    'GENERATED A NEW MASTER KEY. Every secret in this embedded platform is only readable with this file: back it up, keep it private, and set COFFER_MASTER_KEY in production.',
  );
  return key;
}
