import { createHash, hkdfSync } from 'node:crypto';
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject } from '@coffer/contract/rules';
import { checkKeyFile, checkPrivateDir, ensurePrivateDir, rewriteLegacy, unreadable, writePrivateFile, type ConfigStore } from './config.js';
import { CliError, EXIT } from './errors.js';
import { openSealed, sealText } from './sealed.js';

/**
 * What `coffer run` keeps of its last successful inject: to cold-start when the server is down, and,
 * by its `etag` (absent in snapshots of earlier versions), to be told by the server that it is still
 * current (304) instead of being sent every value again.
 */
export interface Snapshot {
  savedAt: string;
  values: Record<string, string>;
  removed: string[];
  etag?: string;
}

/** An entity-tag that can be sent back in If-None-Match as it was received (RFC 9110 8.8.3). */
export function isEntityTag(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 256 && /^(W\/)?"[\x21\x23-\x7e]*"$/.test(value);
}

const snapshotsDir = (store: ConfigStore) => join(store.paths.dir, 'snapshots');

/**
 * One file per server and environment: `snapshots/<sha256(apiUrl \n scope)>` in the config
 * directory, mode 0600, holding the JSON sealed with AES-256-GCM (see sealed.ts) under a key
 * derived from the CLI key and the token (HKDF-SHA256, the token's SHA-256 as salt): the key file
 * alone does not open it, and neither does another token, so a snapshot serves only whoever could
 * have fetched the values. The additional authenticated data `coffer-cli:snapshot:v1:<name>` stops a
 * snapshot from being passed off as another environment's by renaming it.
 */
export function snapshotFile(store: ConfigStore, apiUrl: string, scope: string): { dir: string; path: string; aad: Buffer } {
  const name = createHash('sha256').update(`${apiUrl}\n${scope}`).digest('hex');
  const dir = snapshotsDir(store);
  return { dir, path: join(dir, name), aad: Buffer.from(`coffer-cli:snapshot:v1:${name}`) };
}

function snapshotKey(store: ConfigStore, token: string, create: boolean): Buffer {
  const salt = createHash('sha256').update(token).digest();
  return Buffer.from(hkdfSync('sha256', store.keyMaterial(create), salt, 'coffer-cli:snapshot:v1', 32));
}

export function saveSnapshot(store: ConfigStore, apiUrl: string, scope: string, token: string, snapshot: Snapshot): void {
  const { dir, path, aad } = snapshotFile(store, apiUrl, scope);
  const sealed = sealText(JSON.stringify(snapshot), snapshotKey(store, token, true), aad);
  store.ensureDir();
  ensurePrivateDir(dir);
  writePrivateFile(path, sealed + '\n');
}

export type LoadedSnapshot = { found: true; snapshot: Snapshot } | { found: false; reason: 'none' | 'other-token' };

/** The snapshot of this server and environment, if there is one this token may open. */
export function loadSnapshot(store: ConfigStore, apiUrl: string, scope: string, token: string): LoadedSnapshot {
  const { dir, path, aad } = snapshotFile(store, apiUrl, scope);
  if (!checkPrivateDir(dir)) return { found: false, reason: 'none' };
  let text: string;
  try {
    if (!lstatSync(path).isFile()) return { found: false, reason: 'none' };
    text = readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, reason: 'none' };
    throw unreadable(path, err);
  }
  if (!checkKeyFile(store.paths.key)) return { found: false, reason: 'none' };
  const key = snapshotKey(store, token, false);
  const opened = openSealed(text, key, aad);
  if (!opened) return { found: false, reason: 'other-token' };
  if (opened.legacy) rewriteLegacy(path, () => writePrivateFile(path, sealText(opened.text, key, aad) + '\n'));
  const snapshot = JSON.parse(opened.text) as Partial<Snapshot>;
  // Only this CLI writes snapshots (and GCM proves it), but what it kept is what a server sent:
  // coffer run checks each name and value again, as it does an inject answer.
  const values = isJsonObject(snapshot.values) ? (snapshot.values as Record<string, string>) : {};
  const removed = Array.isArray(snapshot.removed) ? snapshot.removed : [];
  const etag = isEntityTag(snapshot.etag) ? { etag: snapshot.etag } : {};
  return { found: true, snapshot: { savedAt: String(snapshot.savedAt), values, removed, ...etag } };
}

/** Removes every snapshot (coffer logout): they are of no use without the token that sealed them. */
export function removeSnapshots(store: ConfigStore): boolean {
  const dir = snapshotsDir(store);
  if (!checkPrivateDir(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `10m`, `24h`, `7d`, `500ms` in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^([0-9]+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new CliError(`invalid duration "${text}": use a whole number and a unit, e.g. 30s, 10m, 24h, 7d`, EXIT.USAGE);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** An age as people say it: `45s`, `12m`, `3h 5m`, `2d 4h`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
