import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * /metrics for a server of several worker processes: whichever worker a scrape reaches asks the
 * primary, which collects every worker's registry and sums them (prom-client's aggregation: gauges
 * such as memory are summed, event-loop lag averaged), so one scrape describes the whole server.
 */

type Message =
  | { type: 'coffer:metrics-request'; id: string }
  | { type: 'coffer:metrics-collect'; id: string }
  | { type: 'coffer:metrics-part'; id: string; metrics: unknown[] }
  | { type: 'coffer:metrics-answer'; id: string; text: string };

const isMessage = (message: unknown): message is Message =>
  typeof message === 'object' && message !== null && String((message as { type?: unknown }).type).startsWith('coffer:metrics-');

const COLLECT_TIMEOUT_MS = 2_000;

/** In a worker: answers the primary's collection with this registry, and returns what /metrics serves. */
export function clusterExposition(registry: Registry): () => Promise<string> {
  const waiting = new Map<string, (text: string) => void>();
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'coffer:metrics-collect') {
      void registry.getMetricsAsJSON().then((metrics) => process.send?.({ type: 'coffer:metrics-part', id: message.id, metrics } satisfies Message));
    } else if (message.type === 'coffer:metrics-answer') {
      waiting.get(message.id)?.(message.text);
      waiting.delete(message.id);
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the primary did not answer with the metrics'));
      }, COLLECT_TIMEOUT_MS * 2);
      waiting.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      process.send?.({ type: 'coffer:metrics-request', id } satisfies Message);
    });
}

/** In the primary: serves workers' requests for the whole server's metrics. */
export function aggregateWorkerMetrics(): void {
  const collecting = new Map<string, { parts: unknown[][]; expected: number; done(): void }>();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'coffer:metrics-part') {
      const collection = collecting.get(message.id);
      collection?.parts.push(message.metrics);
      if (collection && collection.parts.length === collection.expected) collection.done();
      return;
    }
    if (message.type !== 'coffer:metrics-request') return;
    const workers = Object.values(cluster.workers ?? {}).filter((each) => each?.isConnected());
    const id = randomUUID();
    const answer = async (parts: unknown[][]) => {
      collecting.delete(id);
      const text = await AggregatorRegistry.aggregate(parts as Parameters<typeof AggregatorRegistry.aggregate>[0]).metrics();
      if (worker.isConnected()) worker.send({ type: 'coffer:metrics-answer', id: message.id, text } satisfies Message);
    };
    const parts: unknown[][] = [];
    // A worker that is starting or stopping may not answer: the scrape gets the others.
    const timer = setTimeout(() => void answer(parts), COLLECT_TIMEOUT_MS);
    collecting.set(id, {
      parts,
      expected: workers.length,
      done: () => {
        clearTimeout(timer);
        void answer(parts);
      },
    });
    for (const each of workers) each?.send({ type: 'coffer:metrics-collect', id } satisfies Message);
  });
}
