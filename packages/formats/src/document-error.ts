/**
 * A document that cannot be read (or a record that cannot be written) in a format. A reading error
 * says `line N: what was expected` and quotes nothing of the document, not even a key: a bare line
 * of a .env file may be a pasted password, so the message can be shown to the caller as it is.
 */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

export const atLine = (line: number, expected: string) => new DocumentError(`line ${line}: ${expected}`);

/** For the rare mistake a parser cannot place: said so, still without content. */
export const atNoLine = (expected: string) => new DocumentError(`no line known: ${expected}`);

/** What JSON and YAML share: a document is one flat mapping from keys to scalar values, each key once. */
export const NOT_A_MAPPING = 'expected a mapping of keys to values, not a list or a single value';
export const NESTED_VALUE = 'expected a string, number or boolean; nested mappings and lists are not supported';
export const MISSING_VALUE = 'expected a value, not null; write "" for an empty value';
export const REPEATED_KEY = 'expected each key once; this key was given before';
