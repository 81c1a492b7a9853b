import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { formatTime, printJson, shown, table } from '../output.js';
import { Session } from '../session.js';
import { examples, withScope, type ScopeOptions } from './common.js';

interface ProposedChange {
  key: string;
  action: 'set' | 'delete' | 'restore' | 'purge';
  baseVersion: number;
  baseType: string;
  type: string;
  description: string;
  baseValue?: string;
  value?: string;
}

interface ChangeRequest {
  id: string;
  status: 'open' | 'applied' | 'rejected';
  requestedBy: string;
  createdAt: string;
  decidedBy: string;
  decidedAt: string;
  reason: string;
  changes: ProposedChange[];
  valuesShown: boolean;
}

/** What a write to a protected environment answers (HTTP 202) instead of what it wrote. */
export interface RequestedAnswer {
  changeRequest?: { id: string; status: string };
}

const out = (text: string) => process.stdout.write(text);

/** The line a write prints when it became a change request, or undefined when it was made. */
export function requestedNotice(answer: RequestedAnswer | undefined): string | undefined {
  const id = answer?.changeRequest?.id;
  if (!id) return undefined;
  return `Change request ${shown(id)} opened: it needs approval by another member with approve (coffer approvals show ${shown(id)})\n`;
}

const STATUSES = ['open', 'applied', 'rejected'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requestPath(scope: string, id: string, suffix = ''): string {
  if (!UUID.test(id)) throw new CliError('a change request id looks like 3f0c1a2b-...: see coffer approvals list', EXIT.USAGE);
  return `${scope}/change-requests/${id.toLowerCase()}${suffix}`;
}

function summary(request: ChangeRequest): string {
  return request.changes.map((change) => `${change.action} ${change.key}`).join(', ');
}

/** A change's line of the diff: key, action, base → proposed; values only when the server sent them (reveal). */
function changeLines(change: ProposedChange): string[] {
  const base = change.baseVersion === 0 ? 'new' : `version ${change.baseVersion}${change.baseType ? ` (${change.baseType})` : ''}`;
  const proposed =
    change.action === 'set'
      ? `${change.baseVersion === 0 ? 'version 1' : `version ${change.baseVersion + 1}`} (${change.type})`
      : change.action === 'delete'
        ? 'deleted'
        : 'restored';
  const lines = [`  ${change.action.padEnd(7)} ${shown(change.key)}: ${base} -> ${proposed}`];
  if (change.baseValue !== undefined) lines.push(`    - ${shown(change.baseValue)}`);
  if (change.value !== undefined) lines.push(`    + ${shown(change.value)}`);
  return lines;
}

function printRequest(request: ChangeRequest): void {
  const lines = [
    `Change request ${shown(request.id)}: ${request.status}`,
    `requested by ${shown(request.requestedBy)} at ${formatTime(request.createdAt)}`,
    ...(request.decidedBy
      ? [`${request.status} by ${shown(request.decidedBy)} at ${formatTime(request.decidedAt)}${request.reason ? `: ${shown(request.reason)}` : ''}`]
      : []),
    ...request.changes.flatMap(changeLines),
    ...(request.valuesShown ? [] : ['(values hidden: they need reveal)']),
  ];
  out(lines.join('\n') + '\n');
}

/** `coffer approvals`: the change requests of a protected environment. */
export function registerApprovals(program: Command): void {
  const approvals = program.command('approvals').description('change requests of a protected environment: list, show, approve or reject them');
  examples(approvals, [
    'coffer approvals list',
    'coffer approvals show 3f0c... --env production',
    'coffer approvals approve 3f0c...',
    'coffer approvals reject 3f0c... --reason "wrong key"',
  ]);

  withScope(approvals.command('list'))
    .description("the environment's change requests, newest first")
    .option('--status <status>', `only those ${STATUSES.join(', ')}`)
    .action(async (options: ScopeOptions & { status?: string }) => {
      if (options.status !== undefined && !STATUSES.includes(options.status)) throw new CliError(`invalid --status: one of ${STATUSES.join(', ')}`, EXIT.USAGE);
      const { api, scope } = new Session().scoped(options);
      const { changeRequests } = await api.request<{ changeRequests: ChangeRequest[] }>(
        'GET',
        `${scope}/change-requests${options.status ? `?status=${options.status}` : ''}`,
      );
      if (options.json) return printJson(changeRequests);
      if (changeRequests.length === 0) return void out('No change requests\n');
      out(
        table(
          ['ID', 'STATUS', 'REQUESTED BY', 'CREATED', 'CHANGES'],
          changeRequests.map((r) => [r.id, r.status, shown(r.requestedBy), formatTime(r.createdAt), shown(summary(r))]),
        ),
      );
    });

  withScope(approvals.command('show'))
    .description('one change request: each key, its action and versions; values only with reveal')
    .argument('<id>')
    .action(async (id: string, options: ScopeOptions) => {
      const { api, scope } = new Session().scoped(options);
      const request = await api.request<ChangeRequest>('GET', requestPath(scope, id));
      if (options.json) return printJson(request);
      printRequest(request);
    });

  withScope(approvals.command('approve'))
    .description('apply a change request now (you need approve, and cannot approve your own)')
    .argument('<id>')
    .action(async (id: string, options: ScopeOptions) => {
      const { api, scope } = new Session().scoped(options);
      const request = await api.request<ChangeRequest>('POST', requestPath(scope, id, '/approve'));
      if (options.json) return printJson(request);
      out(`Approved and applied change request ${shown(request.id)}: ${shown(summary(request))}\n`);
    });

  withScope(approvals.command('reject'))
    .description('close a change request without applying it (approve, or your own request)')
    .argument('<id>')
    .option('--reason <text>', 'why, kept with the request')
    .action(async (id: string, options: ScopeOptions & { reason?: string }) => {
      const { api, scope } = new Session().scoped(options);
      const request = await api.request<ChangeRequest>(
        'POST',
        requestPath(scope, id, '/reject'),
        options.reason !== undefined ? { reason: options.reason } : {},
      );
      if (options.json) return printJson(request);
      out(`Rejected change request ${shown(request.id)}\n`);
    });
}
