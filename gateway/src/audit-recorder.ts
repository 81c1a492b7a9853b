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

export interface AuditRecorderDeps {
  send(events: AuditEventInput[]): Promise<void>;
  flushMs: number;
  batchSize: number;
  /** Beyond this many unsent events the oldest are dropped (and reported) rather than exhausting memory. */
  maxBuffered?: number;
  onError(err: unknown, pending: number): void;
  onDropped?(count: number): void;
  onBufferSize?(size: number): void;
}

/**
 * Collects audit events off the request path and sends them in batches. A failed batch goes back
 * to the front of the buffer and is retried; `close()` keeps flushing until everything is sent
 * or the deadline passes, so a clean shutdown loses nothing.
 */
export function createAuditRecorder({ send, flushMs, batchSize, maxBuffered = 100_000, onError, onDropped, onBufferSize }: AuditRecorderDeps) {
  let buffer: AuditEventInput[] = [];
  let flushing: Promise<void> | undefined;
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  async function sendBatches(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      buffer = buffer.slice(batch.length);
      try {
        await send(batch);
      } catch (err) {
        buffer = [...batch, ...buffer];
        onError(err, buffer.length);
        throw err;
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
    record(event: AuditEventInput): void {
      buffer.push(event);
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
