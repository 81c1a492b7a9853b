import { afterAll, beforeAll } from 'vitest';
import type { Platform } from '@coffer/server';
import { apiClient, bootstrap, startTestPlatform, type Api, type ApiResponse, type TestPlatform, type TestPlatformOptions } from './platform.js';

/**
 * A fresh platform for the suite (or the `describe`) this is called in: started in a beforeAll on
 * its own database and Redis prefix, stopped in an afterAll. The handle can be kept in a module
 * constant; its properties are those of the running platform, so they can be read in tests and
 * hooks, not while the file is being collected. Hooks registered after this one run after the
 * platform started and (afterAll) before it stops.
 */
export function usePlatform(options: TestPlatformOptions = {}): TestPlatform {
  let running: TestPlatform | undefined;
  const current = (): TestPlatform => {
    if (!running) throw new Error('usePlatform(): the platform runs from its beforeAll to its afterAll; read it inside a test or a hook');
    return running;
  };
  const handle: TestPlatform = {
    get platform() {
      return current().platform;
    },
    get env() {
      return current().env;
    },
    get database() {
      return current().database;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get kvPrefix() {
      return current().kvPrefix;
    },
    logs: () => current().logs(),
    /** Stops the platform now (idempotent); the afterAll then has nothing left to do. */
    async stop() {
      const stopping = running;
      running = undefined;
      await stopping?.stop();
    },
  };
  beforeAll(async () => {
    running = await startTestPlatform(options);
  });
  afterAll(() => handle.stop());
  return handle;
}

export interface SeedOptions {
  org: string;
  project: string;
  /**
   * The project's environments. Bootstrap always makes development, staging and production, so for
   * the first organisation these are added to them; another organisation gets exactly these.
   * Default: development, staging and production.
   */
  envs?: readonly string[];
}

export interface SeededOrg {
  org: { id: string; slug: string };
  project: { id: string; slug: string };
  /** The environments' ids by slug. */
  envs: Record<string, string>;
  /** The organisation's admin token (permission `admin`) and its id. */
  token: string;
  tokenId: string;
  /** An API client with that token. */
  api: Api;
}

const DEFAULT_ENVS = ['development', 'staging', 'production'];

/** The admin of the first organisation seeded on each running platform, which creates the others. */
const firstAdmin = new WeakMap<Platform, Promise<Api>>();

function expectStatus(response: ApiResponse, status: number, what: string): any {
  if (response.status !== status) throw new Error(`seedOrg: ${what} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

async function addEnvironments(api: Api, org: string, project: string, envs: readonly string[], ids: Record<string, string>): Promise<void> {
  for (const slug of envs) {
    if (ids[slug]) continue;
    const created = expectStatus(await api('POST', `/orgs/${org}/projects/${project}/envs`, { body: { slug } }), 201, `creating environment ${slug}`);
    ids[slug] = created.id as string;
  }
}

async function bootstrapOrg(baseUrl: string, { org, project, envs = [] }: SeedOptions): Promise<SeededOrg> {
  const { token, api, data } = await bootstrap(baseUrl, org, project);
  const ids: Record<string, string> = Object.fromEntries(data.environments.map((env: { slug: string; id: string }) => [env.slug, env.id]));
  await addEnvironments(api, org, project, envs, ids);
  return { org: { id: data.org.id, slug: org }, project: { id: data.project.id, slug: project }, envs: ids, token, tokenId: data.token.id, api };
}

async function createOrg(baseUrl: string, creator: Api, { org, project, envs = DEFAULT_ENVS }: SeedOptions): Promise<SeededOrg> {
  const created = expectStatus(await creator('POST', '/orgs', { body: { slug: org } }), 201, `creating organisation ${org}`);
  const token = created.token.token as string;
  const api = apiClient(baseUrl, token);
  const projectData = expectStatus(await api('POST', `/orgs/${org}/projects`, { body: { slug: project } }), 201, `creating project ${project}`);
  const ids: Record<string, string> = {};
  await addEnvironments(api, org, project, envs, ids);
  return { org: { id: created.org.id, slug: org }, project: { id: projectData.id, slug: project }, envs: ids, token, tokenId: created.token.id, api };
}

/**
 * An organisation with a project and environments, through the REST API. The first one seeded on
 * a platform bootstraps it (so nothing else may have bootstrapped it); every later one is created
 * by that first organisation's admin.
 */
export async function seedOrg(platform: Pick<TestPlatform, 'baseUrl' | 'platform'>, options: SeedOptions): Promise<SeededOrg> {
  const key = platform.platform;
  const first = firstAdmin.get(key);
  if (first) return createOrg(platform.baseUrl, await first, options);
  const booted = bootstrapOrg(platform.baseUrl, options);
  const creator = booted.then((seeded) => seeded.api);
  creator.catch(() => {}); // the caller of this seedOrg sees the failure; later ones see it when they await
  firstAdmin.set(key, creator);
  return booted;
}
