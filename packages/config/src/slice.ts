import type { z } from 'zod';

/** One thing wrong with the configuration: the variable it is about, and what is expected. Never a value. */
export interface Problem {
  variable: string;
  message: string;
}

type Variables = Readonly<Record<string, z.ZodType>>;
type ValuesOf<V extends Variables> = { [Name in keyof V]: z.output<V[Name]> };

/**
 * A module's slice of the environment: the variables it reads, each with its parser, and how the
 * parsed values become the module's settings. Two modules that read the same variables share one
 * slice object (the `migrate` target reads the database's).
 */
export interface ConfigSlice<Config> {
  readonly variables: Variables;
  toConfig(values: Record<string, unknown>): Config;
}

export function defineSlice<V extends Variables, Config>(variables: V, toConfig: (values: ValuesOf<V>) => Config): ConfigSlice<Config> {
  return { variables, toConfig: (values) => toConfig(values as ValuesOf<V>) };
}

export type ConfigOf<Slice> = Slice extends ConfigSlice<infer Config> ? Config : never;
