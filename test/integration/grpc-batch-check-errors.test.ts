// BatchCheck item failures read the same with and without the decision cache: one mapping of a
// failure to OpenFGA's CheckError (input_error or internal_error, message), and an internal
// storage failure is internal_error with the generic message, never the driver's text.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { testDatabaseUrl } from '../helpers/services.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const dsl = `model
  schema 1.1
type user
type document
  relations
    define viewer: [user, user with small]
condition small(x: int) {
  x < 10
}
`;

interface Side {
  h: GrpcHarness;
  storeId: string;
}

let cached: Side;
let plain: Side;

async function prepare(h: GrpcHarness): Promise<Side> {
  const storeId = (await h.call<{ id: string }>('CreateStore', { name: 'batch-errors' })).response.id;
  await h.call('WriteAuthorizationModel', { store_id: storeId, ...encodeModel(transformDslToModel(dsl)) });
  await h.call('Write', {
    store_id: storeId,
    writes: {
      tuple_keys: [
        { object: 'document:1', relation: 'viewer', user: 'user:anne' },
        { object: 'document:c', relation: 'viewer', user: 'user:anne', condition: { name: 'small' } },
      ],
    },
  });
  return { h, storeId };
}

beforeAll(async () => {
  const [c, p] = await Promise.all([startGrpcHarness('bc_cached'), startGrpcHarness('bc_plain', { RELATA_CACHE_ENABLED: 'false' })]);
  cached = await prepare(c);
  plain = await prepare(p);
});

afterAll(async () => {
  await Promise.all([cached?.h.close(), plain?.h.close()]);
});

type Results = Record<string, { allowed?: boolean; error?: { input_error?: string; internal_error?: string; message: string } }>;

async function batch(side: Side, checks: { id: string; object: string; relation: string; user: string; context?: object }[]): Promise<Results> {
  const out = await side.h.call<{ result: Results }>('BatchCheck', {
    store_id: side.storeId,
    checks: checks.map((c) => ({ correlation_id: c.id, tuple_key: { object: c.object, relation: c.relation, user: c.user }, context: c.context })),
  });
  // Only the fields that are set: the oneof's name and the message.
  const normalized: Results = {};
  for (const [id, r] of Object.entries(out.response.result)) {
    normalized[id] = r.error
      ? { error: { ...(r.error.input_error && r.error.input_error !== 'no_error' ? { input_error: r.error.input_error } : {}), ...(r.error.internal_error && r.error.internal_error !== 'no_internal_error' ? { internal_error: r.error.internal_error } : {}), message: r.error.message } }
      : { allowed: r.allowed };
  }
  return normalized;
}

const failing = [
  { id: 'ok', object: 'document:1', relation: 'viewer', user: 'user:anne' },
  { id: 'denied', object: 'document:2', relation: 'viewer', user: 'user:anne' },
  { id: 'unknown-relation', object: 'document:1', relation: 'nope', user: 'user:anne' },
  { id: 'unknown-type', object: 'folder:1', relation: 'viewer', user: 'user:anne' },
  { id: 'bad-user', object: 'document:1', relation: 'viewer', user: 'anne' },
  { id: 'missing-context', object: 'document:c', relation: 'viewer', user: 'user:anne' },
  { id: 'with-context', object: 'document:c', relation: 'viewer', user: 'user:anne', context: { fields: { x: { numberValue: 3 } } } },
];

describe('BatchCheck item failures, with and without the cache', () => {
  it('are identical, on a cold and on a warm cache', async () => {
    const withoutCache = await batch(plain, failing);
    const cold = await batch(cached, failing);
    const warm = await batch(cached, failing);
    expect(cold).toEqual(withoutCache);
    expect(warm).toEqual(withoutCache);
    expect(withoutCache.ok).toEqual({ allowed: true });
    expect(withoutCache.denied).toEqual({ allowed: false });
    expect(withoutCache['with-context']).toEqual({ allowed: true });
    for (const id of ['unknown-relation', 'unknown-type', 'bad-user', 'missing-context']) {
      expect(withoutCache[id].error?.input_error, id).toBeTruthy();
      expect(withoutCache[id].error?.internal_error, id).toBeUndefined();
      expect(withoutCache[id].error?.message, id).toBeTruthy();
    }
  });

  it('report a storage failure as internal_error with the generic message, the same way', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    const rename = (from: string, to: string) => Promise.all([cached, plain].map((s) => client.query(`ALTER TABLE "${s.h.schema}"."${from}" RENAME TO "${to}"`)));
    await rename('tuple', 'tuple_away');
    try {
      // Fresh keys, so that the cache cannot answer them.
      const checks = [
        { id: 'x1', object: 'document:fresh1', relation: 'viewer', user: 'user:zed' },
        { id: 'x2', object: 'document:fresh2', relation: 'viewer', user: 'user:zed' },
        { id: 'input', object: 'document:fresh1', relation: 'nope', user: 'user:zed' },
      ];
      const withoutCache = await batch(plain, checks);
      const withCache = await batch(cached, checks);
      expect(withCache).toEqual(withoutCache);
      for (const id of ['x1', 'x2']) {
        expect(withoutCache[id].error?.internal_error, id).toBeTruthy();
        expect(withoutCache[id].error?.input_error, id).toBeUndefined();
        expect(withoutCache[id].error?.message).not.toMatch(/tuple|relation|does not exist|postgres/i);
      }
      expect(withoutCache.input.error?.input_error).toBeTruthy();
    } finally {
      await rename('tuple_away', 'tuple');
      await client.end();
    }
  });
});
