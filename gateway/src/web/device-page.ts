import { Router, type Request, type Response } from 'express';
import { isCofferError } from '@coffer/contract';
import { unary, type Principal } from '@coffer/grpc';
import type { Backends } from '../backends.js';
import { remainingMs } from '../request-deadline.js';
import { checkPreSessionCsrf, checkSessionCsrf, fromThisSite, preSessionCsrfToken, sessionCsrfToken } from './csrf.js';
import { formBody } from './form-body.js';
import { html, sendPage, type Markup } from './html.js';
import { clearWebSession, setWebSession, webSessionToken } from './session-cookie.js';

export const DEVICE_PAGE_PATH = '/device';

export interface DevicePageDeps {
  backends: Pick<Backends, 'auth'>;
  deadlineMs: number;
  /** The single sign-on providers the gateway knows: each gets a "Sign in with" link that comes back here. */
  ssoProviders: readonly string[];
}

/** What may travel back in a link or a hidden field: a user code as typed, nothing else. */
const typedCode = (value: unknown): string => (typeof value === 'string' && /^[A-Za-z0-9 -]{1,32}$/.test(value) ? value : '');
const pageOf = (code: string) => (code ? `${DEVICE_PAGE_PATH}?user_code=${encodeURIComponent(code)}` : DEVICE_PAGE_PATH);
const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The approval page of the device authorization grant (RFC 8628 §3.3), server-rendered: sign in
 * (password, then a second factor when one is on, or single sign-on), see what is asking (its name,
 * address, program and time) and approve or deny. No scripts; every value is escaped; every POST
 * must come from this site and carry the form token.
 */
export function devicePages(deps: DevicePageDeps): Router {
  const router = Router();
  const readForm = formBody();
  const options = (res: Response, principal?: Principal) => ({
    ctx: { requestId: res.locals.requestId as string, ...(principal ? { principal } : {}) },
    deadlineMs: remainingMs(res, deps.deadlineMs),
  });
  const client = (req: Request, res: Response) => ({
    ip: (res.locals.clientAddress as string | undefined) ?? req.ip ?? '',
    userAgent: (req.get('user-agent') ?? '').slice(0, 512),
  });

  /** The signed-in person of the browser's web session, or undefined (an expired or revoked one is forgotten). */
  async function signedIn(req: Request, res: Response): Promise<{ principal: Principal; token: string } | undefined> {
    const token = webSessionToken(req);
    if (!token) return undefined;
    try {
      return { principal: await unary(deps.backends.auth, 'Authenticate', { token, orgSlug: '' }, options(res)), token };
    } catch (err) {
      if (!isCofferError(err) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'PERMISSION_DENIED')) throw err;
      clearWebSession(req, res);
      return undefined;
    }
  }

  function signInPage(req: Request, res: Response, code: string, status = 200, error = ''): void {
    const csrf = preSessionCsrfToken(req, res);
    const sso = deps.ssoProviders.map(
      (provider) =>
        html`<p>
          <a class="button secondary" href="/api/v1/auth/sso/${encodeURIComponent(provider)}?returnTo=${encodeURIComponent(pageOf(code))}"
            >Sign in with ${provider}</a
          >
        </p>`,
    );
    sendPage(
      res,
      status,
      'Sign in',
      html`<h1>Sign in to approve a device</h1>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <form method="post" action="${DEVICE_PAGE_PATH}/login">
          <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="user_code" value="${code}" /> <label for="email">Email</label
          ><input id="email" name="email" type="email" autocomplete="username" required /> <label for="password">Password</label
          ><input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
        ${
          sso.length
            ? html`<p class="muted">Or</p>
                ${sso}`
            : ''
        }`,
    );
  }

  function secondFactorPage(req: Request, res: Response, code: string, challenge: string, status = 200, error = ''): void {
    const csrf = preSessionCsrfToken(req, res);
    sendPage(
      res,
      status,
      'Second factor',
      html`<h1>Two-factor authentication</h1>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <form method="post" action="${DEVICE_PAGE_PATH}/login/2fa">
          <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="user_code" value="${code}" /><input
            type="hidden"
            name="challenge"
            value="${challenge}"
          />
          <label for="code">Code from your authenticator app</label
          ><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" />
          <label for="recovery_code">Or a recovery code</label><input id="recovery_code" name="recovery_code" autocomplete="off" />
          <button type="submit">Continue</button>
        </form>`,
    );
  }

  function codeEntryPage(res: Response, principal: Principal, status = 200, error = ''): void {
    sendPage(
      res,
      status,
      'Device login',
      html`<h1>Approve a device</h1>
        <p>Signed in as <strong>${principal.name}</strong>.</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <form method="get" action="${DEVICE_PAGE_PATH}">
          <label for="user_code">The code your device shows</label
          ><input id="user_code" name="user_code" class="code" autocomplete="off" placeholder="XXXX-XXXX" required />
          <button type="submit">Continue</button>
        </form>`,
    );
  }

  function resultPage(res: Response, title: string, body: Markup, status = 200): void {
    sendPage(
      res,
      status,
      title,
      html`<h1>${title}</h1>
        ${body}`,
    );
  }

  /** Where a failed look-up of the code leaves the person: the code form again, saying why. */
  function refusedCode(res: Response, principal: Principal, err: unknown): void {
    if (!isCofferError(err)) throw err;
    if (err.code === 'NOT_FOUND' || err.code === 'INVALID_ARGUMENT') {
      return codeEntryPage(res, principal, 404, 'No pending request has this code: check it against your device, or start the login again there.');
    }
    if (err.code === 'RESOURCE_EXHAUSTED') return codeEntryPage(res, principal, 429, 'Too many codes that match no request. Wait a minute, then try again.');
    throw err;
  }

  const forbidden = (res: Response) =>
    resultPage(res, 'Request refused', html`<p>This form expired or was not sent from this page. <a href="${DEVICE_PAGE_PATH}">Start again</a>.</p>`, 403);

  router.get(DEVICE_PAGE_PATH, async (req, res) => {
    const code = typedCode(req.query.user_code);
    const session = await signedIn(req, res);
    if (!session) return signInPage(req, res, code);
    if (!code) return codeEntryPage(res, session.principal);
    let details;
    try {
      details = await unary(deps.backends.auth, 'DescribeDeviceAuthorization', { userCode: code }, options(res, session.principal));
    } catch (err) {
      return refusedCode(res, session.principal, err);
    }
    const csrf = sessionCsrfToken(session.token);
    const decision = (action: 'approve' | 'deny', label: string, style: string) =>
      html`<form method="post" action="${DEVICE_PAGE_PATH}/${action}">
        <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="user_code" value="${details.userCode}" /><button
          type="submit"
          class="${style}"
        >
          ${label}
        </button>
      </form>`;
    sendPage(
      res,
      200,
      'Approve this device?',
      html`<h1>Approve this device?</h1>
        <p>Signed in as <strong>${session.principal.name}</strong>. Approving signs this device in as you.</p>
        <dl>
          <dt>Code</dt>
          <dd class="code">${details.userCode}</dd>
          <dt>It says it is</dt>
          <dd>${details.clientName}</dd>
          <dt>Asked from</dt>
          <dd>${details.requesterIp || 'unknown address'}</dd>
          <dt>Program</dt>
          <dd>${details.requesterAgent || 'not given'}</dd>
          <dt>Asked at</dt>
          <dd>${details.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</dd>
        </dl>
        <p class="muted">Approve only if you started this login yourself and the code matches the one your device shows.</p>
        <div class="actions">${decision('approve', 'Approve', '')}${decision('deny', 'Deny', 'secondary')}</div>`,
    );
  });

  router.post(`${DEVICE_PAGE_PATH}/login`, readForm, async (req, res) => {
    if (!fromThisSite(req) || !checkPreSessionCsrf(req, field(req.body, 'csrf'))) return forbidden(res);
    const code = typedCode(field(req.body, 'user_code'));
    let reply;
    try {
      reply = await unary(
        deps.backends.auth,
        'Login',
        { email: field(req.body, 'email'), password: field(req.body, 'password'), client: client(req, res) },
        options(res),
      );
    } catch (err) {
      if (isCofferError(err) && (err.code === 'UNAUTHENTICATED' || err.code === 'INVALID_ARGUMENT'))
        return signInPage(req, res, code, 401, 'Wrong email or password.');
      throw err;
    }
    if (reply.secondFactorRequired) return secondFactorPage(req, res, code, reply.challenge);
    setWebSession(req, res, reply.tokens!.accessToken, reply.tokens!.expiresIn);
    res.redirect(303, pageOf(code));
  });

  router.post(`${DEVICE_PAGE_PATH}/login/2fa`, readForm, async (req, res) => {
    if (!fromThisSite(req) || !checkPreSessionCsrf(req, field(req.body, 'csrf'))) return forbidden(res);
    const code = typedCode(field(req.body, 'user_code'));
    const challenge = field(req.body, 'challenge');
    let reply;
    try {
      reply = await unary(
        deps.backends.auth,
        'LoginSecondFactor',
        { challenge, code: field(req.body, 'code').trim(), recoveryCode: field(req.body, 'recovery_code').trim(), client: client(req, res) },
        options(res),
      );
    } catch (err) {
      if (!isCofferError(err) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'INVALID_ARGUMENT')) throw err;
      return secondFactorPage(req, res, code, challenge.slice(0, 256), 401, 'That code did not work. Too many wrong codes end the sign-in: then start again.');
    }
    setWebSession(req, res, reply.tokens!.accessToken, reply.tokens!.expiresIn);
    res.redirect(303, pageOf(code));
  });

  for (const action of ['approve', 'deny'] as const) {
    router.post(`${DEVICE_PAGE_PATH}/${action}`, readForm, async (req, res) => {
      const session = await signedIn(req, res);
      if (!session) return signInPage(req, res, typedCode(field(req.body, 'user_code')), 401, 'Your session ended: sign in again.');
      if (!fromThisSite(req) || !checkSessionCsrf(session.token, field(req.body, 'csrf'))) return forbidden(res);
      const userCode = field(req.body, 'user_code');
      try {
        await unary(
          deps.backends.auth,
          action === 'approve' ? 'ApproveDeviceAuthorization' : 'DenyDeviceAuthorization',
          { userCode },
          options(res, session.principal),
        );
      } catch (err) {
        return refusedCode(res, session.principal, err);
      }
      if (action === 'approve')
        resultPage(res, 'Device approved', html`<p>The device is signed in as <strong>${session.principal.name}</strong>. You can close this window.</p>`);
      else resultPage(res, 'Request denied', html`<p>The device was not signed in. You can close this window.</p>`);
    });
  }
  return router;
}
