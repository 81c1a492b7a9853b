import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkKeyFile, seal, unseal, type ConfigStore } from './config.js';
import { CliError, EXIT } from './errors.js';

/** What `coffer run` keeps of its last successful inject, to cold-start when the server is down. */
export interface Snapshot {
  savedAt: string;
  values: Record<string, string>;
  removed: string[];
}

/**
 * One file per server and environment: `snapshots/<sha256(apiUrl \n scope)>` in the config
 * directory, mode 0600, holding the JSON sealed under the CLI key (AES-256-GCM, see config.ts)
 * with the additional authenticated data `coffer-cli:snapshot:v1:<name>`, so a snapshot cannot
 * be passed off as another environment's by renaming it.
 */
export function snapshotFile(store: ConfigStore, apiUrl: string, scope: string): { path: string; aad: Buffer } {
  const name = createHash('sha256').update(`${apiUrl}\n${scope}`).digest('hex');
  return { path: join(store.paths.dir, 'snapshots', name), aad: Buffer.from(`coffer-cli:snapshot:v1:${name}`) };
}

export function saveSnapshot(store: ConfigStore, apiUrl: string, scope: string, snapshot: Snapshot): void {
  const { path, aad } = snapshotFile(store, apiUrl, scope);
  const sealed = seal(JSON.stringify(snapshot), store.keyMaterial(true), aad);
  const dir = join(store.paths.dir, 'snapshots');
  store.ensureDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, sealed + '\n', { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The snapshot of this server and environment; undefined when there is none (or no key to open it). */
export function loadSnapshot(store: ConfigStore, apiUrl: string, scope: string): Snapshot | undefined {
  const { path, aad } = snapshotFile(store, apiUrl, scope);
  let text: string;
  try {
    if (!lstatSync(path).isFile()) return undefined;
    text = readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!checkKeyFile(store.paths.key)) return undefined;
  const json = unseal(text, store.keyMaterial(false), aad);
  if (json === undefined) throw new CliError(`the offline snapshot ${path} cannot be decrypted with the key file; remove it`, EXIT.CONFIG);
  const snapshot = JSON.parse(json) as Snapshot;
  return { savedAt: snapshot.savedAt, values: snapshot.values ?? {}, removed: snapshot.removed ?? [] };
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
