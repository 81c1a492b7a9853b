export type { Logger } from 'pino';
export { createLogger, type LoggerOptions } from './logger.js';
export { createMetrics, type Metrics } from './metrics.js';
export { aggregateWorkerMetrics, clusterExposition } from './cluster-metrics.js';
export { startTracing, type Tracing, type TracingOptions } from './tracing.js';
export { createOutageLog, type OutageLog, type OutageLogOptions } from './outage-log.js';
