import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@coffer/config';
import { createLogger, startTracing } from '@coffer/telemetry';
import { bootstrapEmbedded } from './first-run.js';
import { startPlatform } from './platform.js';
import { TargetError, describeTargets, parseTargets } from './targets.js';

const USAGE = `usage: coffer-server [--targets=all|gateway,auth,secret,audit] [--list-targets]
       coffer-server migrate`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs<{ options: { targets: { type: 'string' }; 'list-targets': { type: 'boolean' }; help: { type: 'boolean' } }; allowPositionals: true }>>;
  try {
    args = parseArgs({
      options: { targets: { type: 'string' }, 'list-targets': { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n\ntargets:\n${describeTargets()}\n`);
    return;
  }
  if (args.values['list-targets']) {
    process.stdout.write(`${describeTargets()}\n`);
    return;
  }
  if (args.positionals.length > 1 || (args.positionals[0] !== undefined && args.positionals[0] !== 'migrate')) {
    fail(`unexpected argument ${args.positionals.join(' ')}\n${USAGE}`);
  }

  let targets;
  let config;
  try {
    targets = parseTargets(args.positionals[0] === 'migrate' ? 'migrate' : (args.values.targets ?? 'all'));
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof TargetError) fail(err.message);
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  const logger = createLogger({ level: config.logLevel, name: 'coffer' });
  const tracing = await startTracing({ serviceName: `coffer-${targets.join('-')}` });
  const platform = await startPlatform(config, targets, logger, {
    // Bootstrap before the gateway listens, so no request can claim the first-run admin token.
    beforeGateway: async ({ auth }) => {
      if (config.embedded && auth) {
        await bootstrapEmbedded({ authAddress: auth, dataDir: config.dataDir, logger, print: (line) => process.stdout.write(`${line}\n`) });
      }
    },
  });

  if (targets.includes('migrate')) {
    await platform.stop();
    await tracing.shutdown();
    return;
  }
  if (platform.httpPort !== undefined) {
    logger.info({ url: `http://${config.httpHost}:${platform.httpPort}` }, 'coffer is ready');
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    platform
      .stop()
      .then(() => tracing.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // Start-up failures are operator errors: one line, no stack (the message never holds a secret).
  process.stderr.write(`coffer-server: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
