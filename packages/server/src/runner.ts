import { loadSlices, type ConfigSlice, type Problem } from '@coffer/config';
import { bindServer, createGrpcServer, createHealthService, createInProcessChannel, dependencyHealthName, shutdownServer } from '@coffer/grpc';
import { platformSlice, type ModuleContext, type ModuleDescriptor, type PlatformSettings, type RequirementContext, type StartedModule } from '@coffer/module';
import { createLogger, createMetrics, type Logger, type Metrics } from '@coffer/telemetry';
import { allDependentsRun, createRegistry, startOrder, type Registry } from './registry.js';

/** Variables of the coffer CLI: a shell that runs both must not stop the server. */
const CLIENT_VARIABLES = ['COFFER_TOKEN', 'COFFER_API_URL'];

export interface PlatformOptions {
  /** Every module this binary knows; `targets` picks from it. */
  modules: readonly ModuleDescriptor[];
  targets: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where logs go; by default JSON on stdout at COFFER_LOG_LEVEL. */
  logger?: Logger;
  /** The process's metrics; by default a registry of this platform's own. */
  metrics?: Metrics;
  /** Settings laid over a module's parsed slice, by module name (a test's gateway on port 0). */
  overrides?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** A started module failed later: the platform has stopped; the process should exit non-zero. */
  onFatal?(error: unknown, module: string): void;
  /** Lines for the operator on stdout (first-run output). */
  print?(line: string): void;
}

export interface Platform {
  /** The modules started, in start order. */
  readonly started: readonly string[];
  /** host:port of each gRPC service running here, by module name. */
  readonly addresses: Readonly<Record<string, string>>;
  /** The platform's logger (JSON, redacted), for the process around it. */
  readonly logger: Logger;
  /** Every target here runs once (`migrate`): the work is done. */
  readonly finished: boolean;
  exportsOf<Exports>(module: ModuleDescriptor<any, Exports>): Exports | undefined;
  /** Each module's own readiness (a ping of its backend), by name. */
  ready(): Promise<Record<string, boolean>>;
  /**
   * Stops every module in reverse start order: HTTP drains first, the database closes last.
   * @returns false when a module failed to stop cleanly (it was logged), such as a gateway that
   *   could not deliver its audit events: the process should then exit non-zero
   */
  stop(): Promise<boolean>;
}

interface Running {
  name: string;
  started: StartedModule;
  stopGrpc?(): Promise<void>;
}

/**
 * Reads and checks the settings of every module the targets need, all problems at once.
 * @throws ConfigError (from @coffer/config) with one line per problem, before anything has started
 */
export function configure(registry: Registry, targets: readonly string[], env: NodeJS.ProcessEnv) {
  const order = startOrder(registry, targets);
  const running = new Set(order);
  const descriptors = order.map((name) => registry.modules.get(name)!);
  const slices = [platformSlice as ConfigSlice<unknown>, ...descriptors.flatMap((module) => (module.config ? [module.config] : []))];
  const known = [...registry.modules.values()].flatMap((module) => Object.keys(module.config?.variables ?? {}));
  const requirementContext = (configs: ReadonlyMap<ConfigSlice<unknown>, unknown>): RequirementContext => ({
    runs: (name) => running.has(name),
    allDependentsRun: (...names) => allDependentsRun(registry, running, names),
    configOf: <Config>(module: ModuleDescriptor<Config, unknown>) =>
      running.has(module.name) && module.config ? (configs.get(module.config as ConfigSlice<unknown>) as Config | undefined) : undefined,
  });
  const configs = loadSlices(env, slices, {
    known: [...Object.keys(platformSlice.variables), ...known, ...CLIENT_VARIABLES],
    requirements(parsed) {
      const platform = requirementContext(parsed);
      return descriptors.flatMap((module): Problem[] => {
        if (!module.requirements || (module.config && !parsed.has(module.config))) return [];
        return module.requirements(module.config ? parsed.get(module.config) : undefined, platform);
      });
    },
  });
  return {
    order,
    platform: configs.get(platformSlice as ConfigSlice<unknown>) as PlatformSettings,
    configOf: <Config>(module: ModuleDescriptor<Config, any>): Config | undefined =>
      module.config ? (configs.get(module.config as ConfigSlice<unknown>) as Config | undefined) : undefined,
    context: requirementContext(configs),
  };
}

/**
 * Starts the targets and their dependencies in order, each on the settings of its slice. Modules
 * that serve gRPC get a server of their own (one per module, even in one process, so the wire
 * contract is always exercised), with the health service, on COFFER_GRPC_PORT when it is the only
 * one here and on a free port otherwise. A module that fails later stops the whole platform.
 * @throws ConfigError before anything starts; a module's error after stopping what had started
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const registry = createRegistry(options.modules);
  const { order, platform, configOf, context } = configure(registry, options.targets, options.env);
  const logger = options.logger ?? createLogger({ level: platform.logLevel, name: 'coffer' });
  const metrics = options.metrics ?? createMetrics();
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const grpcModules = order.filter((name) => registry.modules.get(name)!.grpcService);
  const running: Running[] = [];
  const addresses: Record<string, string> = {};
  const channels: Record<string, ReturnType<typeof createInProcessChannel>> = {};
  let stopping: Promise<boolean> | undefined;

  const stop = () => {
    stopping ??= (async () => {
      let clean = true;
      for (const { name, started, stopGrpc } of [...running].reverse()) {
        try {
          await stopGrpc?.();
          await started.stop?.();
          logger.debug({ module: name }, 'module stopped');
        } catch (err) {
          clean = false;
          logger.error({ err, module: name }, 'module failed to stop cleanly');
        }
      }
      return clean;
    })();
    return stopping;
  };

  const fail = (name: string) => (error: unknown) => {
    if (stopping) return;
    logger.error({ module: name, err: error }, `module ${name} failed; stopping`);
    void stop().then(() => options.onFatal?.(error, name));
  };

  for (const name of order) {
    const descriptor = registry.modules.get(name)!;
    if (!descriptor.start) continue;
    const ctx: ModuleContext<unknown> = {
      ...context,
      name,
      config: { ...(configOf(descriptor) as object | undefined), ...options.overrides?.[name] },
      platform,
      logger: logger.child({ module: name }),
      metrics,
      use: (dependency) => {
        if (!descriptor.dependsOn.includes(dependency.name)) throw new Error(`module ${name} uses ${dependency.name} without depending on it`);
        return running.find((entry) => entry.name === dependency.name)?.started.exports as never;
      },
      grpcAddress: (moduleName) => addresses[moduleName],
      grpcChannel: (moduleName) => channels[moduleName],
      fail: fail(name),
      print,
    };
    try {
      const started = await descriptor.start(ctx);
      const entry: Running = { name, started };
      running.push(entry);
      if (descriptor.grpcService) await serveGrpc(descriptor.grpcService, entry);
      logger.debug({ module: name }, 'module started');
    } catch (err) {
      await stop();
      throw err;
    }
  }

  async function serveGrpc(service: string, entry: Running): Promise<void> {
    if (!entry.started.grpc) throw new Error(`module ${entry.name} declares ${service} but adds no gRPC service`);
    const server = createGrpcServer();
    entry.started.grpc(server);
    const health = createHealthService();
    health.setStatus(service, 'SERVING');
    // What the service depends on (its database, Redis) answers under a name of its own, so that a
    // caller can tell a process that is down from a shared backend that is.
    for (const dependency of registry.modules.get(entry.name)!.dependsOn) {
      const ready = running.find((other) => other.name === dependency)?.started.ready;
      if (ready) health.setProbe(dependencyHealthName(dependency), ready);
    }
    health.addTo(server);
    entry.stopGrpc = async () => {
      health.shutdown();
      await shutdownServer(server, platform.shutdownTimeoutMs);
    };
    const port = await bindServer(server, platform.grpcHost, grpcModules.length === 1 ? platform.grpcPort : 0);
    addresses[entry.name] = `${platform.grpcHost}:${port}`;
    channels[entry.name] = createInProcessChannel(server, addresses[entry.name]);
    logger.info({ service: entry.name, address: addresses[entry.name] }, 'gRPC service listening');
  }

  return {
    started: running.map(({ name }) => name),
    addresses,
    logger,
    finished: options.targets.every((name) => registry.modules.get(name)?.runsOnce),
    exportsOf: (module) => running.find((entry) => entry.name === module.name)?.started.exports as never,
    async ready() {
      const checks = await Promise.all(
        running.filter(({ started }) => started.ready).map(async ({ name, started }) => [name, await started.ready!()] as const),
      );
      return Object.fromEntries(checks);
    },
    stop,
  };
}
