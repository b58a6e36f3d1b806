// `relata authzen actions get|set|clear` against a PGlite data directory, as an operator runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTypeActions } from '../../../src/cli/commands/authzen.js';
import { silentLogger } from '../../../src/observability/index.js';
import { createRelataService } from '../../../src/service/index.js';
import { createPgliteDatastore } from '../../../src/storage/pglite/index.js';

const run = promisify(execFile);
let dir: string;
let storeId: string;

const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'authzen', 'actions', ...args, '--datastore', `pglite:${dir}`], { timeout: 120_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relata-authzen-cli-'));
  const datastore = await createPgliteDatastore({ dataDir: dir });
  await datastore.migrate();
  storeId = (await createRelataService({ datastore, logger: silentLogger() }).createStore({ name: 'cli-store' })).id;
  await datastore.close();
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('relata authzen actions', () => {
  // Each run boots the CLI and PGlite (seconds on a loaded machine): few runs, the merging of
  // lists is unit-tested below.
  it('sets a type, reads it back, and removes it', async () => {
    expect((await cli('set', storeId, 'doc', 'can_read', 'can_write')).stdout).toBe('doc: can_read can_write\n');
    expect((await cli('get', storeId)).stdout).toBe('doc: can_read can_write\n');
    expect((await cli('set', storeId, 'doc')).stdout).toMatch(/no actions listed/);
  }, 300_000);

  it('fails with a message naming the field, exit code 1', async () => {
    const failure = await cli('set', storeId, 'doc', 'can read').catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringMatching(/relata authzen: invalid types\[0\]\.actions\[0\]/) });
  }, 120_000);
});

describe('withTypeActions', () => {
  it('replaces a type in place, appends a new one, removes on an empty list', () => {
    const current = [
      { type: 'a', actions: ['x'] },
      { type: 'b', actions: ['y'] },
    ];
    expect(withTypeActions(current, 'a', ['z'])).toEqual([
      { type: 'a', actions: ['z'] },
      { type: 'b', actions: ['y'] },
    ]);
    expect(withTypeActions(current, 'c', ['w'])).toEqual([...current, { type: 'c', actions: ['w'] }]);
    expect(withTypeActions(current, 'a', [])).toEqual([{ type: 'b', actions: ['y'] }]);
  });
});
