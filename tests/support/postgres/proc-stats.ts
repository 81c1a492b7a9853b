/**
 * Processes read from /proc (Linux only): what the processes under bench cost (CPU time, resident
 * memory), process trees and PostgreSQL's processes, which the fault tests signal too. A process
 * that exits between listing and reading counts as nothing rather than failing the caller.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** `getconf CLK_TCK`: the unit of utime and stime; USER_HZ is 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function readProc(pid: number | 'self', file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The fields of /proc/<pid>/stat after the command name, which is in parentheses and may itself
 * contain spaces and parentheses: index 0 is field 3 (state) of proc(5).
 */
export function statFields(stat: string): string[] {
  return stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
}

function fieldsOf(pid: number | 'self'): string[] | undefined {
  const stat = readProc(pid, 'stat');
  return stat === undefined ? undefined : statFields(stat);
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * The process and all its descendants. /proc/<pid>/task/<tid>/children needs a kernel built with
 * CONFIG_PROC_CHILDREN (this machine's is not), so the tree is built from every process's parent.
 */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const parent = Number(fieldsOf(pid)?.[1]);
    if (!Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  if (fieldsOf(rootPid) === undefined) return [];
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.shift()!;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** utime + stime (fields 14 and 15) of one process in ms, undefined once it is gone. */
function processCpuMs(pid: number): number | undefined {
  const fields = fieldsOf(pid);
  if (fields === undefined) return undefined;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** CPU time (user + system) the processes have used so far, in ms. */
export function cpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
}

/** CPU time per process, for a delta over a window in which processes may start (pool backends, workers). */
export function cpuSnapshot(pids: readonly number[]): Map<number, number> {
  const snapshot = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) snapshot.set(pid, ms);
  }
  return snapshot;
}

/** CPU used between two snapshots; a process absent from `before` started inside the window. */
export function cpuDeltaMs(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/**
 * CPU time of this process's children that have exited and been waited for (cutime + cstime,
 * fields 16 and 17), in ms: what a finished wrk cost, read before and after it ran.
 */
export function reapedChildrenCpuMs(): number {
  const fields = fieldsOf('self')!;
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The short command name (/proc/<pid>/comm), or '' once the process is gone. */
export function commandName(pid: number): string {
  return readProc(pid, 'comm')?.trim() ?? '';
}

/** The command line with arguments joined by spaces; PostgreSQL puts a backend's user and database there. */
export function commandLine(pid: number): string {
  return readProc(pid, 'cmdline')?.replaceAll('\0', ' ').trim() ?? '';
}

/**
 * The database of a PostgreSQL client backend from its process title
 * (`postgres: [cluster: ]user database host(port) state`), undefined for the postmaster and the
 * background processes (checkpointer, walwriter, ...).
 */
export function backendDatabase(title: string): string | undefined {
  const match = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])(?: |$)/.exec(title);
  return match?.[1];
}

/**
 * Every process named postgres (postmaster, background processes, backends). With `database`,
 * the backends of other databases are left out: on a machine shared with other benchmarks their
 * work is not this server's.
 */
export function postgresPids(database?: string): number[] {
  return allPids().filter((pid) => {
    if (commandName(pid) !== 'postgres') return false;
    if (database === undefined) return true;
    const of = backendDatabase(commandLine(pid));
    return of === undefined || of === database;
  });
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** VmRSS from /proc/<pid>/status in kB, 0 once the process is gone. */
export function rssKb(pid: number): number {
  return statusKb(readProc(pid, 'status') ?? '', 'VmRSS');
}

/**
 * What a group of processes that share memory hold resident, in kB: each one's private pages
 * (RssAnon) plus the shared pages (shared memory and files) once, as the largest any of them maps.
 * Summed VmRSS counts PostgreSQL's shared buffers again for every backend that has touched them.
 */
export function sharedGroupKb(pids: readonly number[]): number {
  let privateKb = 0;
  let sharedKb = 0;
  for (const pid of pids) {
    const status = readProc(pid, 'status') ?? '';
    privateKb += statusKb(status, 'RssAnon');
    sharedKb = Math.max(sharedKb, statusKb(status, 'RssShmem') + statusKb(status, 'RssFile'));
  }
  return privateKb + sharedKb;
}
