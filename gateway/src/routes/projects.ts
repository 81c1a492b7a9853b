import { route } from '../route.js';
import { createEnvBody, createProjectBody, emptyQuery, orgParams, projectParams } from '../schemas.js';

/** Projects and their environments: the hierarchy the Auth service owns. */
export const projectRoutes = [
  route({
    method: 'get',
    path: '/orgs/:org/projects',
    summary: 'list projects',
    params: orgParams,
    query: emptyQuery,
    rpc: { service: 'auth', method: 'ListProjects' },
    request: () => ({}),
    answer: ({ projects }) => ({ data: { projects } }),
  }),
  route({
    method: 'post',
    path: '/orgs/:org/projects',
    summary: 'create a project `{slug, name?}`',
    params: orgParams,
    query: emptyQuery,
    body: createProjectBody,
    audit: { action: 'project.create', resource: ({ params, body }) => `orgs/${params.org}/projects/${body.slug}` },
    rpc: { service: 'auth', method: 'CreateProject' },
    request: ({ body }) => ({ slug: body.slug, name: body.name ?? '' }),
    answer: (created) => ({ status: 201, data: created }),
  }),
  route({
    method: 'get',
    path: '/orgs/:org/projects/:project/envs',
    summary: 'list the environments of a project',
    params: projectParams,
    query: emptyQuery,
    rpc: { service: 'auth', method: 'ListEnvironments' },
    request: ({ params }) => ({ projectSlug: params.project }),
    answer: ({ environments }) => ({ data: { environments } }),
  }),
  route({
    method: 'post',
    path: '/orgs/:org/projects/:project/envs',
    summary: 'create an environment `{slug, name?}`',
    params: projectParams,
    query: emptyQuery,
    body: createEnvBody,
    audit: { action: 'environment.create', resource: ({ params, body }) => `orgs/${params.org}/projects/${params.project}/envs/${body.slug}` },
    rpc: { service: 'auth', method: 'CreateEnvironment' },
    request: ({ params, body }) => ({ projectSlug: params.project, slug: body.slug, name: body.name ?? '' }),
    answer: (created) => ({ status: 201, data: created }),
  }),
];
