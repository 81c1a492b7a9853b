import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { isCofferError } from '@coffer/contract';
import { unary } from '@coffer/grpc';
import type { Backends } from '../backends.js';
import { remainingMs } from '../request-deadline.js';
import { jsonBody } from '../request-body.js';
import { formBody } from '../web/form-body.js';

/** RFC 8628 §3.4: the grant type of a device's token request. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const DEVICE_CODE_PATH = '/auth/device/code';
export const DEVICE_TOKEN_PATH = '/auth/device/token';

type OAuthError = 'invalid_request' | 'unsupported_grant_type' | 'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'invalid_grant';

export interface DeviceGrantDeps {
  backends: Pick<Backends, 'auth'>;
  deadlineMs: number;
  bodyLimit: number;
}

const codeRequest = z.object({
  client_id: z.string().min(1).max(64),
  client_name: z.string().max(128).optional(),
  scope: z.string().max(256).optional(),
});

const tokenRequest = z.object({
  grant_type: z.string().max(128),
  device_code: z.string().min(1).max(256),
  client_id: z.string().max(64).optional(),
});

/**
 * RFC 6749 §5.1/§5.2 answers: OAuth clients parse these field names, so this is the one place the
 * Coffer envelope is not used. Never cached (the security headers say no-store; Pragma for HTTP/1.0).
 */
function oauthAnswer(res: Response, status: number, body: Record<string, unknown>): void {
  res.setHeader('Pragma', 'no-cache');
  res.status(status).json(body);
}

const oauthError = (res: Response, error: OAuthError, description: string, extra: Record<string, unknown> = {}) =>
  oauthAnswer(res, 400, { error, error_description: description, ...extra });

/** The first problem of a request, named by its field (never its value). */
function invalidRequest(res: Response, issues: readonly z.core.$ZodIssue[]): void {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  oauthError(res, 'invalid_request', `${field}: ${issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : 'is not valid'}`);
}

/**
 * The device authorization grant's two endpoints (RFC 8628 §3.1 and §3.4), public: the device
 * proves itself by the device code. Both take `application/x-www-form-urlencoded`, as the RFC
 * says, or JSON. Mounted at /api/v1 before bearer authentication.
 */
export function deviceGrantRoutes(deps: DeviceGrantDeps): Router {
  const router = Router();
  const readBody = [jsonBody({ limit: deps.bodyLimit }), formBody()];
  const options = (res: Response) => ({ ctx: { requestId: res.locals.requestId as string }, deadlineMs: remainingMs(res, deps.deadlineMs) });
  const client = (req: Request, res: Response) => ({
    ip: (res.locals.clientAddress as string | undefined) ?? req.ip ?? '',
    userAgent: (req.get('user-agent') ?? '').slice(0, 512),
  });

  router.post(DEVICE_CODE_PATH, ...readBody, async (req, res) => {
    const parsed = codeRequest.safeParse(req.body ?? {});
    if (!parsed.success) return invalidRequest(res, parsed.error.issues);
    const request = { clientId: parsed.data.client_id, clientName: parsed.data.client_name ?? '', client: client(req, res) };
    let issued;
    try {
      issued = await unary(deps.backends.auth, 'StartDeviceAuthorization', request, options(res));
    } catch (err) {
      if (isCofferError(err) && err.code === 'INVALID_ARGUMENT') return oauthError(res, 'invalid_request', err.message);
      throw err;
    }
    oauthAnswer(res, 200, {
      device_code: issued.deviceCode,
      user_code: issued.userCode,
      verification_uri: issued.verificationUri,
      verification_uri_complete: issued.verificationUriComplete,
      expires_in: issued.expiresIn,
      interval: issued.interval,
    });
  });

  router.post(DEVICE_TOKEN_PATH, ...readBody, async (req, res) => {
    const parsed = tokenRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      const grant = (req.body as Record<string, unknown> | undefined)?.grant_type;
      if (typeof grant === 'string' && grant !== DEVICE_CODE_GRANT) return oauthError(res, 'unsupported_grant_type', `grant_type: only ${DEVICE_CODE_GRANT}`);
      return invalidRequest(res, parsed.error.issues);
    }
    if (parsed.data.grant_type !== DEVICE_CODE_GRANT) return oauthError(res, 'unsupported_grant_type', `grant_type: only ${DEVICE_CODE_GRANT}`);
    const answer = await unary(deps.backends.auth, 'PollDeviceToken', { deviceCode: parsed.data.device_code }, options(res));
    if (answer.error || !answer.tokens) {
      return oauthError(
        res,
        (answer.error || 'invalid_grant') as OAuthError,
        answer.errorDescription,
        answer.error === 'slow_down' ? { interval: answer.interval } : {},
      );
    }
    const tokens = answer.tokens;
    oauthAnswer(res, 200, {
      access_token: tokens.accessToken,
      token_type: tokens.tokenType,
      expires_in: tokens.expiresIn,
      refresh_token: tokens.refreshToken,
    });
  });
  return router;
}
