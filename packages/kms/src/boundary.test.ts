import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// The design allows exactly one user of unwrapped keys; cross-service suites reach it only through the Secret service.
const ALLOWED = ['packages/kms', 'services/secret'];

function allowed(path: string): boolean {
  return ALLOWED.some((dir) => path === dir || path.startsWith(`${dir}/`));
}

async function workspacePackages(): Promise<string[]> {
  const manifest = await readFile(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const patterns = [...manifest.matchAll(/^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/gm)].map((m) => m[1]!);
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (!pattern.endsWith('/*')) {
      dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    for (const entry of await readdir(join(root, parent), { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
    }
  }
  return dirs;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // dist holds build output (the server bundle includes every package), not sources.
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (/\.(c|m)?[jt]sx?$/.test(entry.name)) files.push(path);
  }
  return files;
}

describe('@coffer/kms boundary', () => {
  it('is a dependency of services/secret only', async () => {
    const dependents: string[] = [];
    for (const dir of await workspacePackages()) {
      const manifest = await readFile(join(root, dir, 'package.json'), 'utf8').catch(() => '{}');
      const pkg = JSON.parse(manifest) as Record<string, Record<string, string> | undefined>;
      const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((field) => pkg[field]?.['@coffer/kms']);
      if (declared && !allowed(dir)) dependents.push(dir);
    }
    expect(dependents).toEqual([]);
  });

  it('is imported by services/secret only', async () => {
    const importers: string[] = [];
    for (const file of await sourceFiles(root)) {
      const path = relative(root, file);
      if (allowed(path)) continue;
      const source = await readFile(file, 'utf8');
      if (source.includes('@coffer/kms') || /packages\/kms\//.test(source)) importers.push(path);
    }
    expect(importers).toEqual([]);
  });
});
