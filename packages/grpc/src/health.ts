import { status, type Server, type ServerWritableStream } from '@grpc/grpc-js';
import type { HealthHandlers } from './generated/grpc/health/v1/Health.js';
import type { HealthCheckRequest__Output } from './generated/grpc/health/v1/HealthCheckRequest.js';
import type {
  HealthCheckResponse,
  _grpc_health_v1_HealthCheckResponse_ServingStatus__Output as WireServingStatus,
} from './generated/grpc/health/v1/HealthCheckResponse.js';
import { loadCofferPackage } from './proto-package.js';

/** What a service can report; SERVICE_UNKNOWN is only ever sent to watchers of an unregistered name. */
export type ServingStatus = Exclude<WireServingStatus, 'SERVICE_UNKNOWN'>;

export interface HealthService {
  /** Sets the status of a service by its full name (e.g. 'coffer.v1.SecretService'); '' is the whole server. */
  setStatus(service: string, status: ServingStatus): void;
  /**
   * A name whose status is asked of `probe` at each Check (bounded by PROBE_TIMEOUT_MS, NOT_SERVING
   * past it), for what a service depends on: `coffer.dependency.database` says whether this
   * process reaches PostgreSQL. Not watchable: Watch answers its status when it was last checked.
   */
  setProbe(service: string, probe: () => Promise<boolean>): void;
  addTo(server: Server): void;
  /**
   * Reports NOT_SERVING for everything, ignores later changes and ends open Watch
   * streams, so watchers do not hold a graceful server shutdown open.
   */
  shutdown(): void;
}

type Watcher = ServerWritableStream<HealthCheckRequest__Output, HealthCheckResponse>;

/** A probe that has not answered by then counts as NOT_SERVING: a readiness check must not hang on what it checks. */
export const PROBE_TIMEOUT_MS = 1_000;

/** The health name of a dependency of the services in a process, e.g. `coffer.dependency.database`. */
export const dependencyHealthName = (module: string) => `coffer.dependency.${module}`;

function probed(probe: () => Promise<boolean>): Promise<ServingStatus> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('NOT_SERVING'), PROBE_TIMEOUT_MS);
    probe().then(
      (ok) => {
        clearTimeout(timer);
        resolve(ok ? 'SERVING' : 'NOT_SERVING');
      },
      () => {
        clearTimeout(timer);
        resolve('NOT_SERVING');
      },
    );
  });
}

/** The standard grpc.health.v1.Health service. The whole server ('') starts as SERVING. */
export function createHealthService(): HealthService {
  const statuses = new Map<string, ServingStatus>([['', 'SERVING']]);
  const probes = new Map<string, () => Promise<boolean>>();
  const watchersByService = new Map<string, Set<Watcher>>();
  let shutDown = false;

  const statusOf = (service: string): WireServingStatus => statuses.get(service) ?? 'SERVICE_UNKNOWN';

  function setStatus(service: string, next: ServingStatus): void {
    if (shutDown || statuses.get(service) === next) return;
    statuses.set(service, next);
    for (const watcher of watchersByService.get(service) ?? []) watcher.write({ status: next });
  }

  function unwatch(service: string, watcher: Watcher): void {
    const watchers = watchersByService.get(service);
    watchers?.delete(watcher);
    if (watchers?.size === 0) watchersByService.delete(service);
  }

  const handlers: HealthHandlers = {
    Check(call, callback) {
      const { service } = call.request;
      const probe = probes.get(service);
      if (probe && !shutDown) {
        probed(probe).then((next) => {
          setStatus(service, next);
          callback(null, { status: next });
        });
        return;
      }
      const current = statuses.get(service);
      if (current === undefined) {
        callback({ code: status.NOT_FOUND, details: `unknown service '${service}'` });
      } else {
        callback(null, { status: current });
      }
    },
    Watch(call) {
      const { service } = call.request;
      call.write({ status: statusOf(service) });
      if (shutDown) {
        call.end();
        return;
      }
      const watchers = watchersByService.get(service) ?? new Set<Watcher>();
      watchersByService.set(service, watchers.add(call));
      call.on('cancelled', () => unwatch(service, call));
    },
  };

  return {
    setStatus,
    setProbe(service, probe) {
      probes.set(service, probe);
      setStatus(service, 'SERVING');
    },
    addTo(server) {
      server.addService(loadCofferPackage().grpc.health.v1.Health.service, handlers);
    },
    shutdown() {
      for (const service of statuses.keys()) setStatus(service, 'NOT_SERVING');
      shutDown = true;
      for (const watcher of [...watchersByService.values()].flatMap((watchers) => [...watchers])) watcher.end();
      watchersByService.clear();
    },
  };
}
