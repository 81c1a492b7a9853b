import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { formatTime, printJson, shown, table } from '../output.js';
import { Session } from '../session.js';
import { parseDuration } from '../snapshot.js';
import { examples, withScope, type ScopeOptions } from './common.js';
import { orgScoped, out, withOrg, type OrgOptions } from './members.js';

interface BreakGlass {
  id: string;
  project: string;
  environment: string;
  email: string;
  reason: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string;
  active: boolean;
  needsReview: boolean;
  reviewNote: string;
}

const HOUR_MS = 3_600_000;

function summary(access: BreakGlass): string {
  const state = access.active ? `open until ${formatTime(access.expiresAt)}` : `ended ${formatTime(access.closedAt || access.expiresAt)}`;
  return `${access.id} ${shown(access.project)}/${shown(access.environment)}: ${state}${access.needsReview ? ', not yet reviewed' : ''}\n`;
}

/** `coffer break-glass`: emergency access to one environment, for admins named for it. */
export function registerBreakGlass(program: Command): void {
  const breakGlass = program.command('break-glass').description('emergency access to one environment for at most an hour, audited and flagged until reviewed');
  examples(breakGlass, [
    'coffer break-glass open --env production --reason "payments down: rotating the provider key" --for 30m',
    'coffer break-glass list --needs-review',
    'coffer break-glass review 3f0c... --note "rotation confirmed with the provider"',
  ]);

  withScope(breakGlass.command('open'))
    .description('open break-glass access to the environment of the context (or --project/--env)')
    .requiredOption('--reason <text>', 'why: shown to the other admins and kept in the audit trail (at least 10 characters)')
    .option('--for <duration>', 'how long, at most 1h (default 1h): 30m, 45m, 1h')
    .action(async (options: ScopeOptions & { reason: string; for?: string }) => {
      const ms = options.for === undefined ? HOUR_MS : parseDuration(options.for);
      if (ms < 1_000 || ms > HOUR_MS) throw new CliError('--for must be between 1s and 1h', EXIT.USAGE);
      const { api, scope } = new Session().scoped(options);
      const access = await api.request<BreakGlass>('POST', `${scope}/break-glass`, { reason: options.reason, durationSeconds: Math.floor(ms / 1000) });
      if (options.json) return printJson(access);
      out(
        `Break-glass access ${access.id} opened until ${formatTime(access.expiresAt)}: everything you do in this environment is marked in the audit trail.\n`,
      );
    });

  withOrg(breakGlass.command('list'))
    .description("the organisation's break-glass accesses, newest first")
    .option('--needs-review', 'only those not yet reviewed')
    .action(async (options: OrgOptions & { needsReview?: boolean }) => {
      const { api, org } = orgScoped(options);
      const { accesses } = await api.request<{ accesses: BreakGlass[] }>('GET', `${org}/break-glass${options.needsReview ? '?needsReview=true' : ''}`);
      if (options.json) return printJson(accesses);
      out(
        table(
          ['ID', 'WHERE', 'WHO', 'OPENED', 'STATE', 'REVIEW', 'REASON'],
          accesses.map((a) => [
            a.id,
            `${shown(a.project)}/${shown(a.environment)}`,
            shown(a.email),
            formatTime(a.openedAt),
            a.active ? `open until ${formatTime(a.expiresAt)}` : 'ended',
            a.needsReview ? 'needed' : 'done',
            shown(a.reason),
          ]),
        ),
      );
    });

  withOrg(breakGlass.command('close'))
    .description('end a break-glass access before it expires')
    .argument('<id>')
    .action(async (id: string, options: OrgOptions) => {
      const { api, org } = orgScoped(options);
      const access = await api.request<BreakGlass>('POST', `${org}/break-glass/${encodeURIComponent(id)}/close`);
      if (options.json) return printJson(access);
      out(summary(access));
    });

  withOrg(breakGlass.command('review'))
    .description('record the review of an ended break-glass access (someone other than who opened it)')
    .argument('<id>')
    .requiredOption('--note <text>', 'what the review found')
    .action(async (id: string, options: OrgOptions & { note: string }) => {
      const { api, org } = orgScoped(options);
      const access = await api.request<BreakGlass>('POST', `${org}/break-glass/${encodeURIComponent(id)}/review`, { note: options.note });
      if (options.json) return printJson(access);
      out(summary(access));
    });
}
