// The PGlite data directory lock: one holder at a time, in this process or another; a lock whose
// process is gone is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir, lockFileName } from './data-dir-lock.js';

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'relata-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  return child.pid;
}

describe('lockDataDir', () => {
  it('holds the directory for this process until released, and refuses a second open here', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(/in use by this process/);
    release();
    expect(existsSync(join(dir, lockFileName))).toBe(false);
    lockDataDir(dir)();
  });

  it('creates a directory that does not exist yet', () => {
    const dir = join(freshDir(), 'nested', 'data');
    lockDataDir(dir)();
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses a directory held by another running process, naming it and leaving its lock alone', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, lockFileName), `${holder.pid}\n`);
      const error = (() => {
        try {
          lockDataDir(dir);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as Error).message).toContain(`in use by process ${holder.pid}`);
      expect((error as Error).message).toContain(join(dir, lockFileName));
      expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(holder.pid));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // Its holder gone, the lock is stale and taken over.
    lockDataDir(dir)();
  });

  it('takes over a stale lock: a process that is gone, this pid left by an earlier run, or garbage', () => {
    for (const content of [`${deadPid()}\n`, `${process.pid}\n`, 'not a pid', '']) {
      const dir = freshDir();
      writeFileSync(join(dir, lockFileName), content);
      const release = lockDataDir(dir);
      expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(process.pid));
      release();
    }
  });

  it('does not remove a lock another process took after this one released its claim', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    const other = deadPid();
    writeFileSync(join(dir, lockFileName), `${other}\n`);
    release();
    expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(other));
  });
});
