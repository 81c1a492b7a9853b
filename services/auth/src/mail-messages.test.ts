import { CofferError } from '@coffer/contract';
import { describe, expect, it } from 'vitest';
import { accountExistsMail, invitationMail, passwordChangedMail, passwordResetMail, verificationMail } from './mail-messages.js';

const LINK = 'https://coffer.example.com/accept?token=abc123&org=acme';
const ESCAPED_LINK = 'https://coffer.example.com/accept?token=abc123&amp;org=acme';
const TO = 'ada@example.com';

const withLinks = [
  ['verificationMail', () => verificationMail({ to: TO, link: LINK, expiresInMinutes: 1440 })],
  ['passwordResetMail', () => passwordResetMail({ to: TO, link: LINK, expiresInMinutes: 30 })],
  ['accountExistsMail', () => accountExistsMail({ to: TO, resetLink: LINK, expiresInMinutes: 30 })],
  ['invitationMail', () => invitationMail({ to: TO, orgName: 'Acme', role: 'member', invitedBy: 'Grace', link: LINK, expiresInMinutes: 10080 })],
] as const;

const occurrences = (text: string, part: string) => text.split(part).length - 1;
// What a plain-text reader or a terminal showing the log fallback would obey.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe.each(withLinks)('%s', (_name, build) => {
  it('carries its link exactly once in the text and as the href of the HTML', () => {
    const mail = build();

    expect(mail.to).toBe(TO);
    expect(occurrences(mail.text, LINK)).toBe(1);
    expect(mail.text).toMatch(new RegExp(`^${LINK.replace(/[.?&]/g, '\\$&')}$`, 'm'));
    expect(occurrences(mail.html, `href="${ESCAPED_LINK}"`)).toBe(1);
  });

  it('loads nothing remote and runs nothing', () => {
    const { html } = build();

    expect(html).not.toMatch(/<script|<img|<iframe|<link|src=|url\(|\son[a-z]+=/i);
  });
});

describe('invitationMail from a hostile organisation', () => {
  const hostile = invitationMail({
    to: TO,
    orgName: '<script>alert(1)</script> "Acme" \'Ltd\'\r\nBcc: mallory@example.com \u001b[31mred\u001b[0m',
    role: 'admin\u0007',
    invitedBy: '<img src=x onerror=alert(1)> Mallory\u202etxt.exe',
    link: LINK,
    expiresInMinutes: 10080,
  });

  it('escapes the names in the HTML part', () => {
    expect(hostile.html).not.toMatch(/<script|<img/);
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Acme&quot; &#39;Ltd&#39;');
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt; Mallory');
  });

  it('keeps the names on one line and without control characters in the text and subject', () => {
    expect(hostile.subject).not.toMatch(/[\r\n]/);
    expect(hostile.subject).not.toMatch(CONTROL);
    expect(hostile.text).not.toMatch(CONTROL);
    expect(hostile.html).not.toMatch(CONTROL);
    // The forged header stays inside the sentence instead of starting a line.
    expect(hostile.text).not.toMatch(/^Bcc:/m);
    expect(hostile.subject).toBe('You are invited to join “<script>alert(1)</script> "Acme" \'Ltd\' Bcc: mallory@example.com red” on Coffer');
    expect(hostile.text).toContain('Mallorytxt.exe invited you');
    expect(hostile.text).toContain('as admin.');
  });
});

it('says when the link expires, in the largest whole unit', () => {
  expect(verificationMail({ to: TO, link: LINK, expiresInMinutes: 1440 }).text).toContain('expires in 1 day.');
  expect(passwordResetMail({ to: TO, link: LINK, expiresInMinutes: 30 }).text).toContain('expires in 30 minutes and');
  expect(passwordResetMail({ to: TO, link: LINK, expiresInMinutes: 120 }).text).toContain('expires in 2 hours and');
  expect(invitationMail({ to: TO, orgName: 'Acme', role: 'member', invitedBy: 'Grace', link: LINK, expiresInMinutes: 10080 }).text).toContain(
    'expires in 7 days.',
  );
});

it('refuses a link that is not an http(s) URL', () => {
  for (const link of ['javascript:alert(1)', 'https://coffer.example.com/a b', 'not a url'])
    expect(() => verificationMail({ to: TO, link, expiresInMinutes: 60 })).toThrow(CofferError);
  expect(() => accountExistsMail({ to: TO, resetLink: 'data:text/html,hi', expiresInMinutes: 60 })).toThrow(/^resetLink: must be an http\(s\) URL$/);
});

it('tells of a password change without a link to follow', () => {
  const mail = passwordChangedMail({ to: TO });

  expect(mail).toMatchObject({ to: TO, subject: 'Your Coffer password was changed' });
  expect(mail.text).toContain(TO);
  expect(mail.text).not.toMatch(/https?:/);
  expect(mail.html).not.toMatch(/href=/);
});
