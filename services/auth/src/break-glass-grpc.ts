import { z } from 'zod';
import { exactText, parseInput, slugSchema as slug } from '@coffer/contract';
import { principalWith, requirePrincipal, type AccessTable, type AsyncHandlers, type AuthServiceHandlers } from '@coffer/grpc';
import { MAX_BREAK_GLASS_SECONDS, type BreakGlassService } from './break-glass-service.js';

type BreakGlassHandlers = Pick<AuthServiceHandlers, 'OpenBreakGlass' | 'CloseBreakGlass' | 'ListBreakGlass' | 'ReviewBreakGlass'>;

const reason = exactText(
  z
    .string()
    .trim()
    .min(10, 'must say why, in at least 10 characters')
    .max(1000)
    // Shown to other admins, in terminals too: no control characters but line ends and tabs.
    .regex(/^[\t\n\r\P{Cc}]*$/u, 'must not contain control characters'),
);
const note = exactText(z.string().trim().min(1, 'is required').max(2000));

/**
 * Break-glass is for the organisation's admins: opening it needs `admin` and being named for it
 * (stored, so the service decides that part); closing is the opener's or an admin's (the service
 * decides, by who opened it); listing and reviewing are the admins'.
 */
export const breakGlassRules: AccessTable<BreakGlassHandlers> = {
  OpenBreakGlass: principalWith(['admin']),
  CloseBreakGlass: principalWith([]),
  ListBreakGlass: principalWith(['admin']),
  ReviewBreakGlass: principalWith(['admin']),
};

export function breakGlassHandlers(breakGlass: BreakGlassService): AsyncHandlers<BreakGlassHandlers> {
  return {
    async OpenBreakGlass(request, ctx) {
      const input = parseInput(
        z.object({
          project: slug,
          environment: slug,
          reason,
          durationSeconds: z.coerce.number().int().min(0).max(MAX_BREAK_GLASS_SECONDS, `at most ${MAX_BREAK_GLASS_SECONDS} seconds (an hour)`),
        }),
        request,
      );
      return breakGlass.open(
        requirePrincipal(ctx),
        { project: input.project, environment: input.environment, reason: input.reason, seconds: input.durationSeconds || MAX_BREAK_GLASS_SECONDS },
        { requestId: ctx.requestId, ip: request.client?.ip ?? '', userAgent: request.client?.userAgent ?? '' },
      );
    },

    async CloseBreakGlass(request, ctx) {
      return breakGlass.close(requirePrincipal(ctx), parseInput(z.object({ id: z.uuid() }), request).id);
    },

    async ListBreakGlass(request, ctx) {
      return { accesses: await breakGlass.list(requirePrincipal(ctx), request.needsReview) };
    },

    async ReviewBreakGlass(request, ctx) {
      const input = parseInput(z.object({ id: z.uuid(), note }), request);
      return breakGlass.review(requirePrincipal(ctx), input.id, input.note);
    },
  };
}
