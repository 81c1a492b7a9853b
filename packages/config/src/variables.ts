import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// Durations feed setTimeout, which silently fires after 1 ms for anything above 2^31 - 1.
const MAX_TIMER_MS = 2 ** 31 - 1;

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

/**
 * A variable whose raw text becomes a T, or undefined when invalid. The message is fixed text so
 * that it never repeats the value, which for some variables is a password or a key.
 */
function variable<T>(expected: string, parse: (raw: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const parsed = parse(raw);
    if (parsed === undefined) {
      ctx.addIssue(`expected ${expected}`);
      return z.NEVER;
    }
    return parsed;
  });
}

// Shells, .env files and manifests often write `NAME=` to mean "not set".
const isUnset = (value: unknown) => value === undefined || value === '';

export function optional<T>(schema: z.ZodType<T, string>) {
  return z.preprocess((value) => (isUnset(value) ? undefined : value), schema.optional());
}

/** The fallback is written as the environment would write it and goes through the same parsing. */
export function withDefault<T>(schema: z.ZodType<T, string>, fallback: string) {
  return z.preprocess((value) => (isUnset(value) ? fallback : value), schema);
}

export function integer(min: number, max: number) {
  return variable(`an integer from ${min} to ${max}`, (raw) => {
    if (!/^\d+$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= min && value <= max ? value : undefined;
  });
}

export const port = (min: 0 | 1) => integer(min, 65535);

/** `auto` (let the process decide from the machine) or a count from 1 to `max`. */
export function countOrAuto(max: number) {
  return variable<number | 'auto'>(`auto or an integer from 1 to ${max}`, (raw) => {
    if (raw === 'auto') return 'auto';
    if (!/^\d+$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= 1 && value <= max ? value : undefined;
  });
}

export const milliseconds = (min: number) => integer(min, MAX_TIMER_MS);

const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration as people write it, `500ms`, `30s`, `15m`, `24h`, `30d` (the CLI's spelling), in milliseconds from `minMs` to `maxMs`. */
export function duration(minMs: number, maxMs: number) {
  return variable(`a duration such as 30s, 15m, 24h or 30d, from ${minMs} ms to ${maxMs} ms`, (raw) => {
    const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(raw);
    if (!match) return undefined;
    const value = Number(match[1]) * DURATION_UNITS_MS[match[2] as keyof typeof DURATION_UNITS_MS];
    return value >= minMs && value <= maxMs ? value : undefined;
  });
}

export const host = () => variable('a hostname or IP address', (raw) => (isHost(raw) ? raw : undefined));

function isHost(raw: string): boolean {
  return isIP(raw) !== 0 || HOSTNAME.test(raw);
}

/** `host:port` or `[ipv6]:port`, the address form gRPC clients accept. */
export const address = () =>
  variable('host:port with a port from 1 to 65535', (raw) => {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(raw);
    if (!match) return undefined;
    const [, ipv6, name, portText] = match;
    const validHost = ipv6 !== undefined ? isIP(ipv6) === 6 : isHost(name ?? '');
    const portNumber = Number(portText);
    return validHost && portNumber >= 1 && portNumber <= 65535 ? raw : undefined;
  });

export function url(schemes: readonly string[]) {
  const expected = `a ${schemes.map((scheme) => `${scheme}://`).join(' or ')} URL`;
  return variable(expected, (raw) => {
    const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
    return parsed && schemes.includes(parsed.protocol.slice(0, -1)) ? raw : undefined;
  });
}

export const directory = () => z.string().transform((raw) => path.resolve(raw));

export function oneOf<const T extends readonly string[]>(values: T) {
  return variable<T[number]>(`one of ${values.join(', ')}`, (raw) => values.find((value) => value === raw));
}

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size in bytes, written as bytes or a number with b/kb/mb/gb (as Express body parsers take it), at least `min` bytes. */
export function size(min = 0) {
  const floor = min > 0 ? `, at least ${min} bytes` : '';
  return variable(`a size such as 512kb, 1mb or 1048576${floor}`, (raw) => {
    const match = /^(\d+(?:\.\d+)?)(b|kb|mb|gb)?$/i.exec(raw);
    if (!match) return undefined;
    const bytes = Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()]!);
    return bytes >= min && Number.isSafeInteger(bytes) ? bytes : undefined;
  });
}

/** 32 bytes as 64 hex characters or as base64 (padded or not). */
export const key32 = () =>
  variable('32 bytes as 64 hex characters or as base64', (raw) => {
    if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
    if (/^[A-Za-z0-9+/]{43}=?$/.test(raw)) return Buffer.from(raw, 'base64');
    return undefined;
  });

function parseEd25519(type: 'private' | 'public', raw: string): KeyObject | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return undefined;
  const der = Buffer.from(raw, 'base64');
  try {
    const key = type === 'private' ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

const ed25519Form = (type: 'private' | 'public') => `an Ed25519 ${type} key as base64 of its ${type === 'private' ? 'PKCS#8' : 'SPKI'} DER`;

/** An Ed25519 private key as base64 of its PKCS#8 DER. */
export const ed25519PrivateKey = () => variable(ed25519Form('private'), (raw) => parseEd25519('private', raw));

/**
 * Ed25519 public keys as base64 of their SPKI DER, separated by commas: during a rotation the old
 * and the new key are both trusted.
 */
export const ed25519PublicKeys = () =>
  variable(`${ed25519Form('public')} (several separated by commas)`, (raw): KeyObject[] | undefined => {
    const keys = raw.split(',').map((part) => parseEd25519('public', part.trim()));
    return keys.every((key) => key !== undefined) ? keys : undefined;
  });

/** Text of a fixed shape, e.g. a name used in keys. */
export function matching(pattern: RegExp, expected: string) {
  return variable(expected, (raw) => (pattern.test(raw) ? raw : undefined));
}

/**
 * COFFER_PUBLIC_URL, where people reach the platform (links in messages, the issuer of access
 * tokens, single sign-on's redirect URIs): one definition for every slice that reads it, with the
 * trailing slashes taken off.
 */
export const publicUrl = () =>
  withDefault(
    url(['http', 'https']).transform((raw) => raw.replace(/\/+$/, '')),
    'http://127.0.0.1:8080',
  );
