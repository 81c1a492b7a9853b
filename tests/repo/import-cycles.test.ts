import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { findCycle } from './find-cycle.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_ROOTS = ['packages', 'services', 'gateway', 'migrations'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'generated' ? [] : sourceFiles(path);
      return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}

async function packageNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const top of SOURCE_ROOTS) {
    const dirs = top === 'gateway' || top === 'migrations' ? [join(root, top)] : (await readdir(join(root, top))).map((d) => join(root, top, d));
    for (const dir of dirs) {
      const pkg = await readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
      if (pkg?.name) names.set(pkg.name as string, dir);
    }
  }
  return names;
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

it('has no circular imports between modules or between workspace packages', async () => {
  const packages = await packageNames();
  const fileGraph = new Map<string, string[]>();
  const packageGraph = new Map<string, string[]>();
  for (const [name, dir] of packages) {
    packageGraph.set(name, []);
    for (const file of await sourceFiles(dir)) {
      const text = await readFile(file, 'utf8');
      const targets: string[] = [];
      for (const [, specifier] of text.matchAll(IMPORT)) {
        if (!specifier) continue;
        if (specifier.startsWith('.')) targets.push(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
        else if (packages.has(specifier) && specifier !== name) packageGraph.get(name)?.push(specifier);
      }
      fileGraph.set(file, targets);
    }
  }
  const fileCycle = findCycle(fileGraph);
  expect(
    fileCycle?.map((file) => relative(root, file)),
    'import cycle between files',
  ).toBeUndefined();
  expect(findCycle(packageGraph), 'dependency cycle between packages').toBeUndefined();
});
