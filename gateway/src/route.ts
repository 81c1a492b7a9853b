import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { parseInput, type ErrorCode } from '@coffer/contract';
import { readReplayed, unary, type Principal, type RequestOf, type ResponseOf, type UnaryMethodName, type UnaryOptions } from '@coffer/grpc';
import type { AuditRecorder } from './audit-recorder.js';
import { outcomeOf, recordAudit, type Outcome } from './audit-events.js';
import type { Backends } from './backends.js';
import { ifNoneMatchOf } from './conditional.js';
import { withRenewedPrincipal } from './authenticate.js';
import { callContext, requireOwnOrg } from './context.js';
import { sendData, sendError } from './envelope.js';
import type { PrincipalCache } from './principal-cache.js';
import { remainingMs } from './request-deadline.js';
import { REPLAYED_HEADER, idempotency, idempotencyOf, replayedAction } from './idempotency.js';

export interface RouteInput<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  /** The entity-tags of If-None-Match (conditional.ts): empty when absent or not valid. Read by the routes that answer 304. */
  ifNoneMatch: string[];
  /** Where the request came from: kept on the sessions a login opens. */
  client: { ip: string; userAgent: string };
}

/** What a route answers: data (2xx), or a refusal that carries data, such as the plan of a push with invalid entries. */
export interface RouteAnswer {
  status?: number;
  data: unknown;
  message?: string;
  /** The audit action, when the outcome decides it (a set that created the secret). */
  action?: string;
  refusal?: ErrorCode;
  /** Further successes the call did, each audited as its own action (an approval that applied a change request). */
  alsoAudited?: { action: string; resource: string }[];
  /** The answer's entity-tag, sent as ETag: only ever one made without values (see conditional.ts). */
  etag?: string;
  /** The caller holds `etag`: 304, no body. */
  notModified?: boolean;
}

/**
 * One REST route, declared as data: method, path, the schemas of each part of the request, the
 * audit action, and the RPC it calls with the request it sends and how its reply is answered. The
 * one shape (`mountRoutes`) validates, keeps organisations apart, calls, audits and answers, the
 * same for every route; the declarations will also produce the OpenAPI document.
 */
export interface RouteDeclaration<Params, Query, Body, Service extends keyof Backends, Method extends UnaryMethodName<Backends[Service]>> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under /api/v1, with Express `:params`; an `:org` param is always the caller's own organisation. */
  path: string;
  summary: string;
  /**
   * `public`: no token (bootstrap, login); `optional`: a bearer token when one is sent (logout,
   * accepting an invitation), verified like any. Default: a bearer token.
   */
  access?: 'public' | 'optional' | 'token';
  params: z.ZodType<Params>;
  query: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  /** Takes an Idempotency-Key. */
  idempotent?: boolean;
  /** Audited, whatever the outcome, once the request names a resource of the caller's organisation. */
  audit?: {
    /** A function of the query as sent decides the action before the query is judged (a read or a reveal). */
    action: string | ((query: Record<string, unknown>) => string);
    /** Default: the path up to its last parameter, e.g. `orgs/acme/projects/api/envs/dev/secrets/KEY`. */
    resource?(input: RouteInput<Params, Query, Body>): string;
  };
  rpc: { service: Service; method: Method; deadlineMs?: number };
  request(input: RouteInput<Params, Query, Body>): RequestOf<Backends[Service][Method]>;
  /** Default: the reply as data, 200. */
  answer?(reply: ResponseOf<Backends[Service][Method]>, input: RouteInput<Params, Query, Body>): RouteAnswer;
  /** What this process does once the call succeeded, before the answer goes out (a revoked token leaves its cache). */
  afterSuccess?(input: RouteInput<Params, Query, Body>, deps: RouteDeps): void;
}

/** A declaration with its types checked and then forgotten, so that routes of every shape fit one list. */
export type Route = Omit<RouteDeclaration<any, any, any, keyof Backends, never>, 'rpc' | 'request' | 'answer'> & {
  rpc: { service: keyof Backends; method: string; deadlineMs?: number };
  request(input: RouteInput<any, any, any>): unknown;
  answer?(reply: any, input: RouteInput<any, any, any>): RouteAnswer;
  afterSuccess?(input: RouteInput<any, any, any>, deps: RouteDeps): void;
};

export function route<Params, Query, Body, Service extends keyof Backends, Method extends UnaryMethodName<Backends[Service]>>(
  declaration: RouteDeclaration<Params, Query, Body, Service, Method>,
): Route {
  return declaration as unknown as Route;
}

export interface RouteDeps {
  backends: Backends;
  audit: AuditRecorder;
  /** A request's budget, counted from its arrival; the service call gets what remains of it. */
  deadlineMs: number;
  principalCache: PrincipalCache<Principal>;
}

// The declaration checked the types of its RPC; the erased route calls it untyped.
const call = unary as unknown as (client: unknown, method: string, request: unknown, options: UnaryOptions) => Promise<unknown>;

/** `orgs/acme/projects/api` from `/orgs/:org/projects/:project/envs` and the params; `orgs` from `/orgs`. */
function defaultResource(path: string, params: Record<string, string>): string {
  const segments = path.split('/').filter(Boolean);
  const last = segments.findLastIndex((segment) => segment.startsWith(':'));
  return segments
    .slice(0, last === -1 ? segments.length : last + 1)
    .map((segment) => (segment.startsWith(':') ? (params[segment.slice(1)] ?? '') : segment))
    .join('/');
}

function handlerFor(declaration: Route, deps: RouteDeps) {
  return async (req: Request, res: Response) => {
    const params = parseInput(declaration.params, req.params, 'path') as Record<string, string>;
    if (params.org !== undefined) requireOwnOrg(res, params.org);
    const audit = declaration.audit;
    let input: RouteInput<unknown, unknown, unknown> | undefined;
    let action = typeof audit?.action === 'function' ? audit.action(req.query as Record<string, unknown>) : audit?.action;
    const record = (outcome: Outcome) => {
      if (!audit || action === undefined) return;
      // A resource named by the body is only known once the body is valid; until then, the path's.
      const resource = input && audit.resource ? audit.resource(input) : defaultResource(declaration.path, params);
      recordAudit(deps.audit, req, res, action, resource, outcome);
    };
    try {
      input = {
        params,
        query: parseInput(declaration.query, req.query, 'query'),
        body: declaration.body ? parseInput(declaration.body, req.body ?? {}, 'body') : undefined,
        ifNoneMatch: ifNoneMatchOf(req.get('if-none-match')),
        client: { ip: (res.locals.clientAddress as string | undefined) ?? req.ip ?? '', userAgent: (req.get('user-agent') ?? '').slice(0, 512) },
      };
      const { service, method, deadlineMs = deps.deadlineMs } = declaration.rpc;
      const once = declaration.idempotent ? idempotencyOf(res) : undefined;
      let replayed = false;
      const request = declaration.request(input);
      // A principal a service refused as revoked or stale is renewed and the call sent once more.
      const reply = await withRenewedPrincipal(res, () => {
        const options: UnaryOptions = { ctx: once ? { ...callContext(res), idempotency: once } : callContext(res), deadlineMs: remainingMs(res, deadlineMs) };
        // Only a call with an Idempotency-Key can be answered a replay: no other call reads its trailer.
        if (once) options.onTrailer = (trailer) => (replayed = readReplayed(trailer));
        return call(deps.backends[service], method, request, options);
      });
      const answer: RouteAnswer = declaration.answer ? declaration.answer(reply, input) : { data: reply };
      if (!answer.refusal) declaration.afterSuccess?.(input, deps);
      action = answer.action ?? action;
      if (replayed) {
        res.setHeader(REPLAYED_HEADER, 'true');
        action = action === undefined ? undefined : replayedAction(action);
      }
      record(answer.refusal ? 'failure' : 'success');
      for (const also of answer.alsoAudited ?? [])
        recordAudit(deps.audit, req, res, replayed ? replayedAction(also.action) : also.action, also.resource, 'success');
      if (answer.etag) res.setHeader('ETag', answer.etag);
      if (answer.notModified) res.status(304).end();
      else if (answer.refusal) sendError(res, answer.refusal, answer.message ?? 'request refused', answer.data);
      else sendData(res, answer.data, answer.status ?? 200, answer.message);
    } catch (err) {
      record(outcomeOf(err));
      throw err;
    }
  };
}

/** Mounts declarations on a router; the bearer middleware must already be in front of every non-public one. */
export function mountRoutes(routes: readonly Route[], deps: RouteDeps): Router {
  const router = Router();
  for (const declaration of routes) {
    const handlers: RequestHandler[] = declaration.idempotent ? [idempotency()] : [];
    router[declaration.method](declaration.path, ...handlers, handlerFor(declaration, deps));
  }
  return router;
}
