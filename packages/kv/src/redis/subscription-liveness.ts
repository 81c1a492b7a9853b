import type { Redis } from 'ioredis';

export interface LivenessOptions {
  /** How often the subscription connection is asked for a PING. */
  intervalMs: number;
  /** A PING unanswered for this long means messages may not be arriving either. */
  timeoutMs: number;
}

export interface SubscriptionLiveness {
  isLive(): boolean;
  onChange(listener: (live: boolean) => void): () => void;
  stop(): void;
}

/**
 * Whether the subscription connection receives what is published now. A closed connection says so
 * at once; a paused or wedged Redis keeps the socket open and says nothing, so a heartbeat PING
 * tells. PING is allowed in subscriber mode and Redis answers in order: its reply after a reconnect
 * also means the resubscription sent before it is in place.
 */
export function watchSubscription(subscriber: Redis, { intervalMs, timeoutMs }: LivenessOptions): SubscriptionLiveness {
  let live = subscriber.status === 'ready';
  const listeners = new Set<(live: boolean) => void>();
  /** The PING waiting for its reply. */
  let pending: { sentAt: number } | undefined;

  function set(next: boolean): void {
    if (next === live) return;
    live = next;
    for (const listener of listeners) listener(next);
  }

  function ping(): void {
    if (subscriber.status !== 'ready' || pending !== undefined) return;
    const sent = { sentAt: performance.now() };
    pending = sent;
    subscriber.ping().then(
      () => settle(sent, subscriber.status === 'ready'),
      () => settle(sent, false),
    );
  }

  /** Only the latest PING counts: one sent before the connection was lost says nothing about the new one. */
  function settle(sent: { sentAt: number }, answered: boolean): void {
    if (pending !== sent) return;
    pending = undefined;
    set(answered);
  }

  function tick(): void {
    const sent = pending;
    if (sent === undefined) return ping();
    if (performance.now() - sent.sentAt < timeoutMs) return;
    // An event loop that was busy may not have read a reply that is already there: look again after its next poll for I/O.
    setImmediate(() => {
      if (pending === sent) set(false);
    });
  }

  const lost = () => {
    pending = undefined;
    set(false);
  };
  subscriber.on('close', lost);
  subscriber.on('reconnecting', lost);
  // Back, but live only once a PING sent after the resubscription is answered.
  subscriber.on('ready', ping);
  const timer = setInterval(tick, intervalMs);

  return {
    isLive: () => live,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop() {
      clearInterval(timer);
      subscriber.off('close', lost);
      subscriber.off('reconnecting', lost);
      subscriber.off('ready', ping);
      listeners.clear();
    },
  };
}
