import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module a file pulls in, through relative imports and re-exports, and the packages they import. */
async function importsOf(file: string, seen = new Set<string>()): Promise<{ files: Set<string>; packages: Set<string> }> {
  const packages = new Set<string>();
  if (seen.has(file)) return { files: seen, packages };
  seen.add(file);
  const source = await readFile(file, 'utf8');
  for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (specifier!.startsWith('.')) {
      const nested = await importsOf(join(dirname(file), specifier!.replace(/\.js$/, '.ts')), seen);
      nested.packages.forEach((name) => packages.add(name));
    } else if (!specifier!.startsWith('node:')) {
      packages.add(specifier!);
    }
  }
  return { files: seen, packages };
}

it('keeps @coffer/contract/rules free of zod and of every other package, for clients that must start fast', async () => {
  const { packages } = await importsOf(join(here, 'rules.ts'));
  expect([...packages]).toEqual([]);
});

it('exports from its index everything the rules entry does, and the schemas besides', async () => {
  const [rules, index] = await Promise.all([import('./rules.js'), import('./index.js')]);
  for (const name of Object.keys(rules)) expect(index, name).toHaveProperty(name);
  expect(index).toHaveProperty('secretKeySchema');
  expect(rules).not.toHaveProperty('secretKeySchema');
});
