import * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import { isWellFormed } from '@coffer/contract';
import { LOADER_OPTIONS } from './loader-options.js';
import { loadCofferRoot } from './proto-package.js';

/** What a call needs of a served unary method: its handler (access rule included) and the contract's codecs, both sides. */
interface ServedMethod extends Pick<
  grpc.MethodDefinition<unknown, unknown>,
  'requestSerialize' | 'requestDeserialize' | 'responseSerialize' | 'responseDeserialize'
> {
  handler: grpc.handleUnaryCall<unknown, unknown>;
}

/** The unary methods `addService` registered on each server, by path. */
const servedMethods = new WeakMap<grpc.Server, Map<string, ServedMethod>>();

/** Called by `addService` for every method it serves. */
export function rememberServedMethod(server: grpc.Server, path: string, method: ServedMethod): void {
  let methods = servedMethods.get(server);
  if (!methods) servedMethods.set(server, (methods = new Map()));
  methods.set(path, method);
}

/** The server each in-process channel reaches. */
const serverOfChannel = new WeakMap<object, grpc.Server>();

interface MessageTypes {
  request: protobuf.Type;
  response: protobuf.Type;
}

/** `/coffer.v1.SecretService/Inject` → InjectRequest and InjectResponse, as protobufjs types them. */
const messageTypes = new Map<string, MessageTypes>();

function messageTypesOf(path: string): MessageTypes {
  let types = messageTypes.get(path);
  if (!types) {
    const [, service, name] = path.split('/');
    const method = loadCofferRoot().lookupService(service!).methods[name!];
    if (!method?.resolvedRequestType || !method.resolvedResponseType) throw new Error(`${path} is not in the contract`);
    messageTypes.set(path, (types = { request: method.resolvedRequestType, response: method.resolvedResponseType }));
  }
  return types;
}

/**
 * What the wire's encode and decode make of a message, without the bytes between them: unknown
 * fields dropped, defaults filled, numbers coerced as the field's type does. The contract has no
 * float or bytes field, whose values the bytes would change; strings come through unchanged
 * unless they hold a lone surrogate, which UTF-8 cannot carry (see `hasLoneSurrogate`).
 */
const asOnTheWire = (type: protobuf.Type, value: unknown) => type.toObject(type.fromObject(value as Record<string, unknown>), LOADER_OPTIONS);

/** Whether any string in the message is not well-formed Unicode: such a message takes the bytes, to be changed as the wire changes it. */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return !isWellFormed(value);
  if (typeof value !== 'object' || value === null) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (hasLoneSurrogate(item)) return true;
  return false;
}

const statusError = (status: Partial<grpc.StatusObject> & Pick<grpc.StatusObject, 'code' | 'details'>): grpc.ServiceError =>
  Object.assign(new Error(`${status.code} ${grpc.status[status.code]}: ${status.details}`), {
    code: status.code,
    details: status.details,
    metadata: status.metadata ?? new grpc.Metadata(),
  });

/**
 * Runs one unary call against the server behind an in-process channel, or returns undefined when
 * `channel` is not one; it rejects with the status the call ended with, shaped as grpc-js shapes
 * a client's error. The request and the answer cross as the messages the wire's codecs would make
 * of them, and the handler runs behind its access rule with the caller's metadata and deadline,
 * exactly as for a network call; what is skipped is grpc-js's client call stack, HTTP/2, the
 * socket and the bytes (an audit batch's and an inject's answer are large).
 */
export function callInProcess(
  channel: object,
  path: string,
  request: unknown,
  { metadata, deadlineMs, onTrailer }: { metadata: grpc.Metadata; deadlineMs: number; onTrailer?: (trailer: grpc.Metadata) => void },
): Promise<unknown> | undefined {
  const server = serverOfChannel.get(channel);
  if (!server) return undefined;
  const method = servedMethods.get(server)?.get(path);
  if (!method) return Promise.reject(statusError({ code: grpc.status.UNIMPLEMENTED, details: 'method not served in this process' }));
  return new Promise((resolve, reject) => {
    // Settling twice is a no-op: whichever of the answer and the deadline comes first wins.
    const fail = (status: Partial<grpc.StatusObject> & Pick<grpc.StatusObject, 'code' | 'details'>) => {
      clearTimeout(timer);
      reject(statusError(status));
    };
    const deadline = Date.now() + deadlineMs;
    const timer = setTimeout(() => fail({ code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' }), deadlineMs);
    const types = messageTypesOf(path);
    let decoded: unknown;
    try {
      decoded = hasLoneSurrogate(request) ? method.requestDeserialize(method.requestSerialize(request)) : asOnTheWire(types.request, request);
    } catch {
      fail({ code: grpc.status.INTERNAL, details: 'request could not be encoded' });
      return;
    }
    const serverCall = { request: decoded, metadata, getPeer: () => 'in-process', getDeadline: () => deadline, cancelled: false };
    method.handler(serverCall as unknown as grpc.ServerUnaryCall<unknown, unknown>, (error, value, trailer) => {
      if (error) {
        const { code, details, metadata, message } = error as Partial<grpc.StatusObject> & { message?: string };
        fail({ code: code ?? grpc.status.UNKNOWN, details: details ?? message ?? '', metadata });
        return;
      }
      let response: unknown;
      try {
        response = hasLoneSurrogate(value) ? method.responseDeserialize(method.responseSerialize(value)) : asOnTheWire(types.response, value);
      } catch {
        fail({ code: grpc.status.INTERNAL, details: 'response could not be encoded' });
        return;
      }
      clearTimeout(timer);
      onTrailer?.(trailer ?? new grpc.Metadata());
      resolve(response);
    });
  });
}

/**
 * A channel to a server of this process, for the gateway's calls to services running beside it.
 * `unary` runs them with `callInProcess`, which costs the handlers and the codecs only, not grpc-js's
 * client stack and two HTTP/2 stacks with a loopback socket each way. The network server still
 * listens for everyone else. Only `unary` can use it: grpc-js's own call methods cannot.
 */
export function createInProcessChannel(server: grpc.Server, target: string): grpc.Channel {
  const channel = {
    close: () => undefined,
    getTarget: () => target,
    getConnectivityState: () => grpc.connectivityState.READY,
    watchConnectivityState: (_state: grpc.connectivityState, _deadline: grpc.Deadline, callback: () => void) => setImmediate(callback),
    getChannelzRef: () => {
      throw new Error('channelz is not available in-process');
    },
    createCall: (method: string) => {
      throw new Error(`${method}: an in-process channel is called through unary()`);
    },
  } as unknown as grpc.Channel;
  serverOfChannel.set(channel, server);
  loadCofferRoot(); // parsed now rather than on the first call
  return channel;
}
