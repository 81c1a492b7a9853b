import { CofferError } from '@coffer/contract';
import type { Logger } from '@coffer/telemetry';
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the mail server accepted the message (or, without SMTP, once it is logged). */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** Whether messages go to a mail server. */
  readonly configured: boolean;
}

export interface MailerOptions {
  /** smtp://user:pass@host:port or smtps://…; undefined (or empty) when SMTP is not configured. */
  smtpUrl?: string;
  /** The From header, e.g. 'Coffer <coffer@example.com>'. */
  from: string;
  logger: Logger;
  /**
   * Without SMTP: write the whole message (its links included) to the log with a warning, so a
   * newcomer on the embedded default can still sign up. Off in production, where only a warning
   * that nothing was sent is logged.
   */
  logUnsent: boolean;
  /** Connection, greeting and socket inactivity timeouts; 10000 by default. */
  timeoutMs?: number;
}

const NOT_CONFIGURED = 'SMTP is not configured (COFFER_SMTP_URL)';
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** A line break in a header would let whoever chose the address or subject write headers (Bcc) of their own. */
function refuseHeaderInjection({ to, subject }: OutgoingMail): void {
  if (CONTROL_CHARACTER.test(to))
    throw new CofferError('INVALID_ARGUMENT', 'email: must not contain line breaks or control characters', { details: { field: 'email' } });
  if (CONTROL_CHARACTER.test(subject))
    throw new CofferError('INVALID_ARGUMENT', 'subject: must not contain line breaks or control characters', { details: { field: 'subject' } });
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseSmtpUrl(smtpUrl: string): URL {
  const url = URL.canParse(smtpUrl) ? new URL(smtpUrl) : undefined;
  if (url?.protocol !== 'smtp:' && url?.protocol !== 'smtps:')
    throw new CofferError('INVALID_ARGUMENT', 'smtpUrl: must be an smtp:// or smtps:// URL', { details: { field: 'smtpUrl' } });
  return url;
}

export function createMailer({ smtpUrl, from, logger, logUnsent, timeoutMs = 10_000 }: MailerOptions): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      async send(mail) {
        refuseHeaderInjection(mail);
        const { to, subject, text } = mail;
        if (logUnsent) logger.warn({ to, subject, text }, `${NOT_CONFIGURED}: this message was not sent; it is written here instead`);
        else logger.warn({ to, subject }, `${NOT_CONFIGURED}: a message was not sent`);
      },
      close() {},
    };
  }

  const url = parseSmtpUrl(smtpUrl);
  // The server's reply is quoted in the error; it must not carry the password into the log.
  const secrets = [url.password, decoded(url.password)].filter((secret) => secret.length > 0);
  const scrub = (text: string) => secrets.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, '[redacted]'), text);
  const transport = createTransport(
    { url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, dnsTimeout: timeoutMs },
    { from },
  );

  return {
    configured: true,
    async send(mail) {
      refuseHeaderInjection(mail);
      const { to, subject, text, html } = mail;
      try {
        await transport.sendMail({ to, subject, text, html });
      } catch (err) {
        const { code, command, responseCode, message } = (err ?? {}) as { code?: string; command?: string; responseCode?: number; message?: string };
        // Only these facts: the error of a failed send can hold the message, whose links are credentials.
        logger.warn({ to, subject, smtp: { code, command, responseCode, message: scrub(String(message)) } }, 'could not send an email');
        // No cause: it is logged above, and it must not be logged again with the message in it.
        throw new CofferError('UNAVAILABLE', 'the mail server is unavailable; retry later');
      }
    },
    close() {
      transport.close();
    },
  };
}
