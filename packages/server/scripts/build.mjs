#!/usr/bin/env node
/**
 * Builds coffer-server for production:
 *   node scripts/build.mjs      dist/coffer-server.js (ESM, run with `node dist/coffer-server.js`),
 *                               dist/value-opener-worker.js (the Secret service's thread that opens
 *                               values, services/secret/src/value-opener.ts), their source maps, and
 *                               dist/proto/, the gRPC contracts it loads
 *   --out DIR                   writes into DIR instead of dist/
 * Only the workspace's own TypeScript (@coffer/* and the migrations) goes into the bundle. Every other
 * package stays an import that Node resolves from node_modules at run time, so PGlite's wasm, knex's
 * dialects, grpc-js and pino load exactly as they do from the sources; they must therefore be
 * dependencies of @coffer/server, and the build fails when the bundle would not resolve the very copy
 * the sources use. The source map is used only when asked for (`node --enable-source-maps`): stack
 * traces then point at the TypeScript.
 */
import { cpSync, existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(PACKAGE_DIR, '../..');

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(values.out ?? join(PACKAGE_DIR, 'dist'));
mkdirSync(outDir, { recursive: true });

// A bare specifier that is not the workspace's own stays an import of the bundle.
const keepPackagesExternal = {
  name: 'keep-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@coffer/') ? undefined : { path, external: true }));
  },
};

const bundle = join(outDir, 'coffer-server.js');
const { metafile } = await build({
  entryPoints: { 'coffer-server': join(PACKAGE_DIR, 'src/main.ts'), 'value-opener-worker': join(REPO_ROOT, 'services/secret/src/value-opener-worker.ts') },
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // See packages/grpc/src/proto-package.ts: the contracts are read from proto/ beside the bundle.
  define: { COFFER_PROTO_BESIDE_BUNDLE: 'true' },
  plugins: [keepPackagesExternal],
  absWorkingDir: REPO_ROOT,
  logLevel: 'warning',
  metafile: true,
});

// Node resolves the bundle's imports from the node_modules above outDir: each must be the copy the sources use.
const unresolved = new Map();
for (const [input, { imports }] of Object.entries(metafile.inputs)) {
  for (const { path, external } of imports) {
    if (!external || isBuiltin(path)) continue;
    const name = packageName(path);
    if (packageDir(name, dirname(join(REPO_ROOT, input))) !== packageDir(name, outDir)) unresolved.set(name, input);
  }
}
if (unresolved.size > 0) {
  for (const output of Object.keys(metafile.outputs)) rmSync(join(REPO_ROOT, output), { force: true });
  console.error(
    `coffer-server: a bundle in ${outDir} would not load the packages its sources use (make them dependencies of @coffer/server, same versions, and build inside packages/server):`,
  );
  for (const [name, input] of unresolved) console.error(`  ${name} (imported by ${input})`);
  process.exit(1);
}
rmSync(join(outDir, 'proto'), { recursive: true, force: true });
cpSync(join(REPO_ROOT, 'proto'), join(outDir, 'proto'), { recursive: true });

console.log(`built ${bundle}`);

function packageName(specifier) {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Where Node finds a package from `dir`: the first node_modules/<name> on the way up, symlinks resolved. */
function packageDir(name, dir) {
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(candidate)) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}
