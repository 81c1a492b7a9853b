import { randomUUID } from 'node:crypto';
import { withTenant, type Knex } from '@coffer/db';

/** For the tests beside this service: an organisation with project `api` and these environments. */
export async function seedTenant(knex: Knex, orgId: string, environments: readonly string[] = ['production']): Promise<void> {
  await withTenant(knex, orgId, async (trx) => {
    await trx('organizations').insert({ id: orgId, slug: `org-${orgId}`, name: 'org' });
    const projectId = randomUUID();
    await trx('projects').insert({ id: projectId, org_id: orgId, slug: 'api', name: 'api' });
    for (const slug of environments) {
      await trx('environments').insert({ id: randomUUID(), org_id: orgId, project_id: projectId, slug, name: slug });
    }
  });
}
