import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// bin/coffer.js starts the prebuilt bundle only while it is newer than everything it was built
// from; a package laid out like packages/cli, with a bundle and sources that say which one ran.
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
let root: string;
const input = () => join(root, 'src', 'main.ts');

beforeAll(async () => {
  // A space and a non-ASCII letter: paths that a file URL spells with % escapes.
  root = await mkdtemp(join(tmpdir(), 'coffer launcher é-'));
  await mkdir(join(root, 'bin'));
  await mkdir(join(root, 'dist'));
  await mkdir(join(root, 'src'));
  await copyFile(join(PACKAGE, 'bin', 'coffer.js'), join(root, 'bin', 'coffer.js'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  await symlink(join(PACKAGE, 'node_modules'), join(root, 'node_modules'));
  await writeFile(input(), "process.stdout.write('source ' + process.argv.slice(2).join(' '));\n");
  await writeFile(join(root, 'dist', 'coffer.cjs'), "process.stdout.write('bundle ' + process.argv.slice(2).join(' '));\n");
  await writeFile(join(root, 'dist', 'coffer.inputs.json'), JSON.stringify([input()]));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const started = async () => (await promisify(execFile)(process.execPath, [join(root, 'bin', 'coffer.js'), 'secrets', 'list'])).stdout;
const at = (path: string, seconds: number) => utimes(path, seconds, seconds);

describe('bin/coffer.js', () => {
  it('runs the bundle while it is newer than its inputs, with the arguments', async () => {
    await at(input(), 1_000);
    await at(join(root, 'dist', 'coffer.cjs'), 2_000);
    expect(await started()).toBe('bundle secrets list');
  });

  it('runs the sources once one of them is newer than the bundle', async () => {
    await at(input(), 3_000);
    expect(await started()).toBe('source secrets list');
  });

  it('runs the sources when an input is gone or the list of inputs is missing', async () => {
    await at(input(), 1_000);
    await writeFile(join(root, 'dist', 'coffer.inputs.json'), JSON.stringify([input(), join(root, 'src', 'deleted.ts')]));
    await at(join(root, 'dist', 'coffer.cjs'), 2_000);
    expect(await started()).toBe('source secrets list');
    await rm(join(root, 'dist', 'coffer.inputs.json'));
    expect(await started()).toBe('source secrets list');
  });

  it('is left to run the sources where the postinstall could not bundle (no esbuild, as after an install --prod)', async () => {
    // Outside `root`, whose node_modules would resolve esbuild.
    const lone = await mkdtemp(join(tmpdir(), 'coffer-no-esbuild-'));
    await mkdir(join(lone, 'scripts'));
    await copyFile(join(PACKAGE, 'scripts', 'build.mjs'), join(lone, 'scripts', 'build.mjs'));
    const skipped = await promisify(execFile)(process.execPath, [join(lone, 'scripts', 'build.mjs'), '--if-possible']);
    expect(skipped.stdout).toBe('coffer CLI not bundled: esbuild is not installed (bin/coffer.js runs the sources)\n');
    await expect(promisify(execFile)(process.execPath, [join(lone, 'scripts', 'build.mjs')])).rejects.toThrow(/esbuild/);
    await rm(lone, { recursive: true, force: true });
  });
});
