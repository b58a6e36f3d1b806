// Hostile writes against the closure index over a real gRPC server on PostgreSQL (issue 18
// follow-up): a chain of 300 nested teams written one edge per Write, each under the chain's
// tail (every write would recompute every source above it), and a dense group graph. Each Write
// sends a bounded number of maintenance statements (counted, not timed), the kind goes stale
// instead of growing the work, Check answers stay right, and a rebuild clears the mark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startRelata } from '../../src/cli/compose.js';
import type { RelataRuntime } from '../../src/cli/compose.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { defaultClosureMaxWorkPerWrite } from '../../src/storage/sql/sql-closure-index.js';
import type { SqlDatastore } from '../../src/storage/sql/sql-datastore.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import type { GrpcCaller } from '../helpers/grpc-caller.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';
import { estimateOf, isClosureMaintenance, loggedPostgresDatastore, StatementLog } from '../helpers/statement-log.js';

const schema = `relata_closure_bound_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const log = new StatementLog();
let datastore: SqlDatastore;
let runtime: RelataRuntime;
let h: GrpcCaller;

beforeAll(async () => {
  datastore = loggedPostgresDatastore(schema, log);
  const config = loadConfig({ RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: '127.0.0.1:0', RELATA_SHUTDOWN_TIMEOUT_MS: '2000', RELATA_CLOSURE_INDEX: 'on' });
  runtime = await startRelata(config, { datastore, logger: silentLogger() });
  h = createGrpcCaller(`127.0.0.1:${runtime.grpc.port}`);
});

afterAll(async () => {
  h?.close();
  await runtime?.stop();
  await dropTestSchema(schema);
});

async function newStore(name: string): Promise<string> {
  const store = (await h.call<{ id: string }>('CreateStore', { name })).response.id;
  const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype team\n  relations\n    define member: [user, team#member]\n'));
  await h.call('WriteAuthorizationModel', { store_id: store, schema_version: model.schema_version, type_definitions: model.type_definitions });
  return store;
}

const nest = (from: number, to: number) => ({ object: `team:t${from}`, relation: 'member', user: `team:t${to}#member` });

/** Sends one Write and returns the closure maintenance statements it cost. */
async function write(store: string, body: object) {
  const mark = log.statements.length;
  await h.call('Write', { store_id: store, ...body });
  return log.since(mark).filter(isClosureMaintenance);
}

async function check(store: string, object: string, user: string): Promise<boolean> {
  const { response } = await h.call<{ allowed: boolean }>('Check', { store_id: store, tuple_key: { object, relation: 'member', user }, consistency: 'HIGHER_CONSISTENCY' });
  return response.allowed;
}

describe('closure maintenance under hostile writes (gRPC, PostgreSQL)', () => {
  it('a chain of 300 written under its tail: at most 5 maintenance statements a write, 2 once stale; Check right before and after a rebuild', { timeout: 180_000 }, async () => {
    const store = await newStore('chain');
    await h.call('Write', { store_id: store, writes: { tuple_keys: [{ object: 'team:t300', relation: 'member', user: 'user:anne' }] } });
    let maintainedWork = 0;
    let staleWrites = 0;
    for (let i = 0; i < 300; i++) {
      const statements = await write(store, { writes: { tuple_keys: [nest(i, i + 1)] } });
      expect(statements.length).toBeLessThanOrEqual(5);
      const estimate = statements.map(estimateOf).find((e) => e !== undefined);
      if (estimate?.sources === 0) staleWrites++;
      else if (statements.some((s) => /WITH RECURSIVE src/.test(s.text))) {
        expect(estimate!.work).toBeLessThanOrEqual(defaultClosureMaxWorkPerWrite);
        maintainedWork += estimate!.work;
      }
      if (estimate?.sources === 0) expect(statements).toHaveLength(2);
    }
    // Stale from about the 100th write (k sources, k²/2 rows dropped, as many edges read); without
    // the bound the last write alone would recompute 300 sources (about 90,000 rows and reads).
    expect(staleWrites).toBeGreaterThanOrEqual(190);
    expect(maintainedWork).toBeLessThan(100 * defaultClosureMaxWorkPerWrite);
    const answers = async () => [await check(store, 'team:t285', 'user:anne'), await check(store, 'team:t299', 'user:zoe'), await check(store, 'team:t290', 'team:t295#member')];
    expect(await answers()).toEqual([true, false, true]);
    const [rebuilt] = await datastore.rebuildClosureIndex(store);
    expect(rebuilt?.rows).toBe((301 * 300) / 2);
    expect(await datastore.tupleReader(store).readClosure?.({ edge: { objectType: 'team', relation: 'member', userRelation: 'member' }, objectIds: ['t0'] })).toBeDefined();
    expect(await answers()).toEqual([true, false, true]);
  });

  it('a dense graph of 30 teams, 870 edges in Writes of 100: bounded statements, Check right', { timeout: 60_000 }, async () => {
    const store = await newStore('dense');
    await h.call('Write', { store_id: store, writes: { tuple_keys: [{ object: 'team:t29', relation: 'member', user: 'user:anne' }] } });
    const edges = Array.from({ length: 30 * 30 }, (_, k) => [Math.floor(k / 30), k % 30]).filter(([a, b]) => a !== b).map(([a, b]) => nest(a!, b!));
    for (let k = 0; k < edges.length; k += 100) {
      const statements = await write(store, { writes: { tuple_keys: edges.slice(k, k + 100) } });
      expect(statements.length).toBeLessThanOrEqual(5);
    }
    expect(await check(store, 'team:t0', 'user:anne')).toBe(true);
    expect(await check(store, 'team:t0', 'user:bob')).toBe(false);
    expect(await check(store, 'team:t3', 'team:t17#member')).toBe(true);
  });
});
