/**
 * GCM additional data that binds a blob to where it is stored. Parts are joined with '|', so a
 * part may never contain one: otherwise ("a|b", "c") and ("a", "b|c") would bind to the same bytes.
 */
const SEPARATOR = '|';

function text(name: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes(SEPARATOR)) {
    throw new TypeError(`${name} must be a non-empty string without '${SEPARATOR}'`);
  }
  return value;
}

function integer(name: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  return String(value);
}

function bind(parts: string[]): Buffer {
  return Buffer.from(parts.join(SEPARATOR), 'utf8');
}

/** Binds a secret value to `org_id | secret_id | version`. */
export function valueAad(orgId: string, secretId: string, version: number): Buffer {
  return bind([text('orgId', orgId), text('secretId', secretId), integer('version', version)]);
}

/** Binds a wrapped DEK to `org_id | kek_id | kek_version`. */
export function dekAad(orgId: string, kekId: string, kekVersion: number): Buffer {
  return bind([text('orgId', orgId), text('kekId', kekId), integer('kekVersion', kekVersion)]);
}

/** Binds KEK material wrapped by a KMS provider to `kek | org_id | key_id | version`. */
export function kekAad(orgId: string, keyId: string, version: number): Buffer {
  return bind(['kek', text('orgId', orgId), text('keyId', keyId), integer('version', version)]);
}
