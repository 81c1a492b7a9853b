import { embeddedKey } from '@coffer/module';
import type { Logger } from '@coffer/telemetry';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The key that wraps every organisation's KEKs in the local KMS provider. Production passes it in
 * COFFER_MASTER_KEY (the kms module requires it unless the database is embedded); only the embedded
 * mode may make one, once, into a 0600 file.
 */
export function embeddedMasterKey(dataDir: string, logger: Logger): Promise<Buffer> {
  return embeddedKey({
    dataDir,
    file: MASTER_KEY_FILE,
    logger,
    warning:
      'GENERATED A NEW MASTER KEY. Every secret in this embedded platform is only readable with this file: back it up, keep it private, and set COFFER_MASTER_KEY in production.',
  });
}
