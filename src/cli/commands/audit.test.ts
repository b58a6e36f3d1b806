// `relata audit query --global`: the store-less records (API client changes, chain `c:`) from the
// datastore of --datastore, as the relata.v1 call without a store_id returns them; exactly one
// of --store and --global.
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditTrail } from '../../audit/index.js';
import { createPostgresDatastore } from '../../storage/postgres/index.js';
import type { Datastore } from '../../storage/datastore.js';
import { dropTestSchema, testDatabaseUrl } from '../../../test/helpers/services.js';
import { registerAuditCommands } from './audit.js';

const schema = `relata_cli_audit_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const storeId = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
let datastore: Datastore;

/** Runs `relata audit …` against the test schema, capturing stdout / stderr lines and the exit code. */
async function relata(args: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  // `export` writes JSON lines straight to stdout.
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  const program = new Command('relata').exitOverride();
  registerAuditCommands(program);
  const before = { exitCode: process.exitCode, schema: process.env.RELATA_DATASTORE_SCHEMA };
  process.exitCode = 0;
  process.env.RELATA_DATASTORE_SCHEMA = schema;
  try {
    await program.parseAsync(['node', 'relata', 'audit', ...args, '--datastore', testDatabaseUrl]);
    return { out, err, code: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before.exitCode;
    if (before.schema === undefined) delete process.env.RELATA_DATASTORE_SCHEMA;
    else process.env.RELATA_DATASTORE_SCHEMA = before.schema;
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

beforeAll(async () => {
  datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
  await datastore.migrate();
  const trail = new AuditTrail();
  await datastore.appendAudit([trail.change(undefined, 'CreateApiClient', undefined, { clientId: 'client-1', name: 'ci' }), trail.change(storeId, 'CreateStore', undefined, { name: 'a store' })]);
});

afterAll(async () => {
  await datastore?.close();
  await dropTestSchema(schema);
});

describe('relata audit query', () => {
  it('--global prints the store-less records only; --store the store\'s', async () => {
    const global = await relata(['query', '--global', '--format', 'json']);
    expect(global.code).toBe(0);
    const records = JSON.parse(global.out.join('\n')) as { storeId: string; operation: string; record: { clientId?: string } }[];
    expect(records.map((r) => [r.storeId, r.operation, r.record.clientId])).toEqual([['', 'CreateApiClient', 'client-1']]);
    const store = await relata(['query', '--store', storeId, '--format', 'json']);
    expect((JSON.parse(store.out.join('\n')) as { operation: string }[]).map((r) => r.operation)).toEqual(['CreateStore']);
    const exported = await relata(['export', '--global']);
    expect(exported.out.map((line) => (JSON.parse(line) as { operation: string }).operation)).toEqual(['CreateApiClient']);
  });

  it('needs exactly one of --store and --global, and a valid store id', async () => {
    for (const args of [['query'], ['query', '--global', '--store', storeId], ['report'], ['query', '--store', '']]) {
      const run = await relata(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err.join('\n')).toMatch(/--store/);
    }
  });
});
