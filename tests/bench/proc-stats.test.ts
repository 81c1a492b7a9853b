import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { backendDatabase, cpuDeltaMs, cpuMs, processTree, rssKb, sharedGroupKb, statFields } from '@coffer/test-kit/proc-stats';

describe('/proc readers', () => {
  it('reads the stat fields after a command name with spaces and parentheses', () => {
    const fields = statFields('4242 (node (worker) 1) S 4200 4242 4242 0 -1 4194560 1 0 0 0 250 75 3 4 20 0');
    expect(fields[0]).toBe('S');
    expect(fields[1]).toBe('4200');
    expect([fields[11], fields[12], fields[13], fields[14]]).toEqual(['250', '75', '3', '4']);
  });

  it('tells a client backend’s database from the background processes', () => {
    expect(backendDatabase('postgres: 15/main: postgres coffer_test_ab12 127.0.0.1(54321) idle')).toBe('coffer_test_ab12');
    expect(backendDatabase('postgres: app bench [local] SELECT')).toBe('bench');
    expect(backendDatabase('postgres: 15/main: logical replication launcher')).toBeUndefined();
    expect(backendDatabase('postgres: 15/main: checkpointer')).toBeUndefined();
    expect(backendDatabase('/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main')).toBeUndefined();
  });

  it('finds a child in the process tree and reads CPU and memory of live processes only', async () => {
    const child = spawn('sleep', ['5'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const tree = processTree(process.pid);
      expect(tree[0]).toBe(process.pid);
      expect(tree).toContain(child.pid);
      expect(rssKb(process.pid)).toBeGreaterThan(0);
      // Private pages of both plus shared ones once: less than the two VmRSS summed, more than either.
      const group = sharedGroupKb([process.pid, child.pid!]);
      expect(group).toBeLessThan(rssKb(process.pid) + rssKb(child.pid!));
      expect(group).toBeGreaterThanOrEqual(rssKb(process.pid));
      expect(cpuMs([process.pid])).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect(rssKb(child.pid!)).toBe(0);
    expect(processTree(child.pid!)).toEqual([]);
  });

  it('counts a process that started inside the window whole', () => {
    expect(
      cpuDeltaMs(
        new Map([[1, 100]]),
        new Map([
          [1, 150],
          [2, 30],
        ]),
      ),
    ).toBe(80);
  });
});
