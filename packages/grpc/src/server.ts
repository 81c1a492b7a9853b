import * as grpc from '@grpc/grpc-js';
import { rememberServedMethod } from './in-process-channel.js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { CofferError, isCofferError, toCofferError } from '@coffer/contract';
import { enforce, type AccessRule } from './access.js';
import { toGrpcStatus } from './error-status.js';
import { PRINCIPAL_METADATA_KEY, SERVICE_METADATA_KEY, readAssertion, readIdempotency, readRequestId, replayTrailer, type CallContext } from './metadata.js';
import type { PrincipalVerifier } from './principal-assertion.js';
import type { ServiceVerifier } from './service-assertion.js';

type UntypedAsyncHandler = (request: unknown, ctx: CallContext) => Promise<unknown>;

type AsyncUnaryHandler<F> = F extends grpc.handleUnaryCall<infer Request, infer Response> ? (request: Request, ctx: CallContext) => Promise<Response> : never;

/**
 * A generated `...Handlers` interface as plain async functions, e.g.
 * `AsyncHandlers<AuditServiceHandlers>` is `{ Record(request, ctx): Promise<RecordResponse>, ... }`.
 * Streaming methods are left out: the adapter serves unary calls only.
 */
export type AsyncHandlers<Handlers> = {
  [Method in keyof Handlers as string extends Method ? never : [AsyncUnaryHandler<Handlers[Method]>] extends [never] ? never : Method]: AsyncUnaryHandler<
    Handlers[Method]
  >;
};

/** The generated `...Handlers` interface that belongs to a generated `...Definition`. */
export type HandlersOf<Definition> = {
  [Method in keyof Definition]: Definition[Method] extends MethodDefinition<infer _Request, infer Response, infer OutputRequest, infer _OutputResponse>
    ? grpc.handleUnaryCall<OutputRequest, Response>
    : never;
};

/** One access rule per unary RPC of a service: an RPC without one cannot be registered (nor compiled). */
export type AccessTable<Handlers> = {
  [Method in keyof AsyncHandlers<Handlers>]: AccessRule<Parameters<AsyncHandlers<Handlers>[Method]>[0]>;
};

export interface AddServiceOptions {
  /** Receives every error that is not a CofferError before the caller sees it as INTERNAL; pass a logger. */
  onUnexpectedError(error: unknown, method: string, requestId?: string): void;
  /** Called once per call with its outcome ('OK' or the error code), e.g. to count calls in a metric. */
  onCompleted?(method: string, code: string): void;
  /** Turns the caller's principal assertion into its principal; required, so no service can trust an unsigned one. */
  verifyPrincipal: PrincipalVerifier;
  /** Turns a service assertion into the calling service's name; required by services with service-only RPCs. */
  verifyService?: ServiceVerifier;
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
 * Registers a unary service whose handlers are plain async functions, each behind its access rule.
 * Every call gets its CallContext from metadata and is admitted by its rule before the handler
 * runs; a thrown CofferError becomes its gRPC status, and any other error is reported to
 * `onUnexpectedError` and answered as INTERNAL "internal error".
 */
export function addService<Definition extends grpc.ServiceDefinition>(
  server: grpc.Server,
  definition: Definition,
  handlers: AsyncHandlers<HandlersOf<Definition>>,
  access: AccessTable<HandlersOf<Definition>>,
  options: AddServiceOptions,
): void {
  const handlerByName = handlers as Record<string, unknown>;
  const ruleByName = access as Record<string, AccessRule<unknown> | undefined>;
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) {
      throw new Error(`addService serves unary methods only, but ${method.path} streams`);
    }
    const handler = handlerByName[name];
    if (typeof handler !== 'function') throw new Error(`addService: no handler for ${method.path}`);
    const rule = ruleByName[name];
    if (!rule) throw new Error(`addService: no access rule for ${method.path}`);
    if (rule.kind === 'service' && !options.verifyService)
      throw new Error(`addService: ${method.path} is for services only, but no service verifier was given`);
    implementation[name] = adaptUnary(method.path, handler as UntypedAsyncHandler, rule, options);
    rememberServedMethod(server, method.path, { ...method, handler: implementation[name] as grpc.handleUnaryCall<unknown, unknown> });
  }
  const extra = Object.keys(ruleByName).filter((name) => !Object.hasOwn(definition, name));
  if (extra.length > 0) throw new Error(`addService: access rules for unknown methods ${extra.join(', ')}`);
  server.addService(definition, implementation);
}

/** Admits a call by its rule: verifies what the rule needs (principal or service assertion) and authorizes. */
async function admit(metadata: grpc.Metadata, request: unknown, rule: AccessRule<unknown>, options: AddServiceOptions, ctx: CallContext): Promise<void> {
  switch (rule.kind) {
    case 'public': {
      // Anyone may call; a principal the call carries anyway (a signed-in user logging out) must verify.
      const assertion = readAssertion(metadata, PRINCIPAL_METADATA_KEY);
      if (assertion) ctx.principal = await options.verifyPrincipal(assertion);
      return;
    }
    case 'service': {
      const assertion = readAssertion(metadata, SERVICE_METADATA_KEY);
      if (!assertion || !options.verifyService) throw new CofferError('UNAUTHENTICATED', 'only a Coffer service may call this');
      const service = await options.verifyService(assertion);
      if (!rule.services.includes(service)) throw new CofferError('PERMISSION_DENIED', `service '${service}' may not call this`);
      ctx.service = service;
      return;
    }
    case 'principal': {
      const assertion = readAssertion(metadata, PRINCIPAL_METADATA_KEY);
      if (!assertion) throw new CofferError('UNAUTHENTICATED', 'call carries no principal');
      ctx.principal = await options.verifyPrincipal(assertion);
      enforce(rule, request, ctx.principal);
      return;
    }
  }
}

function adaptUnary(
  method: string,
  handler: UntypedAsyncHandler,
  rule: AccessRule<unknown>,
  options: AddServiceOptions,
): grpc.handleUnaryCall<unknown, unknown> {
  const { onUnexpectedError, onCompleted } = options;
  return (call, callback) => {
    const ctx: CallContext = { requestId: readRequestId(call.metadata), deadline: deadlineOf(call) };
    const answer = async () => {
      await admit(call.metadata, call.request, rule, options, ctx);
      const idempotency = readIdempotency(call.metadata);
      if (idempotency) ctx.idempotency = idempotency;
      return handler(call.request, ctx);
    };
    answer().then(
      (response) => {
        callback(null, response, replayTrailer(ctx.replayed));
        onCompleted?.(method, 'OK');
      },
      (error: unknown) => {
        const known = toCofferError(error);
        callback(toGrpcStatus(known));
        if (!isCofferError(error)) onUnexpectedError(error, method, ctx.requestId);
        onCompleted?.(method, known.code);
      },
    );
  };
}

/** The call's deadline in ms since the epoch, Infinity when the caller set none. */
function deadlineOf(call: { getDeadline(): grpc.Deadline }): number {
  const deadline = call.getDeadline();
  return deadline instanceof Date ? deadline.getTime() : deadline;
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
