import { dependencyHealthName, unary, type HealthClient } from '@coffer/grpc';

/** How a shared backend looks from this instance: `unknown` when no service could be asked. */
export type BackendState = 'up' | 'down' | 'unknown';

export interface Readiness {
  /** Whether this instance can take requests: every service it calls answers. */
  ready: boolean;
  /** The services, by target name: the checks that decide `ready`. */
  checks: Record<string, boolean>;
  /**
   * The backends every instance shares (PostgreSQL, Redis): reported, never deciding `ready`. When
   * one of them is down for all, taking every instance out of the load balancer would turn fast 503
   * answers with Retry-After into refused connections.
   */
  backends: Record<string, BackendState>;
}

export interface ReadinessDeps {
  /** The services the gateway calls, each with a health client at its address and its full service name. */
  services: readonly { name: string; service: string; client: HealthClient }[];
  /** This process's Redis, when it has one (not in the embedded mode). */
  redis?: { ping(): Promise<void> };
  timeoutMs?: number;
}

async function serving(client: HealthClient, service: string, timeoutMs: number): Promise<boolean | undefined> {
  try {
    const { status } = await unary(client, 'Check', { service }, { ctx: { requestId: 'readyz' }, deadlineMs: timeoutMs });
    return status === 'SERVING';
  } catch {
    return undefined;
  }
}

/** Down when a service that uses it says so, up when every one that answered says so. */
function stateOf(answers: readonly (boolean | undefined)[]): BackendState {
  if (answers.includes(false)) return 'down';
  return answers.includes(true) ? 'up' : 'unknown';
}

/** What /readyz answers: the services decide readiness, the shared backends are only reported. */
export function createReadiness({ services, redis, timeoutMs = 1_500 }: ReadinessDeps): () => Promise<Readiness> {
  return async () => {
    const [checks, database, redisUp] = await Promise.all([
      Promise.all(services.map(async ({ name, service, client }) => [name, (await serving(client, service, timeoutMs)) === true] as const)),
      Promise.all(services.map(({ client }) => serving(client, dependencyHealthName('database'), timeoutMs))),
      redis?.ping().then(
        () => true,
        () => false,
      ),
    ]);
    const backends: Record<string, BackendState> = { database: stateOf(database) };
    if (redisUp !== undefined) backends.redis = redisUp ? 'up' : 'down';
    return { ready: checks.every(([, ok]) => ok), checks: Object.fromEntries(checks), backends };
  };
}
