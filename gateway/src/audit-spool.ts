import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { fsync as fsyncFd } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A local, append-only copy of the audit events a process has answered for and not yet delivered,
 * so that neither a shutdown nor a crash loses them.
 *
 * Each process writes to a directory of its own under the spool root, named after the process
 * (pid, start time and boot: a pid reused by another process does not look alive), in numbered
 * segments of one JSON line per event. `append` is a synchronous write: once it returns the line
 * is in the OS, so a crash of the process (SIGKILL) loses nothing; `seal` (at every flush) and
 * `close` fsync it, so a crash of the machine loses at most what came after the last flush. A
 * segment is deleted once every event in it is settled (delivered, or refused for good). At
 * start, `adoptLeftovers` claims the segments of processes that no longer run, each by an atomic
 * rename into this process's directory, so that two processes starting together never both take
 * one; a line cut short by a crash mid-append is skipped.
 */

export interface SpoolDeps<Entry> {
  /** The spool root (created 0700; segments are 0600). */
  root: string;
  /** An entry as read back, or undefined when the line is not one (it is skipped and counted). */
  parse(value: unknown): Entry | undefined;
  /** This process's identity, which names its directory (defaults to the running process's). */
  identity?: string;
  /** Whether the process an identity names still runs (defaults to a check of this machine's processes). */
  isAlive?(identity: string): boolean;
}

export interface Adopted<Entry> {
  entries: { entry: Entry; segment: number }[];
  /** Lines that were not entries (a truncated last line, or damage). */
  skipped: number;
  segments: number;
}

const SEGMENT = /^(\d{12})\.jsonl$/;
const segmentName = (seq: number) => `${String(seq).padStart(12, '0')}.jsonl`;

/** The Linux boot and the start time of a process, in clock ticks since boot; undefined elsewhere. */
function linuxStartTime(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replace(/-/g, '').slice(0, 12);
  } catch {
    return 'unknown';
  }
}

/** `pid.start.boot`: unique among the processes of this machine over time, where /proc tells the start time. */
export function processIdentity(): string {
  return `${process.pid}.${linuxStartTime('self') ?? 'na'}.${bootId()}`;
}

/** Whether the process an identity names runs now (the same pid that started at the same time in this boot). */
export function isProcessAlive(identity: string): boolean {
  const [pidText, start, boot] = identity.split('.');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (start !== 'na') return boot === bootId() && linuxStartTime(pid) === start;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const ignoreMissing = (action: () => void) => {
  try {
    action();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
  }
};

export function createAuditSpool<Entry>({ root, parse, identity = processIdentity(), isAlive = isProcessAlive }: SpoolDeps<Entry>) {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  const dir = join(root, `${identity}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { mode: 0o700 });

  /** Events not yet settled, by segment. */
  const outstanding = new Map<number, number>();
  let seq = 0;
  let active = -1;
  let fd: number | undefined;
  let closed = false;

  function open(): void {
    active = ++seq;
    fd = openSync(join(dir, segmentName(active)), 'a', 0o600);
    outstanding.set(active, 0);
  }

  function removeIfSettled(segment: number): void {
    if (segment === active || outstanding.get(segment) !== 0) return;
    outstanding.delete(segment);
    ignoreMissing(() => unlinkSync(join(dir, segmentName(segment))));
  }

  /** Ends the active segment at once: later appends go to a new one, and this one may be deleted once settled. */
  function detach(): { segment: number; fd: number } | undefined {
    if (fd === undefined) return undefined;
    const sealed = { segment: active, fd };
    fd = undefined;
    active = -1;
    return sealed;
  }

  /**
   * Ends the active segment and fsyncs it with its directory entry. The fsync runs off the event
   * loop (it takes milliseconds, which would stall every request in flight); appends go on meanwhile.
   */
  async function seal(): Promise<void> {
    const sealed = detach();
    if (!sealed) return;
    const handle = await openAsync(dir, 'r');
    try {
      await new Promise<void>((resolve, reject) => fsyncFd(sealed.fd, (err) => (err ? reject(err) : resolve())));
      await handle.sync();
    } finally {
      closeSync(sealed.fd);
      await handle.close();
    }
    removeIfSettled(sealed.segment);
  }

  function readSegment(path: string): { entries: Entry[]; skipped: number } {
    const entries: Entry[] = [];
    let skipped = 0;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line === '') continue;
      let entry: Entry | undefined;
      try {
        entry = parse(JSON.parse(line));
      } catch {
        entry = undefined;
      }
      if (entry === undefined) skipped++;
      else entries.push(entry);
    }
    return { entries, skipped };
  }

  return {
    /** This process's own directory. */
    dir,

    /**
     * Writes one entry (synchronously: in the OS when this returns).
     * @returns the segment it went to, to `settle` once delivered
     */
    append(entry: Entry): number {
      if (closed) throw new Error('audit spool is closed');
      if (fd === undefined) open();
      writeSync(fd!, `${JSON.stringify(entry)}\n`);
      outstanding.set(active, outstanding.get(active)! + 1);
      return active;
    },

    seal,

    /** One entry of `segment` is done with; the segment goes once all of them are and it is sealed. */
    settle(segment: number): void {
      const left = outstanding.get(segment);
      if (left === undefined) return;
      outstanding.set(segment, left - 1);
      removeIfSettled(segment);
    },

    /** Entries written and not settled, this process's and adopted ones. */
    unsettled(): number {
      let total = 0;
      for (const count of outstanding.values()) total += count;
      return total;
    },

    /** Claims the segments of every spool whose process no longer runs, and reads them. */
    adoptLeftovers(): Adopted<Entry> {
      const adopted: Adopted<Entry> = { entries: [], skipped: 0, segments: 0 };
      for (const other of readdirSync(root, { withFileTypes: true })) {
        const otherDir = join(root, other.name);
        if (!other.isDirectory() || otherDir === dir) continue;
        const owner = other.name.slice(0, other.name.lastIndexOf('-'));
        if (!owner || isAlive(owner)) continue;
        let names: string[];
        try {
          names = readdirSync(otherDir)
            .filter((name) => SEGMENT.test(name))
            .sort();
        } catch {
          continue; // another process claimed and removed it first
        }
        for (const name of names) {
          const segment = ++seq;
          const claimed = join(dir, segmentName(segment));
          try {
            renameSync(join(otherDir, name), claimed);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // taken by another process
            throw err;
          }
          const { entries, skipped } = readSegment(claimed);
          adopted.segments++;
          adopted.skipped += skipped;
          outstanding.set(segment, entries.length);
          for (const entry of entries) adopted.entries.push({ entry, segment });
          removeIfSettled(segment);
        }
        ignoreMissing(() => rmdirSync(otherDir));
      }
      if (adopted.segments > 0) fsyncDirectory(dir);
      return adopted;
    },

    /** Seals what is written, synchronously (at shutdown); the directory is removed when nothing in it is left to deliver. */
    close(): void {
      if (closed) return;
      closed = true;
      const sealed = detach();
      if (sealed) {
        fsyncSync(sealed.fd);
        closeSync(sealed.fd);
        fsyncDirectory(dir);
        removeIfSettled(sealed.segment);
      }
      if (outstanding.size === 0) ignoreMissing(() => rmdirSync(dir));
    },
  };
}

export type AuditSpool<Entry> = ReturnType<typeof createAuditSpool<Entry>>;
