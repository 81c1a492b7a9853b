#!/usr/bin/env node
/**
 * Builds the coffer CLI for distribution:
 *   node scripts/build.mjs              dist/coffer.cjs, one bundled file for `node dist/coffer.cjs`, and
 *                                       dist/coffer.inputs.json, the files it was built from (bin/coffer.js
 *                                       runs the bundle only while none of them is newer)
 *   node scripts/build.mjs --sea        also dist/coffer, a single executable (Node SEA) that needs no Node
 *   --out DIR                           writes into DIR instead of dist/
 *   --if-possible                       (the workspace postinstall) skip quietly where esbuild is not
 *                                       installed, as after `pnpm install --prod`: the bin then runs the sources
 * The executable is this machine's node binary with the bundle injected, so it runs on the same OS
 * and CPU architecture as the Node that built it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// The fuse string Node looks for to know a SEA blob was injected (documented in Node's SEA guide).
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: { sea: { type: 'boolean', default: false }, out: { type: 'string' }, 'if-possible': { type: 'boolean', default: false } },
});

let build;
try {
  ({ build } = await import('esbuild'));
} catch (err) {
  if (!values['if-possible'] || err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  console.log('coffer CLI not bundled: esbuild is not installed (bin/coffer.js runs the sources)');
  process.exit(0);
}
const outDir = resolve(values.out ?? join(PACKAGE_DIR, 'dist'));
mkdirSync(outDir, { recursive: true });

const bundle = join(outDir, 'coffer.cjs');
const { metafile } = await build({
  entryPoints: [join(PACKAGE_DIR, 'src/main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(metafile.inputs).map((input) => resolve(input));
writeFileSync(join(outDir, 'coffer.inputs.json'), JSON.stringify(inputs) + '\n');
console.log(`built ${bundle}`);

if (values.sea) {
  const executable = join(outDir, process.platform === 'win32' ? 'coffer.exe' : 'coffer');
  const blob = join(outDir, 'coffer.blob');
  const seaConfig = join(outDir, 'sea-config.json');
  // useCodeCache compiles the bundle ahead of time, which shortens every cold start.
  writeFileSync(seaConfig, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
  rmSync(executable, { force: true });
  copyFileSync(process.execPath, executable);
  chmodSync(executable, 0o755);
  const { inject } = await import('postject');
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', executable]);
  await inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: SEA_FUSE,
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', executable]);
  rmSync(blob);
  rmSync(seaConfig);
  console.log(`built ${executable}`);
}
