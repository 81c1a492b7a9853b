import { callSubscriber } from '../subscriber-call.js';
import type { ErrorReporter, MessageHandler, PubSub } from '../types.js';

export interface MemoryPubSub extends PubSub {
  unsubscribeAll(): void;
}

export function createMemoryPubSub(onError: ErrorReporter): MemoryPubSub {
  const channels = new Map<string, Set<MessageHandler>>();

  return {
    async publish(channel, message) {
      for (const handler of channels.get(channel) ?? []) callSubscriber(handler, message, channel, onError);
    },
    async subscribe(channel, handler) {
      // A wrapper per subscription, so the same function subscribed twice is unsubscribed once at a time.
      const subscription: MessageHandler = (message) => handler(message);
      const handlers = channels.get(channel) ?? new Set();
      channels.set(channel, handlers);
      handlers.add(subscription);
      return async () => {
        if (handlers.delete(subscription) && handlers.size === 0) channels.delete(channel);
      };
    },
    // Publisher and subscribers share this process: nothing can come between them.
    isLive: () => true,
    onLiveChange: () => () => {},
    unsubscribeAll() {
      channels.clear();
    },
  };
}
