/**
 * `coffer approvals` and the writes that become change requests, with the real CLI: a developer's
 * set and push on a protected environment say a request was opened and change nothing; the
 * requester cannot approve their own; another admin sees the diff and approves or rejects it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { invitePerson } from '@coffer/test-kit/people';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';
import { oneLine, personCli, type CliHome } from './support.js';

const production = scopePath('acme', 'api', 'production');
let smtp: TestSmtpServer;
let platform: TestPlatform;
let adminToken: Api;
let developer: CliHome;
let approver: CliHome;

/** A member of acme with this role on project api, signed in with the CLI in api/production. */
async function person(email: string, role: string): Promise<CliHome> {
  const { accessToken } = await invitePerson({ baseUrl: platform.baseUrl, smtp, inviter: adminToken, org: 'acme', email });
  expectOk(await adminToken('PUT', '/orgs/acme/grants', { body: { email, project: 'api', role } }));
  return personCli(platform.baseUrl, accessToken);
}

const valueOf = async (key: string) => (await adminToken('GET', `${production}/secrets/${key}?reveal=true`)).body.data?.value;

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: 'http://coffer.example.test' } });
  const booted = expectOk(await apiClient(platform.baseUrl)('POST', '/bootstrap', { body: { org: 'acme', project: 'api' } }), 201);
  adminToken = apiClient(platform.baseUrl, booted.token.token);
  developer = await person('dev@example.test', 'admin');
  approver = await person('lead@example.test', 'admin');
  expectOk(await adminToken('POST', `${production}/secrets/API_KEY`, { body: { value: 'old-key' } }), 201);
  expectOk(await adminToken('PATCH', '/orgs/acme/projects/api/envs/production', { body: { protected: true } }));
}, 60_000);

afterAll(async () => {
  await Promise.all([developer?.remove(), approver?.remove()]);
  await platform?.stop();
  await smtp?.close();
});

describe('coffer approvals', () => {
  it('a set becomes a request; the requester cannot approve it; another member sees the diff and approves it', async () => {
    const set = await developer.run(['secrets', 'set', 'API_KEY=new-key']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const id = /^Change request ([0-9a-f-]{36}) opened: it needs approval by another member with approve/.exec(set.stdout)?.[1];
    expect(id, set.stdout).toBeDefined();
    expect(await valueOf('API_KEY')).toBe('old-key');

    const listed = await approver.run(['approvals', 'list', '--status', 'open']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('set API_KEY');

    const shown = await approver.run(['approvals', 'show', id!]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/set\s+API_KEY: version 1 \(text\) -> version 2 \(text\)/);
    expect(shown.stdout).toContain('- old-key');
    expect(shown.stdout).toContain('+ new-key');

    const own = await developer.run(['approvals', 'approve', id!]);
    expect(own.code).not.toBe(0);
    expect(oneLine(own.stderr)).toMatch(/requester/);
    expect(await valueOf('API_KEY')).toBe('old-key');

    const approved = await approver.run(['approvals', 'approve', id!, '--json']);
    expect(approved.stderr).toBe('');
    expect(JSON.parse(approved.stdout)).toMatchObject({ id, status: 'applied' });
    expect(await valueOf('API_KEY')).toBe('new-key');

    const again = await approver.run(['approvals', 'approve', id!]);
    expect(again.code).not.toBe(0);
    expect(oneLine(again.stderr)).toMatch(/already applied/);
  });

  it('--json carries the request; push, delete and reject say what happened', async () => {
    const set = await developer.run(['secrets', 'set', 'OTHER=1', '--json']);
    expect(set.code).toBe(0);
    const [answer] = JSON.parse(set.stdout);
    expect(answer).toMatchObject({ key: 'OTHER', changeRequest: { id: expect.any(String), status: 'open' } });

    const file = join(developer.home, 'prod.env');
    writeFileSync(file, 'PUSHED=yes\n');
    const push = await developer.run(['push', file, '--yes']);
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(/Change request [0-9a-f-]{36} opened/);
    expect(push.stdout).not.toContain('Applied');

    const del = await developer.run(['secrets', 'delete', 'API_KEY']);
    expect(del.code).toBe(0);
    expect(del.stdout).toMatch(/Change request [0-9a-f-]{36} opened/);
    expect(await valueOf('API_KEY')).toBe('new-key');

    const rejected = await approver.run(['approvals', 'reject', answer.changeRequest.id, '--reason', 'not in production']);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain(`Rejected change request ${answer.changeRequest.id}`);
    const shown = JSON.parse((await developer.run(['approvals', 'show', answer.changeRequest.id, '--json'])).stdout);
    expect(shown).toMatchObject({ status: 'rejected', reason: 'not in production' });

    const usage = await approver.run(['approvals', 'show', 'nope']);
    expect(usage.code).toBe(2);
  });
});
