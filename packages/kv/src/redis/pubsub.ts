import type { Redis } from 'ioredis';
import { callSubscriber } from '../subscriber-call.js';
import type { ErrorReporter, MessageHandler, PubSub } from '../types.js';
import { redisCall } from './errors.js';

interface Channel {
  handlers: Set<MessageHandler>;
  /** The SUBSCRIBE sent for the first handler; later handlers wait for it too. */
  subscribed: Promise<unknown>;
}

/**
 * `subscriber` is a connection of its own: it receives every message for the channels this process
 * listens to, one SUBSCRIBE per channel however many handlers there are.
 */
export function createRedisPubSub(publisher: Redis, subscriber: Redis, channelPrefix: string, onError: ErrorReporter): PubSub {
  const channels = new Map<string, Channel>();

  subscriber.on('message', (name: string, message: string) => {
    for (const handler of channels.get(name)?.handlers ?? []) callSubscriber(handler, message, name.slice(channelPrefix.length), onError);
  });

  async function unsubscribe(name: string, channel: Channel, subscription: MessageHandler): Promise<void> {
    if (!channel.handlers.delete(subscription) || channel.handlers.size > 0) return;
    // A later subscribe creates a new entry whose SUBSCRIBE follows this UNSUBSCRIBE on the same connection.
    channels.delete(name);
    await subscriber.unsubscribe(name);
  }

  return {
    async publish(channel, message) {
      await redisCall(() => publisher.publish(channelPrefix + channel, message));
    },
    async subscribe(channelName, handler) {
      const name = channelPrefix + channelName;
      // A wrapper per subscription, so the same function subscribed twice is unsubscribed once at a time.
      const subscription: MessageHandler = (message) => handler(message);
      let channel = channels.get(name);
      if (channel === undefined) {
        channel = { handlers: new Set(), subscribed: subscriber.subscribe(name) };
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
  };
}
