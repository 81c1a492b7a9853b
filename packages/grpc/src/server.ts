import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { toGrpcStatus } from './error-status.js';
import { isCofferError, toCofferError } from './errors.js';
import { readCallContext, type CallContext } from './metadata.js';
import type { PrincipalVerifier } from './principal-assertion.js';

type UntypedAsyncHandler = (request: unknown, ctx: CallContext) => Promise<unknown>;

type AsyncUnaryHandler<F> =
  F extends grpc.handleUnaryCall<infer Request, infer Response>
    ? (request: Request, ctx: CallContext) => Promise<Response>
    : never;

/**
 * A generated `...Handlers` interface as plain async functions, e.g.
 * `AsyncHandlers<AuditServiceHandlers>` is `{ Record(request, ctx): Promise<RecordResponse>, ... }`.
 * Streaming methods are left out: the adapter serves unary calls only.
 */
export type AsyncHandlers<Handlers> = {
  [Method in keyof Handlers as string extends Method
    ? never
    : [AsyncUnaryHandler<Handlers[Method]>] extends [never]
      ? never
      : Method]: AsyncUnaryHandler<Handlers[Method]>;
};

/** The generated `...Handlers` interface that belongs to a generated `...Definition`. */
export type HandlersOf<Definition> = {
  [Method in keyof Definition]: Definition[Method] extends MethodDefinition<
    infer _Request,
    infer Response,
    infer OutputRequest,
    infer _OutputResponse
  >
    ? grpc.handleUnaryCall<OutputRequest, Response>
    : never;
};

export interface AddServiceOptions {
  /** Receives every error that is not a CofferError before the caller sees it as INTERNAL; pass a logger. */
  onUnexpectedError(error: unknown, method: string, requestId?: string): void;
  /** Called once per call with its outcome ('OK' or the error code), e.g. to count calls in a metric. */
  onCompleted?(method: string, code: string): void;
  /** Turns the caller's principal assertion into its principal; required, so no service can trust an unsigned one. */
  verifyPrincipal: PrincipalVerifier;
}

const SERVER_DEFAULTS: grpc.ServerOptions = {
  // Callers keep one HTTP/2 connection for all their calls; recycling it now and then
  // lets a Kubernetes Service spread them over replicas that started later.
  'grpc.max_connection_age_ms': 5 * 60_000,
  'grpc.max_connection_age_grace_ms': 30_000,
};

export function createGrpcServer(options: grpc.ServerOptions = {}): grpc.Server {
  return new grpc.Server({ ...SERVER_DEFAULTS, ...options });
}

/**
 * Registers a unary service whose handlers are plain async functions. Each call gets
 * its CallContext from metadata; a thrown CofferError becomes its gRPC status, and any
 * other error is reported to `onUnexpectedError` and answered as INTERNAL "internal error".
 */
export function addService<Definition extends grpc.ServiceDefinition>(
  server: grpc.Server,
  definition: Definition,
  handlers: AsyncHandlers<HandlersOf<Definition>>,
  options: AddServiceOptions,
): void {
  const handlerByName = handlers as Record<string, unknown>;
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) {
      throw new Error(`addService serves unary methods only, but ${method.path} streams`);
    }
    const handler = handlerByName[name];
    if (typeof handler !== 'function') throw new Error(`addService: no handler for ${method.path}`);
    implementation[name] = adaptUnary(method.path, handler as UntypedAsyncHandler, options);
  }
  server.addService(definition, implementation);
}

function adaptUnary(
  method: string,
  handler: UntypedAsyncHandler,
  { onUnexpectedError, onCompleted, verifyPrincipal }: AddServiceOptions,
): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    let requestId: string | undefined;
    const answer = async () => {
      const ctx = readCallContext(call.metadata, verifyPrincipal);
      requestId = ctx.requestId;
      return handler(call.request, ctx);
    };
    answer().then(
      (response) => {
        callback(null, response);
        onCompleted?.(method, 'OK');
      },
      (error: unknown) => {
        const known = toCofferError(error);
        callback(toGrpcStatus(known));
        if (!isCofferError(error)) onUnexpectedError(error, method, requestId);
        onCompleted?.(method, known.code);
      },
    );
  };
}

/** Binds without TLS unless credentials are given; resolves with the bound port (useful with port 0). */
export function bindServer(
  server: grpc.Server,
  host: string,
  port: number,
  credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
): Promise<number> {
  const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (error, boundPort) => (error ? reject(error) : resolve(boundPort)));
  });
}

/** Lets in-flight calls finish, then cuts whatever is still running after `timeoutMs`. */
export function shutdownServer(server: grpc.Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, timeoutMs);
    server.tryShutdown(() => {
      clearTimeout(deadline);
      resolve();
    });
  });
}
