// A PGlite data directory belongs to one process: a second server, or a CLI command, on the
// directory of a running server is refused with a message naming the holder, instead of writing
// behind the server's back (which failed the server's next audit append with a duplicate key).
// Once the server stops, or is killed, the directory opens again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runServerToExit, startServer } from '../helpers/server-process.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'relata-pglite-dir-'));
const datastore = `pglite:${dir}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['bin/relata.js', ...args], { cwd: repoRoot, env: { ...process.env, RELATA_DATASTORE_URL: datastore }, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('a PGlite data directory is opened by one process at a time', () => {
  it('refuses a second server and a CLI command while a server runs, and opens again once it stops or dies', { timeout: 300_000 }, async () => {
    const env = { RELATA_DATASTORE_URL: datastore, RELATA_HTTP_ADDR: 'off' };
    const server = await startServer(env, { captureOutput: true });
    try {
      const second = await runServerToExit(env, 120_000);
      expect(second.timedOut).toBe(false);
      expect(second.code).not.toBe(0);
      expect(second.output).toMatch(/PGlite data directory .* is in use by process \d+/);

      const command = cli('clients', 'create', '--name', 'first admin', '--scope', '*:admin');
      expect(command.status).not.toBe(0);
      expect(command.output).toMatch(/is in use by process \d+/);
    } finally {
      await server.stop();
    }
    // Stopped: its lock is gone and a command opens the directory.
    expect(existsSync(join(dir, 'relata.lock'))).toBe(false);
    const created = cli('clients', 'create', '--name', 'first admin', '--scope', '*:admin');
    expect(created.output).toMatch(/rk_/);
    expect(created.status).toBe(0);

    // Killed: the lock stays behind, stale, and the next server takes it over.
    const killed = await startServer(env, { captureOutput: true });
    process.kill(killed.pid, 'SIGKILL');
    await killed.stop();
    const next = await startServer(env, { captureOutput: true });
    await next.stop();
  });
});
