import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

function commandBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => (match[1] ?? '').trim());
}

it('opens the README with the start command and the test command', async () => {
  const [start, test] = commandBlocks(await read('README.md'));
  expect(start).toBe('npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 start');
  expect(test).toBe('npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 test');
});

it('runs the README test command verbatim in CI', async () => {
  const [, test] = commandBlocks(await read('README.md'));
  const ci = (await read('.ci/run')).split('\n').map((line) => line.trim());
  expect(ci).toContain(test);
});

it('pins the package manager the README uses', async () => {
  const pkg = JSON.parse(await read('package.json')) as { packageManager: string };
  expect(pkg.packageManager).toBe('pnpm@12.4.2');
});
