import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));

describe('@coffer/crypto purity', () => {
  it('imports nothing but node:crypto and its own modules', async () => {
    const modules = (await readdir(src)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    const foreign: string[] = [];
    for (const name of modules) {
      const source = await readFile(`${src}/${name}`, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        if (specifier !== 'node:crypto' && !/^\.\/[\w-]+\.js$/.test(specifier!)) foreign.push(`${name}: ${specifier}`);
      }
      if (/\bprocess\.|\brequire\(/.test(source)) foreign.push(`${name}: process or require`);
    }
    expect(foreign).toEqual([]);
  });
});
