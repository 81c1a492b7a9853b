import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const SECRET_TYPES = ['text', 'json', 'yaml', 'boolean', 'integer', 'password'] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

// `__proto__` fits the shape but cannot be a key of a JavaScript object, so it would vanish from inject.
export const SECRET_KEY_PATTERN = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,254}$/;
/** Values are bounded so one write cannot exhaust memory or the row size. */
export const MAX_VALUE_BYTES = 64 * 1024;

export const SECRET_KEY_RULE = 'must start with a letter or underscore and hold only letters, digits and underscores (at most 255), and not be __proto__';
export const secretKeySchema = z.string().regex(SECRET_KEY_PATTERN, SECRET_KEY_RULE);
export const secretTypeSchema = z.enum(SECRET_TYPES);

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** Why `value` does not parse as `type`, or null when it does. The reason never quotes the value. */
export function valueProblem(type: SecretType, value: string): string | null {
  if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) return `must be at most ${MAX_VALUE_BYTES} bytes`;
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
