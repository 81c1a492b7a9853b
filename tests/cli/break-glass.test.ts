/**
 * `coffer break-glass` with the real CLI: an admin named for it opens access in their context's
 * environment, everybody sees it listed as needing review, and only another admin can review it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { invitePerson } from '@coffer/test-kit/people';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';
import { oneLine, personCli, type CliHome } from './support.js';

let smtp: TestSmtpServer;
let platform: TestPlatform;
let adminToken: Api;
let responder: CliHome;
let colleague: CliHome;

async function admin(email: string): Promise<{ cli: CliHome; userId: string }> {
  const person = await invitePerson({ baseUrl: platform.baseUrl, smtp, inviter: adminToken, org: 'acme', email, role: 'admin' });
  return { cli: await personCli(platform.baseUrl, person.accessToken), userId: person.userId };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: 'http://coffer.example.test' } });
  const booted = expectOk(await apiClient(platform.baseUrl)('POST', '/bootstrap', { body: { org: 'acme', project: 'api' } }), 201);
  adminToken = apiClient(platform.baseUrl, booted.token.token);
  const named = await admin('responder@example.test');
  responder = named.cli;
  colleague = (await admin('colleague@example.test')).cli;
  expectOk(await adminToken('PATCH', `/orgs/acme/members/${named.userId}`, { body: { breakGlass: true } }));
}, 60_000);

afterAll(async () => {
  await Promise.all([responder?.remove(), colleague?.remove()]);
  await platform?.stop();
  await smtp?.close();
});

describe('coffer break-glass', () => {
  it('opens, lists, closes and is reviewed by another admin only', async () => {
    const refused = await colleague.run(['break-glass', 'open', '--reason', 'the colleague is not named for this']);
    expect(refused.code).toBe(5);
    expect(oneLine(refused.stderr)).toMatch(/named for break-glass/);

    const tooLong = await responder.run(['break-glass', 'open', '--reason', 'payments are down again', '--for', '2h']);
    expect(tooLong.code).toBe(2);
    expect(oneLine(tooLong.stderr)).toMatch(/--for/);

    const opened = await responder.run(['break-glass', 'open', '--reason', 'payments are down: rotating the provider key', '--for', '10m', '--json']);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    const access = JSON.parse(opened.stdout);
    expect(access).toMatchObject({ project: 'api', environment: 'production', active: true, needsReview: true });
    expect(Date.parse(access.expiresAt) - Date.parse(access.openedAt)).toBe(600_000);

    const listed = await colleague.run(['break-glass', 'list', '--needs-review']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(access.id);
    expect(listed.stdout).toContain('responder@example.test');

    const closed = await responder.run(['break-glass', 'close', access.id]);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toMatch(/ended .*not yet reviewed/);

    const selfReview = await responder.run(['break-glass', 'review', access.id, '--note', 'fine by me']);
    expect(selfReview.code).toBe(5);
    const reviewed = await colleague.run(['break-glass', 'review', access.id, '--note', 'rotation confirmed', '--json']);
    expect(reviewed.code).toBe(0);
    expect(JSON.parse(reviewed.stdout)).toMatchObject({ id: access.id, needsReview: false, reviewNote: 'rotation confirmed' });
    expect((await colleague.run(['break-glass', 'list', '--needs-review', '--json'])).stdout.trim()).toBe('[]');
  });
});
