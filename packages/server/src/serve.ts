import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { ConfigError } from '@coffer/config';
import { databaseModule, migrateDatabase } from '@coffer/db';
import { gatewayModule } from '@coffer/gateway';
import { sharedThrowawayKeys } from '@coffer/grpc';
import { kvModule } from '@coffer/kv';
import type { ModuleDescriptor } from '@coffer/module';
import { aggregateWorkerMetrics, clusterExposition, createLogger, createMetrics, startTracing } from '@coffer/telemetry';
import { TargetError, createRegistry, describeTargets, parseTargets, type Registry } from './registry.js';
import { configure, startPlatform } from './runner.js';
import { isLocalDatabase, reportReady, runPrimary, workerCount } from './workers.js';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * The coffer-server process over a module list: parses the command line, starts the targets, and
 * exits 0 on SIGTERM once drained, 1 when a module fails or fails to stop cleanly, 2 on a usage or
 * configuration error.
 */
export function serve(modules: readonly ModuleDescriptor<any, any>[]): void {
  main(modules).catch((err: unknown) => {
    // Start-up failures are operator errors: one line, no stack (the message never holds a secret).
    process.stderr.write(`coffer-server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

async function main(modules: readonly ModuleDescriptor<any, any>[]): Promise<void> {
  const registry = createRegistry(modules);
  const once = registry.selectable.filter((name) => registry.modules.get(name)!.runsOnce);
  const USAGE = `usage: coffer-server [--targets=${registry.selectable.filter((name) => !once.includes(name)).join('|')}[,...]] [--list-targets]
       coffer-server ${once.join(' | ')}`;
  let args: ReturnType<
    typeof parseArgs<{ options: { targets: { type: 'string' }; 'list-targets': { type: 'boolean' }; help: { type: 'boolean' } }; allowPositionals: true }>
  >;
  try {
    args = parseArgs({
      options: { targets: { type: 'string' }, 'list-targets': { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n\ntargets:\n${describeTargets(registry)}\n`);
    return;
  }
  if (args.values['list-targets']) {
    process.stdout.write(`${describeTargets(registry)}\n`);
    return;
  }
  // A target that runs once (migrate) is named as a command.
  const [command, ...rest] = args.positionals;
  if (rest.length > 0 || (command !== undefined && !registry.modules.get(command)?.runsOnce)) {
    fail(`unexpected argument ${args.positionals.join(' ')}\n${USAGE}`);
  }

  let targets: string[];
  try {
    targets = parseTargets(registry, command ?? args.values.targets ?? 'all');
  } catch (err) {
    if (err instanceof TargetError) fail(err.message);
    throw err;
  }

  if (cluster.isPrimary) {
    let workers: number;
    try {
      workers = await prepareWorkers(registry, targets);
    } catch (err) {
      if (err instanceof ConfigError) fail(err.message);
      throw err;
    }
    if (workers > 1) return;
  }

  const tracing = await startTracing({ serviceName: `coffer-${targets.join('-')}` });
  let platform;
  try {
    platform = await startPlatform({
      modules,
      targets,
      env: process.env,
      // The primary has migrated before forking; workers must not race each other at it.
      overrides: cluster.isWorker ? { [databaseModule.name]: { migrate: false } } : undefined,
      metrics: cluster.isWorker ? createMetrics({ exposition: clusterExposition }) : undefined,
      onFatal: () => {
        void tracing.shutdown().finally(() => process.exit(1));
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  if (platform.finished) {
    await platform.stop();
    await tracing.shutdown();
    return;
  }
  const gateway = platform.exportsOf(gatewayModule);
  if (cluster.isWorker) reportReady(gateway?.url);
  else if (gateway) platform.logger.info({ url: gateway.url }, 'coffer is ready');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.logger.info({ signal }, 'shutting down');
    platform
      .stop()
      .then(async (clean) => {
        await tracing.shutdown();
        return clean;
      })
      .then(
        // Not clean: something was left undone (audit events left in the spool, say), and said so.
        (clean) => process.exit(clean ? 0 : 1),
        (err: unknown) => {
          platform.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A worker whose primary is gone (killed) must not keep serving on its own.
  if (cluster.isWorker) process.on('disconnect', () => shutdown('primary exited'));
}

/**
 * In the primary: checks the configuration once for all, decides how many processes serve the
 * targets and, for more than one, migrates the database before forking them (see workers.ts).
 * @returns the worker count; above 1 the primary is running and owns the process from here
 * @throws ConfigError with every problem, before anything has started
 */
async function prepareWorkers(registry: Registry, targets: readonly string[]): Promise<number> {
  const config = configure(registry, targets, process.env);
  if (targets.every((name) => registry.modules.get(name)?.runsOnce)) return 1;
  const database = config.order.includes(databaseModule.name) ? config.configOf(databaseModule) : undefined;
  const kv = config.order.includes(kvModule.name) ? config.configOf(kvModule) : undefined;
  const count = workerCount(config.platform.workers, {
    embeddedDatabase: database?.embedded === true,
    inProcessKv: kv !== undefined && !kv.redisUrl,
    localDatabase: database?.databaseUrl !== undefined && isLocalDatabase(database.databaseUrl),
  });
  if (count === 1) return 1;
  const logger = createLogger({ level: config.platform.logLevel, name: 'coffer' });
  if (database) {
    const applied = await migrateDatabase({ ...database, dataDir: config.platform.dataDir });
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const env = sharedThrowawayKeys(process.env, (name) => config.order.includes(name));
  aggregateWorkerMetrics();
  runPrimary({ count, env, logger, shutdownTimeoutMs: config.platform.shutdownTimeoutMs });
  return count;
}
