import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isCofferError } from '@coffer/contract';
import { databaseModule } from '@coffer/db';
import { createAuthClient, unary } from '@coffer/grpc';
import { defineModule } from '@coffer/module';
import type { Logger } from '@coffer/telemetry';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * The embedded platform sets itself up on first start, so `pnpm start` gives a working token:
 * bootstrap through the Auth service, print the admin token once, keep it in a 0600 file.
 */
export async function bootstrapEmbedded({
  authAddress,
  dataDir,
  logger,
  print,
}: {
  authAddress: string;
  dataDir: string;
  logger: Logger;
  print(line: string): void;
}): Promise<void> {
  const tokenFile = join(dataDir, ADMIN_TOKEN_FILE);
  const client = createAuthClient(authAddress);
  try {
    const result = await unary(
      client,
      'Bootstrap',
      { orgSlug: 'default', orgName: 'default', projectSlug: 'default', projectName: 'default' },
      {
        ctx: { requestId: 'first-run-bootstrap' },
      },
    );
    const token = result.token?.token;
    if (!token) throw new Error('bootstrap answered without a token');
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600, flag: 'wx' });
    print(
      [
        '',
        'Coffer is bootstrapped: organisation "default", project "default", environments development, staging, production.',
        `Admin token (shown once; also saved to ${tokenFile}, mode 0600):`,
        '',
        `  ${token}`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    if (isCofferError(err) && err.code === 'ALREADY_EXISTS') {
      const saved = await access(tokenFile).then(
        () => true,
        () => false,
      );
      logger.info(saved ? { tokenFile } : {}, 'platform already bootstrapped');
      return;
    }
    throw err;
  } finally {
    client.close();
  }
}

/** The embedded default sets itself up on its first start, before the gateway takes a request. */
export const firstRunModule = defineModule({
  name: 'first-run',
  kind: 'infrastructure',
  description: 'embedded only: bootstraps the platform once and keeps the admin token in the data directory',
  dependsOn: ['database', 'auth'],
  async start(ctx) {
    const authAddress = ctx.grpcAddress('auth');
    if (ctx.use(databaseModule).backend === 'pglite' && authAddress) {
      await bootstrapEmbedded({ authAddress, dataDir: ctx.platform.dataDir, logger: ctx.logger, print: ctx.print });
    }
    return {};
  },
});
