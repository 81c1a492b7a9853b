import type { ConfigSlice, Problem } from './slice.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** One line per problem, each starting with the variable's name; never a variable's value. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

export interface LoadSlicesOptions {
  /** Every variable some module could read (selected or not), beside the slices' own: a COFFER_ name outside it is a typo. */
  known: readonly string[];
  /** Checks across slices ("required when this target runs"), run once every slice parsed. */
  requirements?(configs: ReadonlyMap<ConfigSlice<unknown>, unknown>): Problem[];
}

/**
 * Reads the slices from the environment together, reporting every problem at once (in the order
 * the variables appear in the environment, then the missing ones): bad values, unknown COFFER_*
 * names and unmet requirements. Each config is frozen.
 * @throws ConfigError with one line per problem
 */
export function loadSlices(env: NodeJS.ProcessEnv, slices: readonly ConfigSlice<unknown>[], options: LoadSlicesOptions): Map<ConfigSlice<unknown>, unknown> {
  const problems: Problem[] = [];
  const configs = new Map<ConfigSlice<unknown>, unknown>();
  for (const slice of new Set(slices)) {
    const values: Record<string, unknown> = {};
    let valid = true;
    for (const [variable, schema] of Object.entries(slice.variables)) {
      const result = schema.safeParse(env[variable]);
      if (result.success) {
        values[variable] = result.data;
      } else {
        valid = false;
        problems.push({ variable, message: result.error.issues[0]?.message ?? 'invalid' });
      }
    }
    if (valid) configs.set(slice, Object.freeze(slice.toConfig(values)));
  }
  const known = new Set(options.known);
  for (const variable of Object.keys(env)) {
    if (variable.startsWith('COFFER_') && !known.has(variable)) {
      const valid = options.known.filter((name) => name.startsWith('COFFER_'));
      problems.push({ variable, message: `unknown variable; the valid ones are ${valid.join(', ')}` });
    }
  }
  // A requirement is judged on the slices that parsed; one whose slice did not is skipped.
  if (options.requirements) problems.push(...options.requirements(configs));
  if (problems.length > 0) throw new ConfigError(inEnvironmentOrder(env, problems).map(({ variable, message }) => `${variable}: ${message}`));
  return configs;
}

function inEnvironmentOrder(env: NodeJS.ProcessEnv, problems: Problem[]): Problem[] {
  const position = new Map(Object.keys(env).map((name, index) => [name, index]));
  const rank = (problem: Problem) => position.get(problem.variable) ?? Number.MAX_SAFE_INTEGER;
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}
