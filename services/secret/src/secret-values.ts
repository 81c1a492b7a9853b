import { parse as parseYaml } from 'yaml';
import { valueProblem, type SecretType } from '@coffer/contract';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/**
 * Why `value` cannot be stored as a secret of `type`, or null: the contract's rules for every value
 * (size, NUL, lone surrogates), then whether it parses as its type. The reason never quotes the
 * value. Parsing YAML needs a parser, which is why the type check stays with the service.
 */
export function typedValueProblem(type: SecretType, value: string): string | null {
  const problem = valueProblem(value);
  if (problem) return problem;
  switch (type) {
    case 'text':
      return null;
    case 'password':
      return value.length > 0 ? null : 'a password must not be empty';
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'a boolean must be "true" or "false"';
    case 'integer':
      return INTEGER.test(value) ? null : 'an integer must be digits with an optional leading minus';
    case 'json':
      return parses(() => JSON.parse(value)) ? null : 'must be valid JSON';
    case 'yaml':
      return parses(() => parseYaml(value)) ? null : 'must be valid YAML';
  }
}

function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}
