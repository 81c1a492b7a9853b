/**
 * A document that cannot be read (or a record that cannot be written) in a format. The message
 * names the line or the key and never quotes a value, so it can be shown to the caller as is.
 */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

/**
 * An empty record for parsed entries. Without a prototype, a key such as `__proto__` (a valid
 * secret key) is stored as an ordinary entry instead of being swallowed by the setter.
 */
export function emptyRecord(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** The errors JSON and YAML share: a document is one flat mapping from keys to scalar values. */
export const notAMapping = () => new DocumentError('the document must be a mapping of keys to values, not a list or a single value');
export const nestedValue = (key: string) =>
  new DocumentError(`${key}: nested mappings and lists are not supported; a value must be a string, number or boolean`);
export const missingValue = (key: string) => new DocumentError(`${key}: has no value (null); write "" for an empty value`);
