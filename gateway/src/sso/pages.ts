import type { Request, Response } from 'express';
import { errorEnvelope, httpStatusOf, type ErrorCode } from '@coffer/contract';
import { html, sendPage } from '../web/html.js';

/**
 * The few pages of single sign-on, for a browser (the look and policy of the gateway's other pages).
 * They hold fixed text only: nothing the provider or the caller sent is written into them.
 */

export const SECOND_FACTOR_PATH = '/api/v1/auth/sso/2fa';
export const SIGNED_IN_PATH = '/api/v1/auth/sso/signed-in';

export function sendSignedInPage(res: Response): void {
  sendPage(
    res,
    200,
    'Signed in',
    html`<h1>Signed in</h1>
      <p>You are signed in to Coffer. You can close this tab.</p>`,
  );
}

/** The code from the authenticator app, or a recovery code; the challenge stays in its cookie, never in the page. */
export function sendSecondFactorPage(res: Response, status = 200, problem = ''): void {
  sendPage(
    res,
    status,
    'Two-factor authentication',
    html`<h1>Two-factor authentication</h1>
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
      <form method="post" action="${SECOND_FACTOR_PATH}">
        <label for="code">Code from your authenticator app</label>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" autofocus />
        <label for="recoveryCode">Or a recovery code</label>
        <input id="recoveryCode" name="recoveryCode" autocomplete="off" maxlength="64" />
        <button type="submit">Continue</button>
      </form>`,
  );
}

/**
 * A refusal, as the page a browser shows or the envelope an API client reads (by its Accept
 * header); the message is fixed text of the gateway's or the Auth service's.
 */
export function sendRefusal(req: Request, res: Response, code: ErrorCode, message: string): void {
  if (req.accepts(['json', 'html']) === 'html') {
    sendPage(
      res,
      httpStatusOf(code),
      'Sign-in refused',
      html`<h1>Sign-in refused</h1>
        <p class="error">${message}</p>`,
    );
  } else {
    res.status(httpStatusOf(code)).json(errorEnvelope(code, message, null));
  }
}
