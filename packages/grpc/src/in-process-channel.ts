import * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import { LOADER_OPTIONS } from './loader-options.js';
import { loadCofferRoot } from './proto-package.js';

/** What a call needs of a served unary method: its handler (access rule included) and its request codec. */
interface ServedMethod {
  handler: grpc.handleUnaryCall<unknown, unknown>;
  requestDeserialize(bytes: Buffer): unknown;
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

/** What an in-process call is given: the client's request codec, and the call's metadata and deadline. */
export interface InProcessCall {
  requestSerialize(value: unknown): Buffer;
  metadata: grpc.Metadata;
  deadlineMs: number;
}

/** `/coffer.v1.SecretService/Inject` → InjectResponse, as protobufjs types it. */
const responseTypes = new Map<string, protobuf.Type>();

function responseTypeOf(path: string): protobuf.Type {
  let type = responseTypes.get(path);
  if (!type) {
    const [, service, method] = path.split('/');
    const resolved = loadCofferRoot().lookupService(service!).methods[method!]?.resolvedResponseType;
    if (!resolved) throw new Error(`${path} is not in the contract`);
    responseTypes.set(path, (type = resolved));
  }
  return type;
}

/** A finished call: the decoded answer, or the status the handler failed with, shaped as grpc-js shapes a client's error. */
export type InProcessOutcome = { ok: true; response: unknown } | { ok: false; error: grpc.ServiceError };

const statusError = (status: Partial<grpc.StatusObject> & Pick<grpc.StatusObject, 'code' | 'details'>): grpc.ServiceError =>
  Object.assign(new Error(`${status.code} ${grpc.status[status.code]}: ${status.details}`), {
    code: status.code,
    details: status.details,
    metadata: status.metadata ?? new grpc.Metadata(),
  });

/**
 * Runs one unary call against the server behind an in-process channel, or returns undefined when
 * `channel` is not one. The request crosses as the protobuf bytes the wire would carry, the answer
 * as the message the wire's codecs would make of it, and the handler runs behind its access rule
 * with the caller's metadata and deadline, exactly as for a network call; what is skipped is
 * grpc-js's client call stack, HTTP/2, the socket and the answer's bytes.
 */
export function callInProcess(channel: object, path: string, request: unknown, call: InProcessCall): Promise<InProcessOutcome> | undefined {
  const server = serverOfChannel.get(channel);
  if (!server) return undefined;
  const method = servedMethods.get(server)?.get(path);
  if (!method) return Promise.resolve({ ok: false, error: statusError({ code: grpc.status.UNIMPLEMENTED, details: 'method not served in this process' }) });
  return new Promise((resolve) => {
    let finished = false;
    const finish = (outcome: InProcessOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const fail = (code: grpc.status, details: string) => finish({ ok: false, error: statusError({ code, details }) });
    const deadline = Date.now() + call.deadlineMs;
    const timer = setTimeout(() => fail(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded'), call.deadlineMs);
    let decoded: unknown;
    try {
      decoded = method.requestDeserialize(call.requestSerialize(request));
    } catch {
      fail(grpc.status.INTERNAL, 'request could not be encoded');
      return;
    }
    const serverCall = { request: decoded, metadata: call.metadata, getPeer: () => 'in-process', getDeadline: () => deadline, cancelled: false };
    method.handler(serverCall as unknown as grpc.ServerUnaryCall<unknown, unknown>, (error, value) => {
      if (finished) return;
      if (error) {
        const { code, details, metadata, message } = error as Partial<grpc.StatusObject> & { message?: string };
        finish({ ok: false, error: statusError({ code: code ?? grpc.status.UNKNOWN, details: details ?? message ?? '', metadata }) });
        return;
      }
      try {
        // What the wire's encode and decode would make of it, without the bytes between them (an
        // inject's largest message): unknown fields dropped, defaults filled, int64 as strings.
        const type = responseTypeOf(path);
        finish({ ok: true, response: type.toObject(type.fromObject(value as Record<string, unknown>), LOADER_OPTIONS) });
      } catch {
        fail(grpc.status.INTERNAL, 'response could not be encoded');
      }
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
