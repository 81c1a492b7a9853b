/**
 * The test kit is a workspace package used by its name: suites do not reach into tests/support by
 * relative path, every package whose tests use the kit declares it, and the dependency graph of the
 * workspace, dev dependencies included (what pnpm sorts and warns about), has no cycle. The
 * packages below the server use the kit's bottom, @coffer/test-postgres, which depends on pg alone.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { findCycle } from './find-cycle.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KIT = ['@coffer/test-kit', '@coffer/test-postgres'];

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The workspace's package directories, from pnpm-workspace.yaml (entries are paths or `dir/*`). */
async function workspaceDirs(): Promise<string[]> {
  const text = await readFile(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\n((?:\s+-\s+.+\n?)+)/m.exec(text)?.[1] ?? '';
  const entries = [...block.matchAll(/-\s+['"]?([^'"\n]+?)['"]?\s*$/gm)].map((match) => match[1]!);
  const dirs: string[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('/*')) dirs.push(entry);
    else
      for (const child of await readdir(join(root, entry.slice(0, -2)), { withFileTypes: true }))
        if (child.isDirectory()) dirs.push(`${entry.slice(0, -2)}/${child.name}`);
  }
  return dirs;
}

async function manifests(): Promise<Map<string, Manifest>> {
  const byDir = new Map<string, Manifest>();
  for (const dir of await workspaceDirs()) {
    const manifest = await readFile(join(root, dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
    if (manifest?.name) byDir.set(dir, manifest as Manifest);
  }
  return byDir;
}

const declared = (manifest: Manifest) => ({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies });

/** Every .ts file under `dir`, paths relative to the repository, without node_modules. */
async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').includes('node_modules'));
}

const SPECIFIER = /(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

it('is reached by its package name: no suite imports tests/support by a relative path', async () => {
  const offenders: string[] = [];
  for (const top of ['packages', 'services', 'gateway', 'migrations', 'tests']) {
    for (const file of await tsFiles(top)) {
      if (file.startsWith('tests/support/')) continue;
      const text = await readFile(join(root, file), 'utf8');
      for (const [, specifier] of text.matchAll(SPECIFIER))
        if (specifier!.startsWith('.') && /(^|\/)support\//.test(specifier!)) offenders.push(`${file}: ${specifier}`);
    }
  }
  expect(offenders).toEqual([]);
});

it('is declared by every workspace package whose files import it', async () => {
  const missing: string[] = [];
  for (const [dir, manifest] of await manifests()) {
    if (KIT.includes(manifest.name)) continue;
    const deps = declared(manifest);
    for (const file of await tsFiles(dir)) {
      // A nested workspace package's files belong to it, not to this one.
      if (dir === 'tests' && file.startsWith('tests/support/')) continue;
      const text = await readFile(join(root, file), 'utf8');
      for (const [, specifier] of text.matchAll(SPECIFIER)) {
        const kit = KIT.find((name) => specifier === name || specifier!.startsWith(`${name}/`));
        if (kit && !deps[kit]) missing.push(`${manifest.name} (${file}) imports ${kit} without declaring it`);
      }
    }
  }
  expect([...new Set(missing)]).toEqual([]);
});

it('has a bottom that depends on pg alone, so every package can use it', async () => {
  const bottom = [...(await manifests()).values()].find((manifest) => manifest.name === '@coffer/test-postgres');
  expect(bottom).toBeDefined();
  expect(Object.keys(declared(bottom!))).toEqual(['pg']);
  // What its files import, together, beyond Node and each other: pg and nothing else.
  const imported = new Set<string>();
  for (const file of await tsFiles('tests/support/postgres')) {
    const text = await readFile(join(root, file), 'utf8');
    for (const [, specifier] of text.matchAll(SPECIFIER)) if (!specifier!.startsWith('node:') && !specifier!.startsWith('.')) imported.add(specifier!);
  }
  expect([...imported]).toEqual(['pg']);
});

it('leaves the workspace without a dependency cycle, dev dependencies included', async () => {
  const all = await manifests();
  const names = new Set([...all.values()].map((manifest) => manifest.name));
  const graph = new Map(
    [...all.values()].map((manifest) => [manifest.name, Object.keys(declared(manifest)).filter((dep) => names.has(dep) && dep !== manifest.name)]),
  );
  expect(findCycle(graph), 'dependency cycle between workspace packages').toBeUndefined();
});
