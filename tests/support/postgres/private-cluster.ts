import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabaseOn } from './index.js';
import { processTree, statFields } from './proc-stats.js';

const run = promisify(execFile);

/** A PostgreSQL cluster of the test's own, which it may stop, kill or pause without touching the machine's shared server. */
export interface PrivateCluster {
  /** The superuser's connection to its `postgres` database. */
  url: string;
  port: number;
  /** A new empty database; returns its superuser URL. */
  createDatabase(name: string): Promise<string>;
  /** Freezes every process of the cluster (SIGSTOP): connections stay open and nothing answers. */
  pause(): Promise<void>;
  /** Thaws what `pause` froze. */
  resume(): Promise<void>;
  /** Shuts the cluster down (`pg_ctl stop -m fast`): sessions are ended, new connections refused. */
  stop(): Promise<void>;
  /** Kills the postmaster and every backend (SIGKILL), as a crash of the machine's database would. */
  kill(): Promise<void>;
  /** Starts it again on the same port after `stop` or `kill` (crash recovery included). */
  start(): Promise<void>;
  /** Stops the cluster at once and removes its files. */
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Until none of `pids` runs any more (a zombie, dead but not yet reaped, counts as gone). */
async function waitUntilGone(pids: number[]): Promise<void> {
  const running = (pid: number) => {
    try {
      return statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'))[0] !== 'Z';
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 200 && pids.some(running); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** initdb and pg_ctl refuse to run as root: as root, they run as the `postgres` user. */
async function asClusterOwner(command: string, args: string[]): Promise<void> {
  if (userInfo().uid === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, args);
}

/**
 * Starts a throw-away cluster on a free loopback port: trust authentication, no fsync (its data
 * is thrown away), its socket in its own directory.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'coffer-pg-'));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asClusterOwner('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  const start = () => asClusterOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  /** The postmaster and its children (backends, checkpointer, ...). */
  const processes = async (): Promise<number[]> => processTree(Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]));
  const signal = async (name: NodeJS.Signals) => {
    for (const pid of await processes()) {
      try {
        process.kill(pid, name);
      } catch {
        // Gone already: a backend whose session just ended.
      }
    }
  };
  return {
    url,
    port,
    createDatabase: (name) => createDatabaseOn(url, name),
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    stop: () => asClusterOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    async kill() {
      const pids = await processes();
      await signal('SIGKILL');
      await waitUntilGone(pids);
      // Where nothing reaps orphans (a container whose first process is not an init), the dead
      // postmaster stays a zombie that still answers kill(pid, 0), and a restart would refuse the
      // lock files it left: remove them, as an operator would after a crash.
      await rm(join(data, 'postmaster.pid'), { force: true });
      await rm(join(dir, `.s.PGSQL.${port}.lock`), { force: true });
    },
    start,
    async destroy() {
      await signal('SIGCONT').catch(() => undefined);
      await asClusterOwner('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
