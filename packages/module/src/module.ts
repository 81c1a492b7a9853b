import type { Channel, Server } from '@grpc/grpc-js';
import type { ConfigSlice, Problem } from '@coffer/config';
import type { Logger, Metrics } from '@coffer/telemetry';
import type { PlatformSettings } from './platform-settings.js';

/**
 * A runnable piece of Coffer, Loki style: its name is its target name and its Kubernetes
 * Deployment name. The server runs a list of these; adding one is one module file and one entry.
 */
export interface ModuleDescriptor<Config = unknown, Exports = unknown> {
  readonly name: string;
  /** One line for `--list-targets`. */
  readonly description: string;
  /**
   * `target`: can be named in --targets; `infrastructure`: only started as a dependency; `group`:
   * a name for several targets (`all`), nothing of its own.
   */
  readonly kind: 'target' | 'infrastructure' | 'group';
  /** Started first, and always, when this module runs; `ctx.use` reaches their exports. */
  readonly dependsOn: readonly string[];
  /** Started first when they run in the same process too, but not pulled in (the gateway calls local services). */
  readonly after?: readonly string[];
  /** Does its work and is done (`migrate`): it runs alone, and the process exits once it has started. */
  readonly runsOnce?: boolean;
  readonly config?: ConfigSlice<Config>;
  /** "Required when this target runs" rules across slices, judged with every other problem before anything starts. */
  requirements?(config: Config, platform: RequirementContext): Problem[];
  /** The fully qualified gRPC service it serves; the server binds it, serves health for it and logs its address. */
  readonly grpcService?: string;
  start?(ctx: ModuleContext<Config>): Promise<StartedModule<Exports>>;
}

export interface StartedModule<Exports = unknown> {
  /** Undoes start; called in reverse start order, gRPC servers first drained by the server. */
  stop?(): Promise<void>;
  /** Whether the module can serve right now (a ping of its backend). */
  ready?(): Promise<boolean>;
  /** Adds the module's gRPC service to the server the runner made for it. */
  grpc?(server: Server): void;
  /** What dependents get from `ctx.use(thisModule)`. */
  exports?: Exports;
}

export interface RequirementContext {
  /** Whether a module runs in this process. */
  runs(name: string): boolean;
  /** Whether every registered module that depends on `name` runs in this process (so a key made now reaches all its users). */
  allDependentsRun(...names: string[]): boolean;
  /** Another running module's settings, once they parsed. */
  configOf<Config>(module: ModuleDescriptor<Config, any>): Config | undefined;
}

export interface ModuleContext<Config> extends RequirementContext {
  readonly name: string;
  readonly config: Config;
  readonly platform: PlatformSettings;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** A started dependency's exports; it must be listed in `dependsOn`. */
  // `any`: a dependency's own settings are none of the caller's business.
  use<Exports>(dependency: ModuleDescriptor<any, Exports>): Exports;
  /** The address of a gRPC service that a module of this process serves, e.g. for the gateway. */
  grpcAddress(moduleName: string): string | undefined;
  /**
   * A channel to that service in this process: the same codecs, access rules and handlers as over
   * its address, without the network hop. Clients in the same process use it for their calls.
   */
  grpcChannel(moduleName: string): Channel | undefined;
  /** Stops the whole process: for a failure after start (a listening socket that broke). */
  fail(error: unknown): void;
  /** A line for the operator on stdout (first-run output), apart from the JSON logs. */
  print(line: string): void;
}

/** Typed identity function, so descriptors infer their config and exports. */
export function defineModule<Config = undefined, Exports = undefined>(descriptor: ModuleDescriptor<Config, Exports>): ModuleDescriptor<Config, Exports> {
  return descriptor;
}

/** A `ready` check from a backend's ping: ready when it answers, not when it throws. */
export function readyWhen(ping: () => Promise<unknown>): () => Promise<boolean> {
  return () =>
    ping().then(
      () => true,
      () => false,
    );
}
