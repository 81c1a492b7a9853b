import type { Redis } from 'ioredis';
import { callSubscriber } from '../subscriber-call.js';
import type { ErrorReporter, MessageHandler, PubSub } from '../types.js';
import { redisCall } from './errors.js';
import { watchSubscription, type LivenessOptions } from './subscription-liveness.js';

interface Channel {
  handlers: Set<MessageHandler>;
  /** The SUBSCRIBE sent for the first handler; later handlers wait for it too. */
  subscribed: Promise<unknown>;
}

/** How long `publish` waits for this process's own copy of a message before it resolves anyway. */
const OWN_ECHO_WAIT_MS = 1_000;

export interface RedisPubSub extends PubSub {
  close(): void;
}

/**
 * `subscriber` is a connection of its own: it receives every message for the channels this process
 * listens to, one SUBSCRIBE per channel however many handlers there are.
 */
export function createRedisPubSub(publisher: Redis, subscriber: Redis, channelPrefix: string, onError: ErrorReporter, heartbeat: LivenessOptions): RedisPubSub {
  const channels = new Map<string, Channel>();
  const liveness = watchSubscription(subscriber, heartbeat);
  /** Publishes of this process waiting for their message to come back to its own subscription, by channel and message. */
  const awaitingEcho = new Map<string, (() => void)[]>();
  const echoKey = (name: string, message: string) => `${name}\n${message}`;

  subscriber.on('message', (name: string, message: string) => {
    for (const handler of channels.get(name)?.handlers ?? []) callSubscriber(handler, message, name.slice(channelPrefix.length), onError);
    const key = echoKey(name, message);
    const waiting = awaitingEcho.get(key);
    waiting?.shift()?.();
    if (waiting?.length === 0) awaitingEcho.delete(key);
  });

  /** Resolves once this process's own subscribers have had `message`, as the in-memory pub/sub does before `publish` resolves. */
  function ownEcho(name: string, message: string): { arrived: Promise<void>; cancel(): void } {
    const key = echoKey(name, message);
    let done!: () => void;
    const arrived = new Promise<void>((resolve) => (done = resolve));
    const waiting = awaitingEcho.get(key) ?? [];
    waiting.push(done);
    awaitingEcho.set(key, waiting);
    const cancel = () => {
      const index = waiting.indexOf(done);
      if (index >= 0) waiting.splice(index, 1);
      if (waiting.length === 0 && awaitingEcho.get(key) === waiting) awaitingEcho.delete(key);
      done();
    };
    return { arrived, cancel };
  }

  async function unsubscribe(name: string, channel: Channel, subscription: MessageHandler): Promise<void> {
    if (!channel.handlers.delete(subscription) || channel.handlers.size > 0) return;
    // A later subscribe creates a new entry whose SUBSCRIBE follows this UNSUBSCRIBE on the same connection.
    channels.delete(name);
    await redisCall(() => subscriber.unsubscribe(name));
  }

  return {
    async publish(channel, message) {
      const name = channelPrefix + channel;
      // A revocation must hold in this process on the very next request: wait for our own copy,
      // unless the subscription is down and no copy will come.
      const echo = channels.has(name) && liveness.isLive() ? ownEcho(name, message) : undefined;
      try {
        await redisCall(() => publisher.publish(name, message));
        if (echo) {
          const timer = setTimeout(echo.cancel, OWN_ECHO_WAIT_MS);
          await echo.arrived;
          clearTimeout(timer);
        }
      } finally {
        echo?.cancel();
      }
    },
    async subscribe(channelName, handler) {
      const name = channelPrefix + channelName;
      // A wrapper per subscription, so the same function subscribed twice is unsubscribed once at a time.
      const subscription: MessageHandler = (message) => handler(message);
      let channel = channels.get(name);
      if (channel === undefined) {
        channel = { handlers: new Set(), subscribed: redisCall(() => subscriber.subscribe(name)) };
        channels.set(name, channel);
      }
      channel.handlers.add(subscription);
      try {
        await channel.subscribed;
      } catch (error) {
        channel.handlers.delete(subscription);
        if (channel.handlers.size === 0) channels.delete(name);
        throw error;
      }
      const subscribed = channel;
      return () => unsubscribe(name, subscribed, subscription);
    },
    isLive: liveness.isLive,
    onLiveChange: liveness.onChange,
    close: liveness.stop,
  };
}
