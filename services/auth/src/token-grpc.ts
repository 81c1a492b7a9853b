import { z } from 'zod';
import {
  ENVIRONMENT_PERMISSION_NAMES,
  MAX_ALLOWED_CIDRS,
  MAX_NAME_LENGTH,
  isEnvironmentPermission,
  isNetwork,
  isPermission,
  parseInput,
  slugSchema as slug,
  type Permission,
} from '@coffer/contract';
import { principalWith, requirePrincipal, type AccessTable, type AsyncHandlers, type AuthServiceHandlers, type CreateTokenRequest__Output } from '@coffer/grpc';
import type { TokenService } from './token-service.js';

type TokenHandlers = Pick<
  AuthServiceHandlers,
  'CreateToken' | 'RevokeToken' | 'ListTokens' | 'RotateToken' | 'ListServiceAccounts' | 'CreateServiceAccount' | 'DeleteServiceAccount'
>;

const MINUTE = 60;
const DAY = 86_400;
export const MIN_TOKEN_SECONDS = MINUTE;
export const MAX_TOKEN_SECONDS = 10 * 365 * DAY;
export const MAX_OVERLAP_SECONDS = 7 * DAY;
const MAX_DESCRIPTION_LENGTH = 500;
/** Least privilege: a token asked for without permissions may only see that secrets exist. */
const DEFAULT_PERMISSIONS: Permission[] = ['read'];

/** The permissions a token is to hold: those asked for, or the least. */
const tokenPermissions = (request: { permissions: string[] }): Permission[] =>
  request.permissions.length === 0 ? DEFAULT_PERMISSIONS : request.permissions.filter(isPermission);

const optionalSlug = z.union([z.literal(''), slug]);
const name = z.string().trim().min(1).max(MAX_NAME_LENGTH);
const seconds = z.coerce.number().int();

const createToken = z
  .object({
    name,
    serviceAccount: optionalSlug,
    project: optionalSlug,
    environments: z.array(slug).max(64),
    permissions: z
      .array(z.string().max(64))
      .max(32)
      .superRefine((values, check) => {
        const unknown = values.filter((value) => !isPermission(value));
        if (unknown.length > 0) check.addIssue({ code: 'custom', message: `unknown permission: ${unknown.join(', ')}` });
      }),
    expiresInSeconds: seconds.refine(
      (value) => value === 0 || (value >= MIN_TOKEN_SECONDS && value <= MAX_TOKEN_SECONDS),
      `must be 0 (never) or from ${MIN_TOKEN_SECONDS} seconds to 10 years`,
    ),
    allowedCidrs: z
      .array(z.string().max(64).refine(isNetwork, 'must be an IP address or a CIDR network, e.g. 10.0.0.0/8'))
      .max(MAX_ALLOWED_CIDRS, `at most ${MAX_ALLOWED_CIDRS} networks`),
  })
  .superRefine((request, check) => {
    if (!request.project && request.environments.length > 0) {
      check.addIssue({ code: 'custom', path: ['environments'], message: 'need a project' });
    }
    const beyond = request.permissions.filter((value) => isPermission(value) && !isEnvironmentPermission(value));
    if (request.project && beyond.length > 0) {
      check.addIssue({
        code: 'custom',
        path: ['permissions'],
        message: `a project's token holds environment permissions only (${ENVIRONMENT_PERMISSION_NAMES.join(', ')}), not ${beyond.join(', ')}`,
      });
    }
  });

/**
 * Managing tokens needs `tokens:manage`, organisation-wide. An organisation-wide token needs its
 * permissions organisation-wide too; a scoped one, on its environments, and revoking or rotating
 * one needs what it holds where it acts: both depend on data, so the service asks `authorize`.
 */
export const tokenRules: AccessTable<TokenHandlers> = {
  CreateToken: principalWith<CreateTokenRequest__Output>(['tokens:manage'], undefined, [
    { when: 'and every permission an organisation-wide token is to hold', applies: (request) => request.project === '', needs: tokenPermissions },
  ]),
  RevokeToken: principalWith(['tokens:manage']),
  RotateToken: principalWith(['tokens:manage']),
  ListTokens: principalWith(['tokens:manage']),
  ListServiceAccounts: principalWith(['tokens:manage']),
  CreateServiceAccount: principalWith(['tokens:manage']),
  DeleteServiceAccount: principalWith(['tokens:manage']),
};

/** gRPC edge of service accounts and their tokens. */
export function tokenHandlers(tokens: TokenService): AsyncHandlers<TokenHandlers> {
  return {
    async CreateToken(request, ctx) {
      const input = parseInput(createToken, request);
      return {
        token: await tokens.createToken(requirePrincipal(ctx), {
          name: input.name,
          permissions: tokenPermissions(input),
          environments: input.environments,
          allowedCidrs: [...new Set(input.allowedCidrs)],
          ...(input.serviceAccount ? { serviceAccount: input.serviceAccount } : {}),
          ...(input.project ? { project: input.project } : {}),
          ...(input.expiresInSeconds ? { expiresInSeconds: input.expiresInSeconds } : {}),
        }),
      };
    },

    async RevokeToken(request, ctx) {
      const input = parseInput(z.object({ tokenId: z.uuid() }), request);
      return { revoked: await tokens.revokeToken(requirePrincipal(ctx), input.tokenId) };
    },

    async RotateToken(request, ctx) {
      const input = parseInput(
        z.object({
          tokenId: z.uuid(),
          overlapSeconds: seconds.min(0).max(MAX_OVERLAP_SECONDS, `at most ${MAX_OVERLAP_SECONDS} seconds (7 days)`),
        }),
        request,
      );
      return { token: await tokens.rotateToken(requirePrincipal(ctx), input.tokenId, input.overlapSeconds) };
    },

    async ListTokens(request, ctx) {
      return { tokens: await tokens.listTokens(requirePrincipal(ctx), request.includeRevoked) };
    },

    async ListServiceAccounts(_request, ctx) {
      return { serviceAccounts: await tokens.listServiceAccounts(requirePrincipal(ctx)) };
    },

    async CreateServiceAccount(request, ctx) {
      const input = parseInput(z.object({ name: slug, description: z.string().max(MAX_DESCRIPTION_LENGTH) }), request);
      return tokens.createServiceAccount(requirePrincipal(ctx), input);
    },

    async DeleteServiceAccount(request, ctx) {
      return { deleted: await tokens.deleteServiceAccount(requirePrincipal(ctx), parseInput(z.object({ name: slug }), request).name) };
    },
  };
}
