import * as grpc from '@grpc/grpc-js';

/** What a call needs of a served unary method: its handler and the codecs of the wire contract. */
interface ServedMethod {
  handler: grpc.handleUnaryCall<unknown, unknown>;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: unknown): Buffer;
}

/** The unary methods `addService` registered on each server, by path. */
const servedMethods = new WeakMap<grpc.Server, Map<string, ServedMethod>>();

/** Called by `addService` for every method it serves. */
export function rememberServedMethod(server: grpc.Server, path: string, method: ServedMethod): void {
  let methods = servedMethods.get(server);
  if (!methods) servedMethods.set(server, (methods = new Map()));
  methods.set(path, method);
}

/** grpc-js's own call listener (its call-interface), as far as a unary call uses it. */
interface CallListener {
  onReceiveMetadata(metadata: grpc.Metadata): void;
  onReceiveMessage(message: Buffer): void;
  onReceiveStatus(status: Status): void;
}
type Status = grpc.StatusObject;

/**
 * One call through the in-process channel. The client side is grpc-js's own (interceptors,
 * deadline, serialization); the request crosses as the bytes the wire would carry and is decoded
 * with the server's codec, the handler runs with its access rule exactly as for a network call, and
 * the answer returns as bytes or as a status. Only HTTP/2 and the socket are skipped.
 */
class InProcessCall {
  private listener: CallListener | undefined;
  private metadata = new grpc.Metadata();
  private message: Buffer | undefined;
  private finished = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly method: ServedMethod | undefined,
    private readonly deadline: grpc.Deadline,
  ) {}

  start(metadata: grpc.Metadata, listener: CallListener): void {
    this.metadata = metadata;
    this.listener = listener;
    const deadline = this.deadline instanceof Date ? this.deadline.getTime() : this.deadline;
    if (Number.isFinite(deadline)) {
      this.timer = setTimeout(() => this.finish({ code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' }), Math.max(0, deadline - Date.now()));
    }
  }

  sendMessageWithContext(context: { callback?(error?: Error | null): void }, message: Buffer): void {
    this.message = message;
    context.callback?.();
  }

  startRead(): void {}

  halfClose(): void {
    // Never inside the caller's own stack, as with a network call.
    setImmediate(() => this.dispatch());
  }

  cancelWithStatus(code: grpc.status, details: string): void {
    this.finish({ code, details });
  }

  getPeer(): string {
    return 'in-process';
  }

  getCallNumber(): number {
    return 0;
  }

  setCredentials(): void {}

  getAuthContext(): null {
    return null;
  }

  private dispatch(): void {
    if (this.finished) return;
    const method = this.method;
    if (!method || this.message === undefined) {
      this.finish({ code: grpc.status.UNIMPLEMENTED, details: 'method not served in this process' });
      return;
    }
    let request: unknown;
    try {
      request = method.requestDeserialize(this.message);
    } catch {
      this.finish({ code: grpc.status.INTERNAL, details: 'request could not be decoded' });
      return;
    }
    const call = { request, metadata: this.metadata.clone(), getPeer: () => 'in-process', getDeadline: () => this.deadline, cancelled: false };
    method.handler(call as unknown as grpc.ServerUnaryCall<unknown, unknown>, (error, value) => {
      if (this.finished) return;
      if (error) {
        const { code, details, metadata, message } = error as Partial<grpc.StatusObject> & { message?: string };
        this.finish({ code: code ?? grpc.status.UNKNOWN, details: details ?? message ?? '', metadata });
        return;
      }
      let bytes: Buffer;
      try {
        bytes = method.responseSerialize(value);
      } catch {
        this.finish({ code: grpc.status.INTERNAL, details: 'response could not be encoded' });
        return;
      }
      this.listener?.onReceiveMetadata(new grpc.Metadata());
      this.listener?.onReceiveMessage(bytes);
      this.finish({ code: grpc.status.OK, details: 'OK' });
    });
  }

  private finish(status: Partial<Status> & Pick<Status, 'code' | 'details'>): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.listener?.onReceiveStatus({ ...status, metadata: status.metadata ?? new grpc.Metadata() });
  }
}

/**
 * A channel to a server of this process: the gateway's calls to services running beside it cost
 * the handlers and the codecs only, not two HTTP/2 stacks and a loopback socket each way (about a
 * quarter of an inject's CPU). The network server still listens for everyone else.
 */
export function createInProcessChannel(server: grpc.Server, target: string): grpc.Channel {
  return {
    close: () => undefined,
    getTarget: () => target,
    getConnectivityState: () => grpc.connectivityState.READY,
    watchConnectivityState: (_state: grpc.connectivityState, _deadline: grpc.Deadline, callback: () => void) => setImmediate(callback),
    getChannelzRef: () => {
      throw new Error('channelz is not available in-process');
    },
    createCall: (method: string, deadline: grpc.Deadline) => new InProcessCall(servedMethods.get(server)?.get(method), deadline),
  } as unknown as grpc.Channel;
}
