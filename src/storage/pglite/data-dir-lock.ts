// A PGlite data directory belongs to one process: PGlite runs PostgreSQL inside the process that
// opened it, with its own buffers and transaction state, so a second process opening the same
// files writes behind the first one's back (seen: the server's next audit append failing on a
// duplicate key a CLI command had taken). PostgreSQL guards its data directory with the
// postmaster's pid in `postmaster.pid`; this is the same guard for PGlite: a file `relata.lock` in
// the directory, created exclusively, holding the owner's pid. A lock whose process is gone (a
// crash, a kill -9, a container restarted with the same pid) is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const lockFileName = 'relata.lock';

/** The directories this process holds, so that opening one twice here is refused too. */
const held = new Set<string>();

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly ownerPid: number | undefined) {
    const owner = ownerPid === process.pid ? 'this process' : ownerPid === undefined ? 'another process' : `process ${ownerPid}`;
    super(
      `PGlite data directory ${dataDir} is in use by ${owner} (a running relata server or command): ` +
        'a PGlite directory belongs to one process at a time; stop that process first, or use PostgreSQL ' +
        `(RELATA_DATASTORE_URL=postgres://...) to share a datastore; if no process uses it, delete ${join(dataDir, lockFileName)}`,
    );
    this.name = 'DataDirInUseError';
  }
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory (creating it) for this process; returns the release. DataDirInUseError when another holds it. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  if (held.has(dir)) throw new DataDirInUseError(dir, process.pid);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, lockFileName);
  // Twice at most: once more after removing a stale lock. Two processes taking over the same
  // stale lock at once: one creates the file, the other finds it held.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(dir);
      return () => {
        held.delete(dir);
        if (ownerOf(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      // Our own pid here is a lock left by an earlier process that had it (this one holds no lock on the directory).
      if (owner !== undefined && owner !== process.pid && isRunning(owner)) throw new DataDirInUseError(dir, owner);
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(dir, ownerOf(file));
}
