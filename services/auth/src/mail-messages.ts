import { CofferError } from '@coffer/contract';
import type { OutgoingMail } from './mailer.js';

/**
 * The messages the Auth service sends. Names chosen by users (organisations, inviters) reach
 * someone else's mailbox, so each is cleaned of what could forge a header, recolour a terminal
 * that shows the log fallback or reorder the text (control characters, escape sequences,
 * bidirectional overrides), and the HTML part escapes all of its text. No remote images or scripts:
 * nothing tells the sender that a message was opened.
 */

// Whole ANSI sequences first, so that `\u001b[31m` leaves no `[31m` behind.
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The value on one line, without control characters: safe in a subject, a log line and plain text. */
function clean(value: string): string {
  return value.replace(ANSI_SEQUENCE, '').replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').trim();
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);
}

/** Links are built by the service itself; anything but a plain http(s) URL is a bug, not a message. */
function checkedLink(link: string, field: string): string {
  const url = URL.canParse(link) ? new URL(link) : undefined;
  if ((url?.protocol !== 'https:' && url?.protocol !== 'http:') || /\s|[\u0000-\u001f\u007f]/.test(link))
    throw new CofferError('INVALID_ARGUMENT', `${field}: must be an http(s) URL`, { details: { field } });
  return link;
}

function duration(minutes: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (minutes >= 1440 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(Math.max(1, Math.round(minutes)), 'minute');
}

/** A paragraph, or a link: on a line of its own in the text part, a button-like anchor in the HTML part. */
type Part = string | { link: string; label: string };

function compose(to: string, subject: string, parts: Part[]): OutgoingMail {
  const text = parts.map((part) => (typeof part === 'string' ? part : part.link)).join('\n\n');
  const body = parts
    .map((part) =>
      typeof part === 'string'
        ? `<p>${escapeHtml(part)}</p>`
        : `<p><a href="${escapeHtml(part.link)}" style="display:inline-block;padding:10px 16px;background:#1f4fd1;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(part.label)}</a></p>`,
    )
    .join('\n');
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px">',
    body,
    '</body></html>',
  ].join('\n');
  return { to, subject, text: `${text}\n`, html };
}

export function verificationMail(input: { to: string; link: string; expiresInMinutes: number }): OutgoingMail {
  return compose(input.to, 'Verify your email address for Coffer', [
    'Welcome to Coffer. To verify your email address, open this link:',
    { link: checkedLink(input.link, 'link'), label: 'Verify my email address' },
    `The link expires in ${duration(input.expiresInMinutes)}. If you did not sign up for Coffer, ignore this email.`,
  ]);
}

export function passwordResetMail(input: { to: string; link: string; expiresInMinutes: number }): OutgoingMail {
  return compose(input.to, 'Reset your Coffer password', [
    'Someone asked to reset the password of your Coffer account. To choose a new password, open this link:',
    { link: checkedLink(input.link, 'link'), label: 'Choose a new password' },
    `The link expires in ${duration(input.expiresInMinutes)} and works once. If you did not ask for this, ignore this email: your password stays as it is.`,
  ]);
}

/** Sent when someone signs up with an address that already has an account: the sign-up answer is the same for both, so only the mailbox's owner learns it. */
export function accountExistsMail(input: { to: string; resetLink: string; expiresInMinutes: number }): OutgoingMail {
  return compose(input.to, 'You already have a Coffer account', [
    'Someone tried to sign up for Coffer with this email address, which already has an account. If it was you, sign in instead. If you forgot your password, choose a new one with this link:',
    { link: checkedLink(input.resetLink, 'resetLink'), label: 'Choose a new password' },
    `The link expires in ${duration(input.expiresInMinutes)} and works once. If it was not you, ignore this email: nothing has changed.`,
  ]);
}

export function invitationMail(input: { to: string; orgName: string; role: string; invitedBy: string; link: string; expiresInMinutes: number }): OutgoingMail {
  const orgName = clean(input.orgName);
  return compose(input.to, `You are invited to join “${orgName}” on Coffer`, [
    `${clean(input.invitedBy)} invited you to join the organisation “${orgName}” on Coffer, as ${clean(input.role)}. To accept, open this link:`,
    { link: checkedLink(input.link, 'link'), label: 'Accept the invitation' },
    `The invitation expires in ${duration(input.expiresInMinutes)}. If you did not expect it, ignore this email.`,
  ]);
}

export function passwordChangedMail(input: { to: string }): OutgoingMail {
  return compose(input.to, 'Your Coffer password was changed', [
    `The password of the Coffer account ${clean(input.to)} was just changed.`,
    'If it was you, there is nothing to do. If it was not, reset your password at once from the sign-in page, and tell the administrator of your organisation.',
  ]);
}
