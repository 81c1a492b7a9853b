import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openBatch, type OpenedValues, type ValueBatch } from './value-batch.js';

/**
 * Where an inject's values are opened. Alone (no other inject in flight) on the event loop: the hop
 * to a thread and back costs more than the AES-GCM it saves. With others in flight on a worker
 * thread: the event loop serves them meanwhile, on the core PostgreSQL leaves, and the garbage of
 * thirty deciphers (weak handles, which every young-generation collection walks) is made in the
 * worker's heap instead of the one every request waits on.
 */
export interface ValueOpener {
  /** Starts the worker and waits until it has loaded, so that a broken one fails start-up, not requests. */
  start(): Promise<void>;
  /** Takes the batch's DEK buffer over: it is moved to the worker or zeroed here. */
  open(batch: ValueBatch, load: { alone: boolean }): Promise<OpenedValues>;
  /** Ends the worker; a call in flight fails. */
  close(): Promise<void>;
}

/**
 * The worker's code: the bundle's sibling in production (packages/server/scripts/build.mjs). From the
 * sources (tests, `pnpm dev`) its TypeScript goes through tsx's require hook, registered in the
 * thread itself: Node 20 applies no ESM loader hooks to a worker, whether inherited or registered.
 */
function workerSource(): { file: URL } | { script: string } {
  if (!import.meta.url.endsWith('.ts')) return { file: new URL('./value-opener-worker.js', import.meta.url) };
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const worker = fileURLToPath(new URL('./value-opener-worker.ts', import.meta.url));
  return { script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(worker)});` };
}

interface Pending {
  resolve(values: OpenedValues): void;
  reject(err: Error): void;
}

/** `thread: false` opens everything on the event loop (and starts no worker). */
export function createValueOpener({ thread = true }: { thread?: boolean } = {}): ValueOpener {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  function running(): Worker {
    if (worker) return worker;
    const source = workerSource();
    const started = 'file' in source ? new Worker(source.file) : new Worker(source.script, { eval: true });
    // Idle, it must not keep the process alive; its calls in flight are promises someone awaits.
    started.unref();
    started.on('message', ({ id, values }: { id?: number; values?: OpenedValues }) => {
      if (id === undefined) return; // the worker's "loaded"
      const call = pending.get(id);
      pending.delete(id);
      if (values) call?.resolve(values);
      else call?.reject(new Error('the value opener failed'));
    });
    // An uncaught error ends the thread: 'exit' follows and fails what was in flight.
    started.on('error', () => undefined);
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      for (const call of pending.values()) call.reject(new Error('the value opener stopped'));
      pending.clear();
    });
    worker = started;
    return started;
  }

  return {
    async start() {
      if (!thread) return;
      const started = running();
      await new Promise<void>((resolve, reject) => {
        const loaded = (message: { id?: number }) => message.id === undefined && settle();
        const failed = (err: Error) => settle(err);
        const exited = (code: number) => settle(new Error(`the value opener's thread exited with ${code} while loading`));
        const settle = (err?: Error) => {
          started.off('message', loaded).off('error', failed).off('exit', exited);
          if (err) reject(err);
          else resolve();
        };
        started.on('message', loaded).once('error', failed).once('exit', exited);
      });
    },
    async open(batch, { alone }) {
      if (!thread || alone) return openBatch(batch);
      const id = nextId++;
      return new Promise<OpenedValues>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running().postMessage({ id, batch }, [batch.deks]);
      });
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      await stopping?.terminate();
    },
  };
}
