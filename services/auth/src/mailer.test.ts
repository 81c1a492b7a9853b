import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CofferError } from '@coffer/contract';
import { createLogger } from '@coffer/telemetry';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type OutgoingMail } from './mailer.js';

const LINK = 'https://coffer.example.com/verify-email?token=canary-link-token';
const FROM = 'Coffer <coffer@example.com>';

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', name: 'auth', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function mailTo(to: string): OutgoingMail {
  return { to, subject: 'Verify your email address', text: `Open this link:\n\n${LINK}\n`, html: `<p><a href="${LINK}">Verify</a></p>` };
}

async function caught(promise: Promise<unknown>): Promise<CofferError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(CofferError);
  return error as CofferError;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('with SMTP', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'coffer-mailer', password: 'canary-smtp-password' });
  });
  afterAll(() => smtp.close());

  it('delivers the message, logged in with the credentials of the URL and from the configured sender', async () => {
    const { logger, lines } = capturedLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, from: FROM, logger, logUnsent: true });

    const [received] = await Promise.all([smtp.nextMessage('Ada@example.com'), mailer.send(mailTo('ada@example.com'))]);
    mailer.close();

    expect(mailer.configured).toBe(true);
    expect(received).toMatchObject({ from: FROM, to: ['ada@example.com'], subject: 'Verify your email address', links: [LINK] });
    expect(received.html).toContain(`href="${LINK}"`);
    expect(lines).toEqual([]);
  });

  it('answers UNAVAILABLE when the server refuses its login, logging neither the message nor the password', async () => {
    const { logger, lines, entries } = capturedLogger();
    const url = new URL(smtp.url);
    url.password = 'canary-wrong-password';
    const mailer = createMailer({ smtpUrl: url.href, from: FROM, logger, logUnsent: true });

    const error = await caught(mailer.send(mailTo('bob@example.com')));
    mailer.close();

    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: 'the mail server is unavailable; retry later' });
    expect(entries()).toMatchObject([{ level: 'warn', to: 'bob@example.com', smtp: { code: 'EAUTH' } }]);
    for (const leaked of ['canary-link-token', 'canary-wrong-password', 'canary-smtp-password']) expect(lines.join('')).not.toContain(leaked);
    expect(smtp.messages.filter((mail) => mail.to.includes('bob@example.com'))).toEqual([]);
  });

  it('refuses a recipient or a subject with a line break, which would add headers such as Bcc', async () => {
    const { logger } = capturedLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, from: FROM, logger, logUnsent: false });

    const recipient = await caught(mailer.send(mailTo('carol@example.com\r\nBcc: mallory@example.com')));
    const subject = await caught(mailer.send({ ...mailTo('carol@example.com'), subject: 'Hello\nBcc: mallory@example.com' }));
    mailer.close();

    expect(recipient).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'email' } });
    expect(subject).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'subject' } });
    expect(smtp.messages.filter((mail) => mail.to.some((to) => /carol|mallory/.test(to)))).toEqual([]);
  });
});

describe('with a mail server that is down', () => {
  it('answers UNAVAILABLE at once when nothing listens, logging the cause without the message', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const { logger, lines, entries } = capturedLogger();
    const mailer = createMailer({ smtpUrl: `smtp://user:canary-smtp-password@127.0.0.1:${port}`, from: FROM, logger, logUnsent: true });

    const started = Date.now();
    const error = await caught(mailer.send(mailTo('dave@example.com')));

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('UNAVAILABLE');
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatchObject({ level: 'warn', smtp: { code: 'ESOCKET' } });
    for (const leaked of ['canary-link-token', 'canary-smtp-password']) expect(lines.join('')).not.toContain(leaked);
  });

  it('answers UNAVAILABLE within the timeout when the server accepts the connection but never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    const port = await listen(silent);
    const { logger } = capturedLogger();
    const mailer = createMailer({ smtpUrl: `smtp://user:pass@127.0.0.1:${port}`, from: FROM, logger, logUnsent: false, timeoutMs: 300 });

    const started = Date.now();
    const error = await caught(mailer.send(mailTo('erin@example.com')));

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('UNAVAILABLE');
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
});

describe('without SMTP', () => {
  it('writes the whole message to the log when asked, so that a newcomer can follow its link', async () => {
    const { logger, entries } = capturedLogger();
    const mailer = createMailer({ from: FROM, logger, logUnsent: true });

    await mailer.send(mailTo('frank@example.com'));

    expect(mailer.configured).toBe(false);
    expect(entries()).toMatchObject([
      {
        level: 'warn',
        to: 'frank@example.com',
        subject: 'Verify your email address',
        text: expect.stringContaining(LINK),
        msg: 'SMTP is not configured (COFFER_SMTP_URL): this message was not sent; it is written here instead',
      },
    ]);
  });

  it('otherwise warns that a message was not sent, without its text or link', async () => {
    const { logger, lines, entries } = capturedLogger();
    const mailer = createMailer({ smtpUrl: undefined, from: FROM, logger, logUnsent: false });

    await mailer.send(mailTo('grace@example.com'));

    expect(entries()).toEqual([
      expect.objectContaining({ level: 'warn', to: 'grace@example.com', msg: 'SMTP is not configured (COFFER_SMTP_URL): a message was not sent' }),
    ]);
    expect(lines.join('')).not.toContain('canary-link-token');
  });

  it('refuses a recipient with a line break there too', async () => {
    const { logger, lines } = capturedLogger();
    const mailer = createMailer({ from: FROM, logger, logUnsent: true });

    const error = await caught(mailer.send(mailTo('heidi@example.com\nBcc: mallory@example.com')));

    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'email' } });
    expect(lines).toEqual([]);
  });
});

it('refuses a URL that is not smtp:// or smtps://, without quoting it', () => {
  const { logger } = capturedLogger();

  const create = () => createMailer({ smtpUrl: 'http://user:canary-smtp-password@mail.example.com', from: FROM, logger, logUnsent: false });

  expect(create).toThrow(CofferError);
  expect(create).toThrow(/^smtpUrl: must be an smtp:\/\/ or smtps:\/\/ URL$/);
});
