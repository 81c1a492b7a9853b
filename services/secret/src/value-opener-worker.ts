import { parentPort } from 'node:worker_threads';
import { openBatch, type ValueBatch } from './value-batch.js';

/** The thread of a ValueOpener (value-opener.ts): says it has loaded, then opens each batch it is sent, in order. */
parentPort!.postMessage({});
parentPort!.on('message', ({ id, batch }: { id: number; batch: ValueBatch }) => {
  let values;
  try {
    values = openBatch(batch);
  } catch {
    // Anything but a failed tag (openBatch answers null for that) is a bug: the caller gets an internal error.
    values = undefined;
  }
  parentPort!.postMessage({ id, values });
});
