import type { ModuleDescriptor } from '@coffer/module';

/** The modules one binary can run, checked once: unique names, known dependencies, no cycles. */
export interface Registry {
  readonly modules: ReadonlyMap<string, ModuleDescriptor>;
  /** The names --targets accepts, in list order. */
  readonly selectable: readonly string[];
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** @throws Error for a list that could never run (a programming mistake, not an operator's) */
export function createRegistry(list: readonly ModuleDescriptor[]): Registry {
  const modules = new Map<string, ModuleDescriptor>();
  for (const module of list) {
    if (modules.has(module.name)) throw new Error(`module ${module.name} is registered twice`);
    modules.set(module.name, module);
  }
  for (const module of list) {
    for (const name of [...module.dependsOn, ...(module.after ?? [])]) {
      if (!modules.has(name)) throw new Error(`module ${module.name} refers to ${name}, which is not registered`);
    }
  }
  const registry = { modules, selectable: list.filter((module) => module.kind !== 'infrastructure').map((module) => module.name) };
  startOrder(registry, [...modules.keys()]);
  return registry;
}

/** Parses `--targets=a,b`: a strict list; an unknown name fails and lists the valid ones. */
export function parseTargets(registry: Registry, value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const valid = registry.selectable.join(', ');
  if (names.length === 0) throw new TargetError(`--targets is empty; valid targets: ${valid}`);
  const unknown = names.filter((name) => !registry.selectable.includes(name));
  if (unknown.length > 0) throw new TargetError(`unknown target${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid targets: ${valid}`);
  const once = names.find((name) => registry.modules.get(name)?.runsOnce);
  if (once && names.length > 1) throw new TargetError(`${once} runs alone; it cannot be combined with other targets`);
  return [...new Set(names)];
}

/** The targets and everything they depend on. */
function closure(registry: Registry, targets: readonly string[]): Set<string> {
  const running = new Set<string>();
  const add = (name: string) => {
    if (running.has(name)) return;
    running.add(name);
    for (const dependency of registry.modules.get(name)?.dependsOn ?? []) add(dependency);
  };
  targets.forEach(add);
  return running;
}

/** Every module to start, each after its dependencies and after the modules it names in `after` that run too. */
export function startOrder(registry: Registry, targets: readonly string[]): string[] {
  const running = closure(registry, targets);
  const ordered: string[] = [];
  const visiting: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.includes(name)) throw new Error(`modules depend on each other: ${[...visiting.slice(visiting.indexOf(name)), name].join(' -> ')}`);
    visiting.push(name);
    const module = registry.modules.get(name)!;
    for (const before of [...module.dependsOn, ...(module.after ?? []).filter((after) => running.has(after))]) visit(before);
    visiting.pop();
    ordered.push(name);
  };
  [...registry.modules.keys()].filter((name) => running.has(name)).forEach(visit);
  return ordered;
}

/** Whether every registered module that depends on one of `names` is among `running`. */
export function allDependentsRun(registry: Registry, running: ReadonlySet<string>, names: readonly string[]): boolean {
  return [...registry.modules.values()].every((module) => !module.dependsOn.some((name) => names.includes(name)) || running.has(module.name));
}

export function describeTargets(registry: Registry): string {
  const width = Math.max(...registry.selectable.map((name) => name.length));
  return registry.selectable
    .map((name) => {
      const module = registry.modules.get(name)!;
      const deps = module.dependsOn.length > 0 ? module.dependsOn.join(', ') : '-';
      return `${name.padEnd(width)}  depends on: ${deps}\n${' '.repeat(width)}  ${module.description}`;
    })
    .join('\n');
}
