// Tokens come from callers, so they are signed and bounded. End to end through the service layer:
// two replicas (service + L1/Redis decision cache each, own PostgreSQL pool) on one real
// PostgreSQL schema and the real Redis, wired as the composition root wires them.
//  - the attack: forged consistency tokens (revision + 1, far ahead, edited signature, another
//    store, another key, signed but ahead of the store) are refused with INVALID_ARGUMENT and
//    never pin the cache: after the revoke, Check answers false within the staleness bound;
//  - edited or misused Read / ReadChanges / ListObjectsPage continuation tokens are refused with
//    InvalidContinuationToken, including one rewound to before a revoke;
//  - revisions outside int64 are INVALID_ARGUMENT, never INTERNAL;
//  - the generated key lives in the datastore: shared by the replicas, kept across a restart;
//    RELATA_TOKEN_SECRET (tokenSecret) overrides it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionCache, type DecisionCache } from '../../src/cache/index.js';
import { startRelata } from '../../src/cli/compose.js';
import { loadConfig } from '../../src/config/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createChangeFeed, createRelataService, type RelataService } from '../../src/service/index.js';
import { TokenSigner } from '../../src/service/signed-token.js';
import { tokenSecretSetting } from '../../src/service/tokens.js';
import { encodeRevisionToken, encodeToken } from '../../src/storage/continuation-token.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { tk, waitFor } from '../cache/harness.js';
import { docsModel } from '../cache/model-fixtures.js';
import { failureCode } from '../helpers/failure-code.js';
import { dropTestRedisKeys, dropTestSchema, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';

const run = randomUUID().slice(0, 8);
const schema = `relata_tokens_${run}`;
const prefix = `relata:test-tokens-${run}:`;
const boundMs = 1_000;
/** Slack on top of the bound for a loaded 2-core machine. */
const marginMs = 4_000;
const secret = 'an-operator-chosen-secret-0123456789abcdef';

const datastores: Datastore[] = [];
const caches: DecisionCache[] = [];

async function openDatastore(): Promise<Datastore> {
  const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 });
  datastores.push(datastore);
  return datastore;
}

function replica(datastore: Datastore, tokenSecret?: string): { service: RelataService; cache: DecisionCache } {
  const cache = createDecisionCache({ redisUrl: testRedisUrl, redisKeyPrefix: prefix, stalenessBoundMs: boundMs }, { feed: createChangeFeed(datastore) });
  caches.push(cache);
  return { cache, service: createRelataService({ datastore, logger: silentLogger(), cache, tokenSecret }) };
}

/** The key the replicas share, as someone who stole it (or restored an old database) would have it. */
async function leakedSigner(datastore: Datastore): Promise<TokenSigner> {
  return new TokenSigner(Buffer.from(await datastore.ensureSetting(tokenSecretSetting, 'not-used'), 'utf8'));
}

/** `token` with bit `bit` of byte `index` flipped (negative index: from the end). */
function flip(token: string, index: number, bit = 0): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[(index + bytes.length) % bytes.length] ^= 1 << bit;
  return bytes.toString('base64url');
}

let a: ReturnType<typeof replica>;
let b: ReturnType<typeof replica>;
let storeId: string;
let otherStoreId: string;

beforeAll(async () => {
  const [dsA, dsB] = await Promise.all([openDatastore(), openDatastore()]);
  // Both "replicas" start at once on an empty database: one migration, one key.
  await Promise.all([dsA.migrate(), dsB.migrate()]);
  a = replica(dsA);
  b = replica(dsB);
  await Promise.all([a.service.tokensReady(), b.service.tokensReady()]);
  await waitFor(() => [a, b].every(({ cache }) => cache.status().subscribed && cache.status().heartbeatAgeMs !== undefined), 5_000);
  const { id: _ignored, ...model } = docsModel;
  storeId = (await a.service.createStore({ name: 'tokens-e2e' })).id;
  otherStoreId = (await a.service.createStore({ name: 'tokens-other' })).id;
  await a.service.writeAuthorizationModel({ storeId, model });
  await a.service.writeAuthorizationModel({ storeId: otherStoreId, model });
}, 30_000);

afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  await Promise.all(datastores.map((datastore) => datastore.close()));
  await dropTestSchema(schema);
  await dropTestRedisKeys(prefix);
});

describe('consistency tokens', () => {
  it('forged tokens are INVALID_ARGUMENT on every replica and never keep a revoked grant alive', async () => {
    const anne = { storeId, tupleKey: { object: 'document:1', relation: 'viewer', user: 'user:anne' } };
    const { consistencyToken: real } = await a.service.write({ storeId, writes: { tupleKeys: [tk('document:1#viewer@user:anne')] } });
    const revision = await datastores[0].currentRevision(storeId);
    const leaked = await leakedSigner(datastores[0]);
    const otherKey = new TokenSigner(Buffer.from('somebody-elses-key-0123456789abcdefgh', 'utf8'));
    const { consistencyToken: otherStoreToken } = await a.service.write({ storeId: otherStoreId, writes: { tupleKeys: [tk('document:1#viewer@user:anne')] } });
    const forged: Record<string, string> = {
      'bare revision + 1 (the old format)': String(revision + 1n),
      'bare revision far ahead': '9223372036854775807',
      'edited signature': flip(real, -1),
      'edited revision': flip(real, 2),
      'truncated': real.slice(0, -2),
      'another store': otherStoreToken,
      'another key': otherKey.sign('consistency', storeId, Buffer.from(String(revision + 1n))),
      // Only with the real key (a leaked secret, a restored database): refused as ahead of the store.
      'signed, revision + 1': leaked.sign('consistency', storeId, Buffer.from(String(revision + 1n))),
      'signed, far ahead': leaked.sign('consistency', storeId, Buffer.from('9223372036854775807')),
      'signed, outside int64': leaked.sign('consistency', storeId, Buffer.from('99999999999999999999')),
    };
    for (const r of [a, b]) {
      expect((await r.service.check({ ...anne, consistencyToken: real })).allowed).toBe(true);
      for (const [what, consistencyToken] of Object.entries(forged)) {
        const error = await r.service.check({ ...anne, consistencyToken }).then(
          () => undefined,
          (e: unknown) => e as { code: number; message: string; name: string },
        );
        expect({ what, code: error?.code, name: error?.name }).toEqual({ what, code: ErrorCode.ValidationError, name: 'ValidationError' });
        expect(error?.message).toMatch(/consistency_token/);
        expect(await failureCode(r.service.batchCheck({ storeId, checks: [{ correlationId: 'c1', tupleKey: anne.tupleKey }], consistencyToken }))).toBe(ErrorCode.ValidationError);
        expect(await failureCode(r.service.read({ storeId, consistencyToken }))).toBe(ErrorCode.ValidationError);
      }
      // Cached (L1 and Redis) without a token too.
      expect((await r.service.check(anne)).allowed).toBe(true);
    }

    const start = performance.now();
    const { consistencyToken: revoke } = await a.service.write({ storeId, deletes: { tupleKeys: [tk('document:1#viewer@user:anne')] } });
    expect((await b.service.check({ ...anne, consistencyToken: revoke })).allowed).toBe(false);
    for (const r of [a, b]) {
      await waitFor(async () => !(await r.service.check(anne)).allowed && !(await r.service.check({ ...anne, consistencyToken: real })).allowed, boundMs + marginMs, 5);
    }
    const lag = performance.now() - start;
    // And it stays revoked: nothing stamped far ahead is served later.
    for (const r of [a, b]) {
      expect((await r.service.check(anne)).allowed).toBe(false);
      expect((await r.service.check({ ...anne, consistencyToken: real })).allowed).toBe(false);
    }
    console.log(`[tokens] both replicas denied the revoked tuple ${lag.toFixed(1)} ms after the write (forged tokens refused)`);
  });

  it('a token from a write on one replica is accepted at once on the other (one datastore read when it is ahead there)', async () => {
    const { consistencyToken } = await b.service.write({ storeId, writes: { tupleKeys: [tk('document:2#viewer@user:bob')] } });
    const bob = { storeId, tupleKey: { object: 'document:2', relation: 'viewer', user: 'user:bob' }, consistencyToken };
    expect((await a.service.check(bob)).allowed).toBe(true);
    expect((await a.service.listObjects({ storeId, type: 'document', relation: 'viewer', user: 'user:bob', consistencyToken })).objects).toEqual(['document:2']);
  });
});

describe('continuation tokens', () => {
  it('Read: a token works on every replica, an edited or misused one is InvalidContinuationToken', async () => {
    await a.service.write({ storeId, writes: { tupleKeys: ['3', '4', '5'].map((i) => tk(`document:${i}#viewer@user:carl`)) } });
    const first = await a.service.read({ storeId, tupleKey: { object: 'document:', user: 'user:carl' }, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    const second = await b.service.read({ storeId, tupleKey: { object: 'document:', user: 'user:carl' }, pageSize: 1, continuationToken: first.continuationToken });
    expect(second.items[0].key.object).toBe('document:4');
    const token = first.continuationToken;
    const refused = [
      flip(token, -1),
      flip(token, 3),
      token.slice(0, -1),
      // The old, unsigned format: a caller could write any key into it.
      encodeToken('tuples', ['document', '0', 'viewer', 'user', 'carl', '']),
      'x'.repeat(6000),
    ];
    for (const continuationToken of refused) {
      expect(await failureCode(b.service.read({ storeId, pageSize: 1, continuationToken }))).toBe(ErrorCode.InvalidContinuationToken);
    }
    expect(await failureCode(a.service.read({ storeId: otherStoreId, pageSize: 1, continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(a.service.readChanges({ storeId, pageSize: 1, continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(a.service.readAuthorizationModels({ storeId, pageSize: 1, continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(a.service.listStores({ pageSize: 1, continuationToken: token }))).toBe(ErrorCode.InvalidContinuationToken);
  });

  it('ReadChanges: cannot be rewound or moved to another store; a revision outside int64 is InvalidContinuationToken', async () => {
    const first = await a.service.readChanges({ storeId, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    const next = await b.service.readChanges({ storeId, pageSize: 100, continuationToken: first.continuationToken });
    expect(next.items.length).toBeGreaterThan(0);
    // Polling with a caught-up token keeps it.
    const caughtUp = await b.service.readChanges({ storeId, pageSize: 100, continuationToken: next.continuationToken });
    expect(caughtUp).toEqual({ items: [], continuationToken: next.continuationToken });
    const leaked = await leakedSigner(datastores[0]);
    for (const continuationToken of [
      encodeRevisionToken(0n),
      flip(first.continuationToken, -2),
      leaked.sign('changes', storeId, Buffer.from(encodeToken('changes', ['99999999999999999999']), 'base64url')),
      leaked.sign('changes', storeId, Buffer.from(encodeToken('changes', ['9223372036854775808']), 'base64url')),
    ]) {
      expect(await failureCode(a.service.readChanges({ storeId, pageSize: 1, continuationToken }))).toBe(ErrorCode.InvalidContinuationToken);
    }
    expect(await failureCode(a.service.readChanges({ storeId: otherStoreId, pageSize: 1, continuationToken: first.continuationToken }))).toBe(
      ErrorCode.InvalidContinuationToken,
    );
    expect(await failureCode(a.service.read({ storeId, pageSize: 1, continuationToken: first.continuationToken }))).toBe(ErrorCode.InvalidContinuationToken);
  });

  it('ListObjectsPage: a token cannot be edited to read the list as it was before a revoke', async () => {
    const docs = ['10', '11', '12', '13'].map((i) => `document:${i}`);
    await a.service.write({ storeId, writes: { tupleKeys: docs.map((d) => tk(`${d}#viewer@user:dana`)) } });
    const query = { storeId, type: 'document', relation: 'viewer', user: 'user:dana', pageSize: 2 };
    const first = await a.service.listObjectsPage(query);
    expect(first.objects).toEqual(docs.slice(0, 2));
    await a.service.write({ storeId, deletes: { tupleKeys: [tk('document:13#viewer@user:dana')] } });
    const fresh = await b.service.listObjectsPage(query);
    expect(fresh.objects).toEqual(docs.slice(0, 2));
    // The signed token of the fresh listing, with its revision edited back to the first one's.
    const payload = Buffer.from(fresh.continuationToken, 'base64url');
    const rewound = Buffer.from(payload.toString('latin1').replace(String(fresh.revision), String(first.revision)), 'latin1').toString('base64url');
    const leaked = await leakedSigner(datastores[0]);
    // The fresh token's own fields (version, kind | JSON | tag), re-signed with another revision.
    const fields = JSON.parse(payload.subarray(2, -16).toString('utf8')) as string[];
    expect(fields[1]).toBe(String(fresh.revision));
    const inner = (revision: string) => Buffer.from(JSON.stringify([fields[0], revision, ...fields.slice(2)]), 'utf8');
    // With the real key, the rewind itself would be accepted: the signature is what refuses it.
    expect((await b.service.listObjectsPage({ ...query, continuationToken: leaked.sign('page', storeId, inner(String(first.revision))) })).objects).toEqual(docs.slice(2, 4));
    for (const continuationToken of [
      rewound,
      flip(fresh.continuationToken, -1),
      flip(fresh.continuationToken, 5),
      // The old, unsigned format.
      Buffer.from(JSON.stringify([fields[0], String(first.revision), ...fields.slice(2)])).toString('base64url'),
    ]) {
      expect(await failureCode(b.service.listObjectsPage({ ...query, continuationToken }))).toBe(ErrorCode.InvalidContinuationToken);
    }
    // Even with the real key, a revision outside int64 is INVALID_ARGUMENT, not INTERNAL.
    const overflow = leaked.sign('page', storeId, inner('99999999999999999999'));
    expect(await failureCode(b.service.listObjectsPage({ ...query, continuationToken: overflow }))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(b.service.listObjectsPage({ ...query, storeId: otherStoreId, continuationToken: fresh.continuationToken }))).toBe(
      ErrorCode.InvalidContinuationToken,
    );
    // The genuine tokens page on either replica.
    expect((await b.service.listObjectsPage({ ...query, continuationToken: first.continuationToken })).objects).toEqual(docs.slice(2, 4));
    expect((await a.service.listObjectsPage({ ...query, continuationToken: fresh.continuationToken })).objects).toEqual([docs[2]]);
  });
});

describe('the signing key', () => {
  it('is generated once, kept in the datastore across a restart, and RELATA_TOKEN_SECRET overrides it', async () => {
    const { consistencyToken } = await a.service.write({ storeId, writes: { tupleKeys: [tk('document:20#viewer@user:erin')] } });
    const erin = { storeId, tupleKey: { object: 'document:20', relation: 'viewer', user: 'user:erin' }, consistencyToken };
    // A restart: a new process on the same database.
    const restarted = createRelataService({ datastore: await openDatastore(), logger: silentLogger() });
    expect((await restarted.check(erin)).allowed).toBe(true);
    const stored = await datastores[0].ensureSetting(tokenSecretSetting, 'ignored');
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // With RELATA_TOKEN_SECRET set, tokens of the stored key are refused and the set key is used.
    const withSecret = createRelataService({ datastore: await openDatastore(), logger: silentLogger(), tokenSecret: secret });
    const withSecretToo = createRelataService({ datastore: await openDatastore(), logger: silentLogger(), tokenSecret: secret });
    expect(await failureCode(withSecret.check(erin))).toBe(ErrorCode.ValidationError);
    const { consistencyToken: own } = await withSecret.write({ storeId, writes: { tupleKeys: [tk('document:21#viewer@user:erin')] } });
    expect((await withSecretToo.check({ ...erin, tupleKey: { ...erin.tupleKey, object: 'document:21' }, consistencyToken: own })).allowed).toBe(true);
    expect(await failureCode(restarted.check({ ...erin, consistencyToken: own }))).toBe(ErrorCode.ValidationError);
    expect(await datastores[0].ensureSetting(tokenSecretSetting, 'ignored')).toBe(stored);
  });
});

describe('RELATA_TOKEN_SECRET through the composition root', () => {
  it('servers started with the same secret accept each other\'s tokens; one without it does not', async () => {
    const env = { RELATA_DATASTORE_URL: 'memory', RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: '127.0.0.1:0', RELATA_CACHE_ENABLED: 'false' };
    const datastore = await openDatastore();
    const start = (extra: Record<string, string> = {}) => startRelata(loadConfig({ ...env, ...extra }), { datastore, logger: silentLogger() });
    const [one, two, plain] = [await start({ RELATA_TOKEN_SECRET: secret }), await start({ RELATA_TOKEN_SECRET: secret }), await start()];
    try {
      const { consistencyToken } = await one.service.write({ storeId, writes: { tupleKeys: [tk('document:30#viewer@user:finn')] } });
      const finn = { storeId, tupleKey: { object: 'document:30', relation: 'viewer', user: 'user:finn' }, consistencyToken };
      expect((await two.service.check(finn)).allowed).toBe(true);
      expect(await failureCode(plain.service.check(finn))).toBe(ErrorCode.ValidationError);
    } finally {
      // The datastore is the test's (closed in afterAll): stop only the servers' own parts.
      await Promise.all([one, two, plain].map(async (runtime) => {
        await runtime.grpc.stop(0);
        await runtime.ops?.close();
      }));
    }
  });
});
