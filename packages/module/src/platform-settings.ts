import { countOrAuto, defineSlice, directory, host, milliseconds, oneOf, port, withDefault } from '@coffer/config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings of the process itself, read whatever its targets: every module sees them. */
export const platformSlice = defineSlice(
  {
    COFFER_DATA_DIR: withDefault(directory(), './.coffer'),
    COFFER_LOG_LEVEL: withDefault(oneOf(LOG_LEVELS), 'info'),
    COFFER_SHUTDOWN_TIMEOUT_MS: withDefault(milliseconds(1), '10000'),
    COFFER_GRPC_HOST: withDefault(host(), '127.0.0.1'),
    // 0 lets the OS pick a free port. A process serving one gRPC module binds it here; several share free ports.
    COFFER_GRPC_PORT: withDefault(port(0), '0'),
    // Processes serving the targets (see packages/server/src/workers.ts); auto is one per core where that is safe.
    COFFER_WORKERS: withDefault(countOrAuto(64), 'auto'),
  },
  (env) => ({
    dataDir: env.COFFER_DATA_DIR,
    logLevel: env.COFFER_LOG_LEVEL,
    shutdownTimeoutMs: env.COFFER_SHUTDOWN_TIMEOUT_MS,
    grpcHost: env.COFFER_GRPC_HOST,
    grpcPort: env.COFFER_GRPC_PORT,
    workers: env.COFFER_WORKERS,
  }),
);

export type PlatformSettings = ReturnType<typeof platformSlice.toConfig>;
