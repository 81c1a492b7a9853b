/**
 * The permission matrix: every built-in role and a custom one, against every secret and hierarchy
 * operation, on the environment granted, another environment, another project and another
 * organisation. Each cell asserts the answer (allowed, 403 naming nothing more, or 404 spelt as a
 * missing resource), so an allow that should be a deny fails as surely as the reverse.
 *
 * What the roles mean is stated here, independently of the `roles` rows the platform decides by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type ApiResponse, type TestPlatform } from '@coffer/test-kit/platform';
import { invitePerson, signIn, TEST_PASSWORD as PASSWORD } from '@coffer/test-kit/people';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';

const PUBLIC_URL = 'http://coffer.example.test';
const ENV_PERMISSIONS = ['read', 'reveal', 'export', 'create', 'update', 'delete', 'purge', 'approve'];

/** What each project role holds, as the README states it. */
const PROJECT_ROLES: Record<string, string[]> = {
  admin: [...ENV_PERMISSIONS, 'hierarchy:write', 'members:manage'],
  developer: ['read', 'reveal', 'export', 'create', 'update', 'delete'],
  viewer: ['read'],
  deployer: ['read', 'export', 'create', 'update'],
};

interface Subject {
  name: string;
  /** An organisation role beyond `member`. */
  orgRole?: 'owner' | 'admin';
  /** A project role on project `api`, on one environment or (undefined) the whole project. */
  projectRole?: string;
  environment?: string;
}

const SUBJECTS: Subject[] = [
  { name: 'owner', orgRole: 'owner' },
  { name: 'org-admin', orgRole: 'admin' },
  { name: 'project-admin', projectRole: 'admin' },
  { name: 'developer', projectRole: 'developer', environment: 'staging' },
  { name: 'viewer', projectRole: 'viewer', environment: 'staging' },
  { name: 'deployer', projectRole: 'deployer', environment: 'staging' },
  { name: 'bystander' },
];

interface Place {
  name: string;
  org: string;
  project: string;
  environment: string;
}

const PLACES: Place[] = [
  { name: 'own environment', org: 'acme', project: 'api', environment: 'staging' },
  { name: 'another environment', org: 'acme', project: 'api', environment: 'production' },
  { name: 'another project', org: 'acme', project: 'web', environment: 'staging' },
  { name: 'another organisation', org: 'globex', project: 'api', environment: 'staging' },
];

/** A secret operation: what it needs, and the request, on keys prepared for each subject. */
interface Operation {
  name: string;
  needs: string[];
  call(api: Api, scope: string, subject: string): Promise<ApiResponse>;
}

const OPERATIONS: Operation[] = [
  { name: 'list', needs: ['read'], call: (api, scope) => api('GET', `${scope}/secrets`) },
  { name: 'read metadata', needs: ['read'], call: (api, scope) => api('GET', `${scope}/secrets/SHARED`) },
  { name: 'reveal', needs: ['read', 'reveal'], call: (api, scope) => api('GET', `${scope}/secrets/SHARED?reveal=true`) },
  { name: 'history', needs: ['read'], call: (api, scope) => api('GET', `${scope}/secrets/SHARED/history`) },
  { name: 'diff', needs: ['read', 'reveal'], call: (api, scope) => api('GET', `${scope}/secrets/SHARED/diff?from=1&to=2`) },
  { name: 'inject', needs: ['reveal', 'export'], call: (api, scope) => api('POST', `${scope}/inject`) },
  { name: 'create', needs: ['create'], call: (api, scope, who) => api('POST', `${scope}/secrets/NEW_${key(who)}`, { body: { value: 'new' } }) },
  { name: 'update', needs: ['update'], call: (api, scope, who) => api('POST', `${scope}/secrets/UPD_${key(who)}`, { body: { value: 'changed' } }) },
  { name: 'delete', needs: ['read', 'delete'], call: (api, scope, who) => api('DELETE', `${scope}/secrets/DEL_${key(who)}`) },
  { name: 'restore', needs: ['read', 'update'], call: (api, scope, who) => api('POST', `${scope}/secrets/GONE_${key(who)}/restore`) },
  {
    name: 'rollback',
    needs: ['read', 'update', 'reveal'],
    call: (api, scope, who) => api('POST', `${scope}/secrets/UPD2_${key(who)}/rollback`, { body: { version: 1 } }),
  },
  { name: 'purge', needs: ['read', 'purge'], call: (api, scope, who) => api('DELETE', `${scope}/secrets/PURGE_${key(who)}/permanent`) },
  {
    name: 'push',
    needs: ['create', 'update', 'read', 'reveal'],
    call: (api, scope, who) => api('POST', `${scope}/sync/push`, { body: { format: 'env', content: `PUSH_${key(who)}=pushed\n` } }),
  },
];

const key = (subject: string) => subject.toUpperCase().replaceAll('-', '_');

/** Whether the subject may know the place exists, and what it holds there. */
function standing(subject: Subject, place: { org: string; project: string; environment?: string }): { visible: boolean; holds: string[] } {
  if (place.org !== 'acme') return { visible: false, holds: [] };
  if (subject.orgRole) return { visible: true, holds: [...ENV_PERMISSIONS, 'hierarchy:write', 'members:manage'] };
  if (!subject.projectRole || place.project !== 'api') return { visible: false, holds: [] };
  if (place.environment === undefined) return { visible: true, holds: subject.environment === undefined ? PROJECT_ROLES[subject.projectRole]! : [] };
  if (subject.environment !== undefined && subject.environment !== place.environment) return { visible: false, holds: [] };
  return { visible: true, holds: PROJECT_ROLES[subject.projectRole]! };
}

function expected(subject: Subject, needs: string[], place: { org: string; project: string; environment?: string }): number {
  const { visible, holds } = standing(subject, place);
  if (!visible) return 404;
  return needs.every((permission) => holds.includes(permission)) ? 200 : 403;
}

const outcomeOf = (response: ApiResponse) => (response.status >= 200 && response.status < 300 ? 200 : response.status);

let smtp: TestSmtpServer;
let platform: TestPlatform;
let admin: Api;
let globexAdmin: Api;
const sessions = new Map<string, Api>();

/** Keys every operation of every subject acts on, in every place, so that no cell depends on another. */
async function prepare(api: Api, scope: string): Promise<void> {
  const ok = async (response: Promise<ApiResponse>) => expect(outcomeOf(await response), scope).toBe(200);
  await ok(api('POST', `${scope}/secrets/SHARED`, { body: { value: 'one' } }));
  await ok(api('POST', `${scope}/secrets/SHARED`, { body: { value: 'two' } }));
  for (const subject of SUBJECTS) {
    const k = key(subject.name);
    for (const name of [`UPD_${k}`, `DEL_${k}`, `GONE_${k}`, `UPD2_${k}`, `PURGE_${k}`])
      await ok(api('POST', `${scope}/secrets/${name}`, { body: { value: 'v1' } }));
    await ok(api('POST', `${scope}/secrets/UPD2_${k}`, { body: { value: 'v2' } }));
    await ok(api('DELETE', `${scope}/secrets/GONE_${k}`));
  }
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: PUBLIC_URL } });
  const anonymous = apiClient(platform.baseUrl);
  const booted = expectOk(
    await anonymous('POST', '/bootstrap', { body: { org: 'acme', project: 'api', owner: { email: 'owner@example.test', password: PASSWORD } } }),
    201,
  );
  admin = apiClient(platform.baseUrl, booted.token.token);
  expectOk(await admin('POST', '/orgs/acme/projects', { body: { slug: 'web' } }), 201);
  expectOk(await admin('POST', '/orgs/acme/projects/web/envs', { body: { slug: 'staging' } }), 201);
  const globex = expectOk(await admin('POST', '/orgs', { body: { slug: 'globex' } }), 201);
  globexAdmin = apiClient(platform.baseUrl, globex.token.token);
  expectOk(await globexAdmin('POST', '/orgs/globex/projects', { body: { slug: 'api' } }), 201);
  expectOk(await globexAdmin('POST', '/orgs/globex/projects/api/envs', { body: { slug: 'staging' } }), 201);
  expectOk(await admin('POST', '/orgs/acme/roles', { body: { name: 'deployer', permissions: PROJECT_ROLES.deployer } }), 201);

  sessions.set('owner', apiClient(platform.baseUrl, await signIn(platform.baseUrl, 'owner@example.test')));
  for (const subject of SUBJECTS.filter((s) => s.name !== 'owner')) {
    sessions.set(
      subject.name,
      (
        await invitePerson({
          baseUrl: platform.baseUrl,
          smtp,
          inviter: admin,
          org: 'acme',
          email: `${subject.name}@example.test`,
          role: subject.orgRole ?? 'member',
        })
      ).api,
    );
    if (subject.projectRole) {
      expectOk(
        await admin('PUT', '/orgs/acme/grants', {
          body: {
            email: `${subject.name}@example.test`,
            project: 'api',
            ...(subject.environment ? { environment: subject.environment } : {}),
            role: subject.projectRole,
          },
        }),
      );
    }
  }
  for (const place of PLACES) await prepare(place.org === 'acme' ? admin : globexAdmin, scopePath(place.org, place.project, place.environment));
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await smtp?.close();
});

describe.each(SUBJECTS)('$name', (subject) => {
  it.each(PLACES)('on the $name: every secret operation allowed or refused as its role says', async (place) => {
    const api = sessions.get(subject.name)!;
    const scope = scopePath(place.org, place.project, place.environment);
    const cells: string[] = [];
    const wanted: string[] = [];
    for (const operation of OPERATIONS) {
      const response = await operation.call(api, scope, subject.name);
      cells.push(`${operation.name}: ${outcomeOf(response)}`);
      wanted.push(`${operation.name}: ${expected(subject, operation.needs, place)}`);
      if (response.status === 404) {
        // Not found exactly as a missing resource is: the message names what was asked for, nothing more.
        expect(response.body.message).toMatch(/^(organisation not found|project '[a-z]+' not found|environment '[a-z]+' not found in project '[a-z]+')$/);
      }
    }
    expect(cells).toEqual(wanted);
  });

  it('sees and changes the hierarchy as its role says', async () => {
    const api = sessions.get(subject.name)!;
    // Against everything there is (other subjects add projects and environments as they go).
    const slugs = (list: { slug: string }[]) => list.map((item) => item.slug).sort();
    const allProjects = slugs(expectOk(await admin('GET', '/orgs/acme/projects')).projects);
    const allEnvs = slugs(expectOk(await admin('GET', '/orgs/acme/projects/api/envs')).environments);
    expect(slugs(expectOk(await api('GET', '/orgs/acme/projects')).projects)).toEqual(
      allProjects.filter((project) => standing(subject, { org: 'acme', project }).visible),
    );
    const envs = await api('GET', '/orgs/acme/projects/api/envs');
    if (subject.orgRole || subject.projectRole) {
      const visible = allEnvs.filter((environment) => standing(subject, { org: 'acme', project: 'api', environment }).visible);
      expect(slugs(expectOk(envs).environments)).toEqual(visible);
    } else {
      expect(envs.status).toBe(404);
    }
    const cells = [
      `env in api: ${outcomeOf(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug: `qa-${subject.name}` } }))}`,
      `env in web: ${outcomeOf(await api('POST', '/orgs/acme/projects/web/envs', { body: { slug: `qa-${subject.name}` } }))}`,
      `env in globex: ${outcomeOf(await api('POST', '/orgs/globex/projects/api/envs', { body: { slug: `qa-${subject.name}` } }))}`,
      `project: ${outcomeOf(await api('POST', '/orgs/acme/projects', { body: { slug: `p-${subject.name}` } }))}`,
    ];
    expect(cells).toEqual([
      `env in api: ${expected(subject, ['hierarchy:write'], { org: 'acme', project: 'api' })}`,
      `env in web: ${expected(subject, ['hierarchy:write'], { org: 'acme', project: 'web' })}`,
      'env in globex: 404',
      `project: ${subject.orgRole ? 200 : 403}`,
    ]);
  });
});
