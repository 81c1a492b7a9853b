/**
 * `@coffer/test-kit/smtp`: a real SMTP server on loopback, for the suites that read what Coffer
 * mails (verification, password reset and invitation links). It speaks plain SMTP without STARTTLS
 * and takes mail only from a client that logged in (AUTH PLAIN or LOGIN) with its credentials, so a
 * delivered message also proves that the mailer authenticates.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The From header's first address as `Name <address>` (or the bare address), e.g. `Coffer <coffer@localhost>`. */
  from: string;
  /** The envelope's recipients (RCPT TO): where the message was delivered. */
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, '' when there is none. */
  html: string;
  /** Every http(s) URL in the text part, in order. */
  links: string[];
}

export interface TestSmtpServer {
  /** smtp://user:pass@127.0.0.1:<port>, with the credentials the server checks. */
  url: string;
  port: number;
  /** Every message received, in order of arrival. */
  messages: ReceivedMail[];
  /**
   * The next message to `to` (compared case-insensitively) not yet taken by nextMessage, whether it
   * has arrived or arrives within timeoutMs (default 5000); rejects when none does.
   */
  nextMessage(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
// A sentence may end right after a link; its full stop is not part of it.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

function linksIn(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map(([url]) => url.replace(TRAILING_PUNCTUATION, ''));
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function startSmtpServer(options: { user?: string; password?: string } = {}): Promise<TestSmtpServer> {
  const user = options.user ?? 'coffer-test';
  const password = options.password ?? randomBytes(12).toString('hex');
  const messages: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: { to: string; deliver(mail: ReceivedMail): void; fail(error: Error): void }[] = [];
  const addressedTo = (mail: ReceivedMail, to: string) => mail.to.some((address) => address.toLowerCase() === to.toLowerCase());

  function arrived(mail: ReceivedMail): void {
    messages.push(mail);
    const index = waiters.findIndex((waiter) => addressedTo(mail, waiter.to));
    if (index === -1) return;
    const [waiter] = waiters.splice(index, 1);
    taken.add(mail);
    waiter!.deliver(mail);
  }

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    logger: false,
    // A client that never says QUIT must not hold up the test's afterAll.
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      const valid = sameSecret(auth.username ?? '', user) && sameSecret(auth.password ?? '', password);
      if (valid) callback(null, { user });
      else callback(new Error('invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        const text = parsed.text ?? '';
        const sender = parsed.from?.value[0];
        arrived({
          from: sender?.name ? `${sender.name} <${sender.address}>` : (sender?.address ?? ''),
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: parsed.subject ?? '',
          text,
          html: parsed.html || '',
          links: linksIn(text),
        });
        callback();
      }, callback);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    port,
    messages,
    nextMessage(to, timeoutMs = 5_000) {
      const ready = messages.find((mail) => !taken.has(mail) && addressedTo(mail, to));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          to,
          deliver(mail: ReceivedMail) {
            clearTimeout(timer);
            resolve(mail);
          },
          fail(error: Error) {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const seen = messages.map((mail) => `${mail.to.join(', ')}: ${mail.subject}`);
          reject(new Error(`no message to ${to} within ${timeoutMs} ms; received: ${seen.length ? seen.join(' | ') : 'none'}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close() {
      for (const waiter of waiters.splice(0)) waiter.fail(new Error(`the SMTP server closed before a message to ${waiter.to} arrived`));
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
