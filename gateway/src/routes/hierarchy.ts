import { Router, type Request, type Response } from 'express';
import { unary } from '@coffer/grpc';
import type { AuditRecorder } from '../audit-recorder.js';
import { outcomeOf, recordAudit } from '../audit-events.js';
import type { Backends } from '../backends.js';
import { callContext, principalOf, requireOwnOrg } from '../context.js';
import { sendData } from '../envelope.js';
import { auditQuery, slug, createEnvBody, createOrgBody, createProjectBody, createTokenBody, emptyQuery } from '../schemas.js';
import { parse } from '../validate.js';
import { z } from 'zod';

const orgParams = z.object({ org: slug });
const projectParams = orgParams.extend({ project: slug });
const tokenParams = orgParams.extend({ tokenId: z.uuid('must be a token id') });

/** Organisations, projects, environments, tokens and the audit search: everything the Auth and Audit services own. */
export function hierarchyRoutes({ backends, deadlineMs, audit }: { backends: Backends; deadlineMs: number; audit: AuditRecorder }): Router {
  const router = Router();
  const opts = (res: Parameters<typeof callContext>[0]) => ({ ctx: callContext(res), deadlineMs });
  /** Changes to who can do what are audited like secret operations, whatever their outcome. */
  async function audited<T>(req: Request, res: Response, action: string, resource: string, change: () => Promise<T>): Promise<T> {
    try {
      const result = await change();
      recordAudit(audit, req, res, action, resource, 'success');
      return result;
    } catch (err) {
      recordAudit(audit, req, res, action, resource, outcomeOf(err));
      throw err;
    }
  }

  router.get('/orgs', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    principalOf(res);
    const { orgs } = await unary(backends.auth, 'ListOrgs', {}, opts(res));
    sendData(res, { orgs });
  });

  router.post('/orgs', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    principalOf(res);
    const body = parse(createOrgBody, req.body ?? {}, 'body');
    const created = await audited(req, res, 'org.create', `orgs/${body.slug}`, () =>
      unary(backends.auth, 'CreateOrg', { slug: body.slug, name: body.name ?? '' }, opts(res)),
    );
    sendData(res, created, 201);
  });

  router.get('/orgs/:org/projects', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const { org } = parse(orgParams, req.params, 'path');
    requireOwnOrg(res, org);
    const { projects } = await unary(backends.auth, 'ListProjects', {}, opts(res));
    sendData(res, { projects });
  });

  router.post('/orgs/:org/projects', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const { org } = parse(orgParams, req.params, 'path');
    requireOwnOrg(res, org);
    const body = parse(createProjectBody, req.body ?? {}, 'body');
    const created = await audited(req, res, 'project.create', `orgs/${org}/projects/${body.slug}`, () =>
      unary(backends.auth, 'CreateProject', { slug: body.slug, name: body.name ?? '' }, opts(res)),
    );
    sendData(res, created, 201);
  });

  router.get('/orgs/:org/projects/:project/envs', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const { org, project } = parse(projectParams, req.params, 'path');
    requireOwnOrg(res, org);
    const { environments } = await unary(backends.auth, 'ListEnvironments', { projectSlug: project }, opts(res));
    sendData(res, { environments });
  });

  router.post('/orgs/:org/projects/:project/envs', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const { org, project } = parse(projectParams, req.params, 'path');
    requireOwnOrg(res, org);
    const body = parse(createEnvBody, req.body ?? {}, 'body');
    const created = await audited(req, res, 'environment.create', `orgs/${org}/projects/${project}/envs/${body.slug}`, () =>
      unary(backends.auth, 'CreateEnvironment', { projectSlug: project, slug: body.slug, name: body.name ?? '' }, opts(res)),
    );
    sendData(res, created, 201);
  });

  router.post('/orgs/:org/tokens', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const { org } = parse(orgParams, req.params, 'path');
    requireOwnOrg(res, org);
    const body = parse(createTokenBody, req.body ?? {}, 'body');
    const { token } = await audited(req, res, 'token.create', `orgs/${org}/tokens/${body.name}`, () => unary(backends.auth, 'CreateToken', body, opts(res)));
    res.setHeader('Cache-Control', 'no-store');
    sendData(res, token, 201);
  });

  router.delete('/orgs/:org/tokens/:tokenId', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const { org, tokenId } = parse(tokenParams, req.params, 'path');
    requireOwnOrg(res, org);
    sendData(res, await audited(req, res, 'token.revoke', `orgs/${org}/tokens/${tokenId}`, () => unary(backends.auth, 'RevokeToken', { tokenId }, opts(res))));
  });

  router.get('/orgs/:org/audit', async (req, res) => {
    const { org } = parse(orgParams, req.params, 'path');
    requireOwnOrg(res, org);
    const query = parse(auditQuery, req.query, 'query');
    const { events } = await unary(
      backends.audit,
      'Search',
      { action: query.action ?? '', resourcePrefix: query.resource ?? '', limit: query.limit ?? 100 },
      opts(res),
    );
    sendData(res, { events });
  });

  return router;
}
