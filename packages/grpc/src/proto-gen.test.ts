import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('scripts/proto-gen.mjs --check', () => {
  it('finds the committed generated types up to date with proto/', () => {
    const result = spawnSync(process.execPath, ['scripts/proto-gen.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
