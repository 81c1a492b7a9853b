import { isCofferError } from '@coffer/contract';

export interface AuditEventInput {
  orgId: string;
  actorId: string;
  actorType: string;
  action: string;
  resource: string;
  outcome: 'success' | 'denied' | 'failure';
  requestId: string;
  ip: string;
  userAgent: string;
  occurredAt: string;
}

/** An event and the principal assertion of the request it records, which the Audit service checks it against. */
export interface RecordedEvent {
  principal: string;
  event: AuditEventInput;
}

/** Events of one principal, as the Audit service takes them. */
export interface AuditGroup {
  principal: string;
  events: AuditEventInput[];
}

export interface AuditRecorderDeps {
  send(groups: AuditGroup[]): Promise<void>;
  flushMs: number;
  batchSize: number;
  /** Beyond this many unsent events the oldest are dropped (and reported) rather than exhausting memory. */
  maxBuffered?: number;
  onError(err: unknown, pending: number): void;
  onSent?(count: number): void;
  onDropped?(count: number): void;
  onBufferSize?(size: number): void;
}

/** In batch order, one group per principal (its first appearance), events in order within it. */
function byPrincipal(batch: RecordedEvent[]): AuditGroup[] {
  const groups = new Map<string, AuditEventInput[]>();
  for (const { principal, event } of batch) {
    const group = groups.get(principal);
    if (group) group.push(event);
    else groups.set(principal, [event]);
  }
  return [...groups].map(([principal, events]) => ({ principal, events }));
}

/** A batch the Audit service refused as such would be refused forever: retrying it would block every later one. */
function refusedForGood(err: unknown): boolean {
  return isCofferError(err) && (err.code === 'INVALID_ARGUMENT' || err.code === 'PERMISSION_DENIED');
}

/** What could not be delivered for now (the Audit service is out of reach): it goes back to the buffer. */
class Undelivered extends Error {
  constructor(
    readonly events: RecordedEvent[],
    override readonly cause: unknown,
  ) {
    super('audit events not delivered');
  }
}

/**
 * Collects audit events off the request path and sends them in batches. A batch that failed on
 * the way goes back to the front of the buffer and is retried; `close()` keeps flushing until
 * everything is sent or the deadline passes, so a clean shutdown loses nothing.
 */
export function createAuditRecorder({ send, flushMs, batchSize, maxBuffered = 100_000, onError, onSent, onDropped, onBufferSize }: AuditRecorderDeps) {
  let buffer: RecordedEvent[] = [];
  let flushing: Promise<void> | undefined;
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  /**
   * Sends a batch. One the Audit service refuses is halved until the refused events are alone, so
   * that only they are dropped (and counted) and every good record of the batch still lands.
   * @throws Undelivered with every event not yet delivered, when the service cannot be reached
   */
  async function deliver(batch: RecordedEvent[]): Promise<void> {
    try {
      await send(byPrincipal(batch));
      onSent?.(batch.length);
      return;
    } catch (err) {
      if (!refusedForGood(err)) throw new Undelivered(batch, err);
      if (batch.length === 1) {
        onError(err, buffer.length);
        onDropped?.(1);
        return;
      }
    }
    const half = Math.ceil(batch.length / 2);
    try {
      await deliver(batch.slice(0, half));
    } catch (err) {
      if (err instanceof Undelivered) throw new Undelivered([...err.events, ...batch.slice(half)], err.cause);
      throw err;
    }
    await deliver(batch.slice(half));
  }

  /**
   * Sends what was buffered when the flush began. Events that arrive while a batch is on its way
   * wait for the next tick or a full batch: draining them at once would send a handful at a time,
   * one database transaction each, as fast as the last one commits.
   */
  async function sendBatches(): Promise<void> {
    let due = buffer.length;
    while (due > 0 && buffer.length > 0) {
      const batch = buffer.slice(0, Math.min(batchSize, due));
      due -= batch.length;
      buffer = buffer.slice(batch.length);
      try {
        await deliver(batch);
      } catch (err) {
        if (!(err instanceof Undelivered)) throw err;
        buffer = [...err.events, ...buffer];
        onError(err.cause, buffer.length);
        throw err.cause;
      } finally {
        onBufferSize?.(buffer.length);
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= sendBatches()
      .catch(() => undefined)
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  }

  return {
    record(event: AuditEventInput, principal: string): void {
      buffer.push({ principal, event });
      if (buffer.length > maxBuffered) {
        const dropped = buffer.length - maxBuffered;
        buffer = buffer.slice(dropped);
        onDropped?.(dropped);
      }
      onBufferSize?.(buffer.length);
      if (buffer.length >= batchSize) void flush();
    },
    flush,
    pending(): number {
      return buffer.length;
    },
    async close(deadlineMs = 10_000): Promise<void> {
      clearInterval(timer);
      const deadline = Date.now() + deadlineMs;
      while (buffer.length > 0 || flushing) {
        await flush();
        if (buffer.length > 0) {
          if (Date.now() >= deadline) throw new Error(`audit: ${buffer.length} events could not be delivered before shutdown`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
  };
}

export type AuditRecorder = ReturnType<typeof createAuditRecorder>;
