import * as grpc from '@grpc/grpc-js';
import { fromServiceError } from './error-status.js';
import type { AuditServiceClient } from './generated/coffer/v1/AuditService.js';
import type { AuthServiceClient } from './generated/coffer/v1/AuthService.js';
import type { SecretServiceClient } from './generated/coffer/v1/SecretService.js';
import type { HealthClient } from './generated/grpc/health/v1/Health.js';
import { callInProcess } from './in-process-channel.js';
import { writeCallContext, type OutgoingContext } from './metadata.js';
import { loadCofferPackage } from './proto-package.js';

export const DEFAULT_DEADLINE_MS = 5_000;

const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  // Find a dead peer within seconds instead of one timed-out call at a time.
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  // Every call shares one HTTP/2 connection; the 64 KiB default window would make
  // concurrent large responses (inject) wait on each other's flow-control updates.
  'grpc-node.flow_control_window': 4 * 1024 * 1024,
  // No retry policy is configured, so the channel retries a call only transparently: once, and
  // only when it never reached a handler (not sent, or refused by HTTP/2 because it raced the
  // server's GOAWAY when the server recycles the connection). A SetSecret is never sent twice.
};

// TLS comes later; until then services talk over loopback or the cluster network in plaintext.
const plaintext = () => grpc.credentials.createInsecure();

export interface ClientOptions {
  credentials?: grpc.ChannelCredentials;
  /** A server of this process (createInProcessChannel): calls skip the network, nothing else. */
  channel?: grpc.Channel;
}

const channelOptions = ({ channel }: ClientOptions): grpc.ClientOptions => (channel ? { ...CHANNEL_OPTIONS, channelOverride: channel } : CHANNEL_OPTIONS);

export function createAuthClient(address: string, options: ClientOptions = {}): AuthServiceClient {
  return new (loadCofferPackage().coffer.v1.AuthService)(address, options.credentials ?? plaintext(), channelOptions(options));
}

export function createSecretClient(address: string, options: ClientOptions = {}): SecretServiceClient {
  return new (loadCofferPackage().coffer.v1.SecretService)(address, options.credentials ?? plaintext(), channelOptions(options));
}

export function createAuditClient(address: string, options: ClientOptions = {}): AuditServiceClient {
  return new (loadCofferPackage().coffer.v1.AuditService)(address, options.credentials ?? plaintext(), channelOptions(options));
}

/** Always over the network: a health check is about the listening server. */
export function createHealthClient(address: string, credentials = plaintext()): HealthClient {
  return new (loadCofferPackage().grpc.health.v1.Health)(address, credentials, CHANNEL_OPTIONS);
}

// Generated unary methods are overloaded; inference reads the last overload, `(argument, callback)`.
type UnarySignature<Request, Response> = (argument: Request, callback: grpc.requestCallback<Response>) => grpc.ClientUnaryCall;

export type UnaryMethodName<Client> = {
  [Name in keyof Client]: Client[Name] extends UnarySignature<infer _Request, infer _Response> ? Name : never;
}[keyof Client];

export type RequestOf<Method> = Method extends UnarySignature<infer Request, infer _Response> ? Request : never;
export type ResponseOf<Method> = Method extends UnarySignature<infer _Request, infer Response> ? Response : never;

/** A generated unary method: callable, and carrying its path as grpc-js attaches it. */
type UnaryInvoker<Request, Response> = ((
  argument: Request,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<Response>,
) => grpc.ClientUnaryCall) &
  Pick<grpc.MethodDefinition<Request, Response>, 'path'>;

export interface UnaryOptions {
  /** Request id and principal of the call being served, passed on to the callee. */
  ctx: OutgoingContext;
  deadlineMs?: number;
  /** Receives the trailing metadata of a successful answer (see `readReplayed`), before the call resolves. */
  onTrailer?(trailer: grpc.Metadata): void;
}

/**
 * Calls a unary method with a deadline and the caller's context, e.g.
 * `await unary(secrets, 'GetSecret', { scope, key }, { ctx })`.
 * @throws CofferError with the code the server chose, or UNAVAILABLE / DEADLINE_EXCEEDED
 */
export function unary<Client extends grpc.Client, Method extends UnaryMethodName<Client>>(
  client: Client,
  method: Method,
  request: RequestOf<Client[Method]>,
  { ctx, deadlineMs = DEFAULT_DEADLINE_MS, onTrailer }: UnaryOptions,
): Promise<ResponseOf<Client[Method]>> {
  type Response = ResponseOf<Client[Method]>;
  const invoke = client[method] as unknown as UnaryInvoker<RequestOf<Client[Method]>, Response>;
  const metadata = writeCallContext(ctx);
  const local = callInProcess(client.getChannel(), invoke.path, request, { metadata, deadlineMs, ...(onTrailer ? { onTrailer } : {}) });
  if (local) {
    return local.then(
      (response) => response as Response,
      (error: grpc.ServiceError) => {
        throw fromServiceError(error);
      },
    );
  }
  return new Promise((resolve, reject) => {
    let response: Response;
    const call = invoke.call(client, request, metadata, { deadline: Date.now() + deadlineMs }, (error, value) => {
      if (error) reject(fromServiceError(error));
      else response = value as Response;
    });
    // The message comes first, its trailing metadata with the status after it: the answer is whole then.
    call.on('status', (status) => {
      if (status.code !== grpc.status.OK) return;
      onTrailer?.(status.metadata);
      resolve(response);
    });
  });
}
