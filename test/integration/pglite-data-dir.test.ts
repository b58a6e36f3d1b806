// A PGlite data directory belongs to one process: a second server, or a CLI command, on the
// directory of a running server is refused with a message naming the holder, instead of writing
// behind the server's back (which failed the server's next audit append with a duplicate key).
// Once the server is gone (killed: its lock is stale), the directory opens again.
import { execFile } from 'node:child_process';
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

function cli(...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/relata.js', ...args], { cwd: repoRoot, env: { ...process.env, RELATA_DATASTORE_URL: datastore }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('a PGlite data directory is opened by one process at a time', () => {
  it('refuses a second server and a CLI command while a server runs, and opens again once it died', { timeout: 300_000 }, async () => {
    const env = { RELATA_DATASTORE_URL: datastore, RELATA_HTTP_ADDR: 'off' };
    const server = await startServer(env, { captureOutput: true });
    try {
      const [second, command] = await Promise.all([runServerToExit(env, 120_000), cli('clients', 'create', '--name', 'first admin', '--scope', '*:admin')]);
      expect(second.timedOut).toBe(false);
      expect(second.code).not.toBe(0);
      expect(second.output).toMatch(/PGlite data directory .* is in use by process \d+/);
      expect(command.status).not.toBe(0);
      expect(command.output).toMatch(/is in use by process \d+/);
    } finally {
      // Killed: its lock stays behind, stale.
      process.kill(server.pid, 'SIGKILL');
      await server.stop();
    }
    expect(existsSync(join(dir, 'relata.lock'))).toBe(true);
    // The next process takes the stale lock over, and gives it back when it closes the directory.
    const created = await cli('clients', 'create', '--name', 'first admin', '--scope', '*:admin');
    expect(created.output).toMatch(/rk_/);
    expect(created.status).toBe(0);
    expect(existsSync(join(dir, 'relata.lock'))).toBe(false);
  });
});
