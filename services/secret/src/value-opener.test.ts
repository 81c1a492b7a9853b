import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_BYTES, seal, valueAad } from '@coffer/crypto';
import type { SealedItem, ValueBatch } from './value-batch.js';
import { createValueOpener } from './value-opener.js';

const orgId = randomUUID();
const values = ['postgres://u:p@db/app', 'ünïcödé ✓', '', 'x'.repeat(100_000)];

/** A batch of `values`, each under its own DEK, with the DEKs packed as the sealer packs them. */
function batchOf(plaintexts: string[]): { batch: ValueBatch; deks: Uint8Array } {
  const deks = new Uint8Array(plaintexts.length * KEY_BYTES);
  const items: SealedItem[] = plaintexts.map((plaintext, i) => {
    const dek = randomBytes(KEY_BYTES);
    deks.set(dek, i * KEY_BYTES);
    const secretId = randomUUID();
    return { secretId, version: i + 1, ciphertext: seal(dek, Buffer.from(plaintext, 'utf8'), valueAad(orgId, secretId, i + 1)) };
  });
  return { batch: { orgId, items, deks: deks.buffer }, deks };
}

const threaded = createValueOpener();
afterAll(() => threaded.close());

describe('value opener', () => {
  it('opens on its thread exactly what it opens alone, and loads before it is used', async () => {
    await threaded.start();
    const onThread = batchOf(values);
    expect(await threaded.open(onThread.batch, { alone: false })).toEqual(values);
    const alone = batchOf(values);
    expect(await threaded.open(alone.batch, { alone: true })).toEqual(values);
  });

  it('takes the DEKs over: moved to the thread, or zeroed once opened alone', async () => {
    const onThread = batchOf(values);
    await threaded.open(onThread.batch, { alone: false });
    expect(onThread.batch.deks.byteLength).toBe(0);

    const alone = batchOf(values);
    await threaded.open(alone.batch, { alone: true });
    expect(alone.deks.every((byte) => byte === 0)).toBe(true);
  });

  it('answers null for a value whose tag fails and opens the others, on the thread and alone', async () => {
    for (const alone of [false, true]) {
      const { batch } = batchOf(values);
      // Bound to another version: the AAD differs, so the tag cannot verify.
      batch.items[1] = { ...batch.items[1]!, version: 99 };
      expect(await threaded.open(batch, { alone })).toEqual([values[0], null, values[2], values[3]]);
    }
  });

  it('fails a batch it cannot open (not a tag) and keeps serving the next', async () => {
    const { batch } = batchOf(values);
    const short: ValueBatch = { ...batch, deks: new ArrayBuffer(KEY_BYTES) };
    await expect(threaded.open(short, { alone: false })).rejects.toThrow('the value opener failed');
    expect(await threaded.open(batchOf(values).batch, { alone: false })).toEqual(values);
  });

  it('fails what is in flight when it is closed, and starts a thread again when asked after', async () => {
    const opener = createValueOpener();
    await opener.start();
    const inFlight = opener.open(batchOf(values).batch, { alone: false });
    await opener.close();
    await expect(inFlight).rejects.toThrow('the value opener stopped');
    expect(await opener.open(batchOf(values).batch, { alone: false })).toEqual(values);
    await opener.close();
  });

  it('opens on the event loop and starts no thread when told so', async () => {
    const inline = createValueOpener({ thread: false });
    await inline.start();
    const { batch, deks } = batchOf(values);
    expect(await inline.open(batch, { alone: false })).toEqual(values);
    expect(deks.every((byte) => byte === 0)).toBe(true);
  });
});
