import { z } from 'zod';
import { isCofferError } from '@coffer/contract';

export interface AuditEventInput {
  /** Given when the event is recorded: the Audit service stores an id once, however often it is sent. */
  id: string;
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
  /** The break-glass access the action was done under, if any. */
  breakGlassId?: string;
}

/** An event and the principal assertion of the request it records, which the Audit service checks it against. */
export interface RecordedEvent {
  principal: string;
  event: AuditEventInput;
}

const spooledSchema = z.object({
  principal: z.string().min(1),
  event: z.object({
    id: z.string(),
    orgId: z.string(),
    actorId: z.string(),
    actorType: z.string(),
    action: z.string(),
    resource: z.string(),
    outcome: z.enum(['success', 'denied', 'failure']),
    requestId: z.string(),
    ip: z.string(),
    userAgent: z.string(),
    occurredAt: z.string(),
    breakGlassId: z.string().optional(),
  }),
});

/** An event as read back from the spool, or undefined for a line that is not one (the Audit service checks the rest). */
export function spooledEvent(value: unknown): RecordedEvent | undefined {
  const parsed = spooledSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Where the recorder keeps a durable copy of each event until it is delivered (audit-spool.ts). */
export interface RecorderSpool {
  /** @returns the segment the event went to */
  append(entry: RecordedEvent): number;
  /** Resolves once what was appended is on disk. */
  seal(): Promise<void>;
  settle(segment: number): void;
  close(): void;
}

/** A buffered event and the spool segment that holds its copy. */
interface Buffered extends RecordedEvent {
  segment?: number;
}

/** Events of one principal, as the Audit service takes them. */
export interface AuditGroup {
  principal: string;
  events: AuditEventInput[];
}

export interface AuditRecorderDeps {
  send(groups: AuditGroup[]): Promise<void>;
  /** Without one, events live in memory only (a crash loses them). */
  spool?: RecorderSpool;
  flushMs: number;
  batchSize: number;
  /**
   * Beyond this many unsent events the oldest leave memory rather than exhausting it: dropped (and
   * reported) without a spool, left in the spool for the next start with one (`onDeferred`).
   */
  maxBuffered?: number;
  onError(err: unknown, pending: number): void;
  onSent?(count: number): void;
  onDropped?(count: number): void;
  onDeferred?(count: number): void;
  onBufferSize?(size: number): void;
}

/** In batch order, one group per principal (its first appearance), events in order within it. */
function byPrincipal(batch: Buffered[]): AuditGroup[] {
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
    readonly events: Buffered[],
    override readonly cause: unknown,
  ) {
    super('audit events not delivered');
  }
}

/**
 * Collects audit events off the request path and sends them in batches. Each event is first
 * written to the spool, so it survives a crash; a flush seals (fsyncs) what it sends, and the
 * spool lets go of an event once it is delivered. A batch that failed on the way goes back to the
 * front of the buffer and is retried; `close()` keeps flushing until everything is sent or the
 * deadline passes, and then fails saying how many events are left in the spool for the next start.
 */
export function createAuditRecorder({
  send,
  spool,
  flushMs,
  batchSize,
  maxBuffered = 100_000,
  onError,
  onSent,
  onDropped,
  onDeferred,
  onBufferSize,
}: AuditRecorderDeps) {
  let buffer: Buffered[] = [];
  let flushing: Promise<void> | undefined;
  let sealedAt = 0;
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  /**
   * Sends a batch. One the Audit service refuses is halved until the refused events are alone, so
   * that only they are dropped (and counted) and every good record of the batch still lands.
   * @throws Undelivered with every event not yet delivered, when the service cannot be reached
   */
  async function deliver(batch: Buffered[]): Promise<void> {
    try {
      await send(byPrincipal(batch));
      settle(batch);
      onSent?.(batch.length);
      return;
    } catch (err) {
      if (!refusedForGood(err)) throw new Undelivered(batch, err);
      if (batch.length === 1) {
        // Sending it again would be refused again, at every start.
        settle(batch);
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
  function settle(batch: Buffered[]): void {
    for (const { segment } of batch) if (segment !== undefined) spool?.settle(segment);
  }

  async function sendBatches(): Promise<void> {
    let due = buffer.length;
    // The spool is fsynced (and its segment rotated, so that delivered ones can go) once per flush
    // interval, not per batch: under load batches fill many times a second, and an fsync each
    // would cost more than the requests. A machine crash loses at most one interval either way.
    if (due > 0 && Date.now() - sealedAt >= flushMs) {
      sealedAt = Date.now();
      await spool?.seal();
    }
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

  function bound(): void {
    if (buffer.length <= maxBuffered) return;
    const excess = buffer.length - maxBuffered;
    buffer = buffer.slice(excess);
    if (spool) onDeferred?.(excess);
    else onDropped?.(excess);
  }

  return {
    /** Appends to the spool before returning: call it before the request's answer goes out. */
    record(event: AuditEventInput, principal: string): void {
      const segment = spool?.append({ principal, event });
      buffer.push({ principal, event, segment });
      bound();
      onBufferSize?.(buffer.length);
      if (buffer.length >= batchSize) void flush();
    },
    /** Events an earlier process spooled and never delivered: sent before anything recorded since. */
    replay(events: { entry: RecordedEvent; segment: number }[]): void {
      if (events.length === 0) return;
      buffer = [...events.map(({ entry, segment }) => ({ ...entry, segment })), ...buffer];
      bound();
      onBufferSize?.(buffer.length);
      void flush();
    },
    flush,
    pending(): number {
      return buffer.length;
    },
    /** @throws Error naming how many events were not delivered (they stay in the spool, if there is one) */
    async close(deadlineMs = 10_000): Promise<void> {
      clearInterval(timer);
      const deadline = Date.now() + deadlineMs;
      try {
        while (buffer.length > 0 || flushing) {
          await flush();
          if (buffer.length > 0) {
            if (Date.now() >= deadline) {
              const where = spool ? '; they stay in the spool and are delivered at the next start' : '';
              throw new Error(`audit: ${buffer.length} events could not be delivered before shutdown${where}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        spool?.close();
      }
    },
  };
}

export type AuditRecorder = ReturnType<typeof createAuditRecorder>;
