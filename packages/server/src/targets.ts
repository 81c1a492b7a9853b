/**
 * The modules one process can run, Loki style: each names what it depends on, `all` is just the
 * module that depends on every service, and infrastructure modules cannot be selected by name.
 */
export const MODULE_NAMES = ['database', 'kv', 'auth', 'secret', 'audit', 'gateway', 'all', 'migrate'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

export interface ModuleDefinition {
  description: string;
  dependsOn: readonly ModuleName[];
  /** Can be named in --targets. */
  selectable: boolean;
}

export const MODULES: Record<ModuleName, ModuleDefinition> = {
  database: { description: 'PostgreSQL (DATABASE_URL) or embedded PGlite, migrated at start', dependsOn: [], selectable: false },
  kv: { description: 'Redis (REDIS_URL) or in-process cache, locks and pub/sub', dependsOn: [], selectable: false },
  auth: { description: 'identities, API tokens, organisations, projects, environments', dependsOn: ['database', 'kv'], selectable: true },
  secret: { description: 'secrets, versions, envelope encryption; the only KMS user', dependsOn: ['database'], selectable: true },
  audit: { description: 'append-only audit trail', dependsOn: ['database'], selectable: true },
  gateway: {
    description: 'REST API; calls auth, secret and audit in-process or at COFFER_AUTH_ADDR, COFFER_SECRET_ADDR, COFFER_AUDIT_ADDR',
    dependsOn: ['kv'],
    selectable: true,
  },
  all: { description: 'every service in one process, each on its own loopback gRPC port', dependsOn: ['auth', 'secret', 'audit', 'gateway'], selectable: true },
  migrate: { description: 'apply database migrations and exit (not part of all)', dependsOn: ['database'], selectable: true },
};
export const SERVICE_TARGETS = ['auth', 'secret', 'audit'] as const;
export type ServiceTarget = (typeof SERVICE_TARGETS)[number];

const SELECTABLE = MODULE_NAMES.filter((name) => MODULES[name].selectable);

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** Parses `--targets=a,b`: a strict list; an unknown name fails and lists the valid ones. */
export function parseTargets(value: string): ModuleName[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new TargetError(`--targets is empty; valid targets: ${SELECTABLE.join(', ')}`);
  const unknown = names.filter((name) => !(SELECTABLE as string[]).includes(name));
  if (unknown.length > 0) {
    throw new TargetError(`unknown target${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid targets: ${SELECTABLE.join(', ')}`);
  }
  if (names.includes('migrate') && names.length > 1) throw new TargetError('migrate runs alone; it cannot be combined with other targets');
  return [...new Set(names)] as ModuleName[];
}

/** Every module to start, dependencies first. */
export function startOrder(targets: readonly ModuleName[]): ModuleName[] {
  const ordered: ModuleName[] = [];
  const visit = (name: ModuleName) => {
    if (ordered.includes(name)) return;
    for (const dependency of MODULES[name].dependsOn) visit(dependency);
    ordered.push(name);
  };
  // The gateway calls the services that share its process, so they start (and stop) around it.
  [...targets].sort((a, b) => Number(a === 'gateway') - Number(b === 'gateway')).forEach(visit);
  return ordered;
}

export function describeTargets(): string {
  const width = Math.max(...SELECTABLE.map((name) => name.length));
  return SELECTABLE.map((name) => {
    const module: ModuleDefinition = MODULES[name];
    const deps = module.dependsOn.length > 0 ? module.dependsOn.join(', ') : '-';
    return `${name.padEnd(width)}  depends on: ${deps}\n${' '.repeat(width)}  ${module.description}`;
  }).join('\n');
}
