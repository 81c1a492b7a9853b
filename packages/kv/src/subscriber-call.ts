import type { ErrorReporter, MessageHandler } from './types.js';

/**
 * Runs a handler apart from the code that received the message, so that a throwing or rejecting
 * handler neither breaks the Redis connection's event handling nor keeps other handlers from running.
 */
export function callSubscriber(handler: MessageHandler, message: string, channel: string, onError: ErrorReporter): void {
  Promise.resolve()
    .then(() => handler(message))
    .catch((cause: unknown) => onError(new Error(`A subscriber to channel "${channel}" failed`, { cause })));
}
