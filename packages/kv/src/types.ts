import type { Redis } from 'ioredis';

export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Stores the value only when the key holds none; resolves true when it did. Atomic. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
}

export interface LockOptions {
  /** How long the lock holds if its holder never releases it; keep it above the critical section's duration. */
  ttlMs: number;
  /** How long to wait for a lock held by someone else before giving up with LockTimeoutError. */
  waitMs: number;
}

export interface Locks {
  withLock<T>(name: string, options: LockOptions, fn: () => Promise<T>): Promise<T>;
}

export type MessageHandler = (message: string) => void | Promise<void>;

export interface PubSub {
  /** Resolves once this process's own subscribers of the channel have had the message (others get it soon after). */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once messages published afterwards will be delivered; the result unsubscribes. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  /**
   * Whether this process's subscriptions are known to receive what is published now. False while
   * the subscription connection is down or Redis does not answer it: messages sent meanwhile may
   * never arrive, so whatever they would have invalidated must not be trusted.
   */
  isLive(): boolean;
  /**
   * Calls `listener` each time `isLive()` changes. A change to true follows an outage during which
   * messages may have been lost. The result stops the calls.
   */
  onLiveChange(listener: (live: boolean) => void): () => void;
}

export interface Kv {
  readonly cache: Cache;
  readonly locks: Locks;
  readonly pubsub: PubSub;
  readonly mode: 'redis' | 'memory';
  /**
   * In redis mode, the command connection and the deployment's key namespace (`<COFFER_REDIS_PREFIX>:`),
   * for a library that needs the client itself (the gateway's rate limiter). Its commands fail
   * within the command timeout, at once while disconnected. Write only under the namespace.
   */
  readonly redis?: { readonly client: Redis; readonly keyPrefix: string };
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type ErrorReporter = (error: Error) => void;
