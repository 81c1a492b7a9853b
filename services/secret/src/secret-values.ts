import { parse as parseYaml } from 'yaml';
import { valueSizeProblem, type SecretType } from '@coffer/contract';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/**
 * Why `value` does not parse as `type`, or null when it does. The reason never quotes the value.
 * The key, type and size rules themselves live in @coffer/contract; parsing YAML needs a parser,
 * which is why this check stays with the service.
 */
export function valueProblem(type: SecretType, value: string): string | null {
  const tooLarge = valueSizeProblem(value);
  if (tooLarge) return tooLarge;
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
