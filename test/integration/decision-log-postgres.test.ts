// The decision log's worker path on real PostgreSQL: the worker thread seals each batch and
// appends it over its own connection. Records land in order and the chains verify; close()
// writes what is queued; a datastore error or a crashed worker counts the batch as dropped (with
// a log line) and the log keeps working; a server (relata serve's composition) uses this path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { AuditTrail, verifyAudit, type DecisionEvent } from '../../src/audit/index.js';
import { startRelata } from '../../src/cli/compose.js';
import { decisionLogStore } from '../../src/cli/open-datastore.js';
import { defaultAuditConfig, type AuditConfig } from '../../src/config/audit.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger, type Logger } from '../../src/observability/index.js';
import type { AuditAppenderSpec } from '../../src/storage/audit-repository.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { auditAppenderModule } from '../../src/storage/postgres/audit-appender.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';

const schema = `relata_declog_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const spec: AuditAppenderSpec = { module: auditAppenderModule, options: { connectionString: testDatabaseUrl, schema } };
let datastore: Datastore;

beforeAll(async () => {
  datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 2 });
  await datastore.migrate();
});

afterAll(async () => {
  await datastore?.close();
  await dropTestSchema(schema);
});

function counters() {
  const seen = { written: 0, dropped: new Map<string, number>(), warnings: [] as { obj: Record<string, unknown>; msg: string }[] };
  return {
    seen,
    metrics: {
      decision: () => undefined,
      denialSpike: () => undefined,
      decisionsWritten: (n: number) => void (seen.written += n),
      decisionsDropped: (n: number, why: string) => void seen.dropped.set(why, (seen.dropped.get(why) ?? 0) + n),
    },
    logger: { warn: ((obj: Record<string, unknown>, msg: string) => void seen.warnings.push({ obj, msg })) as Logger['warn'] },
  };
}

const config = (extra: Partial<AuditConfig> = {}): AuditConfig => ({ ...defaultAuditConfig, decisions: 'all', maskKeys: ['token'], ...extra });

function event(storeId: string, i: number): DecisionEvent {
  return {
    operation: i % 5 === 0 ? 'BatchCheck' : 'Check',
    storeId,
    user: `user:${i}`,
    relation: 'viewer',
    object: `doc:${i % 7}`,
    allowed: i % 3 !== 0,
    modelId: '01HMODEL00000000000000000Z',
    cache: 'l1',
    latencyMs: 0.25,
    caller: { principal: { kind: 'client', id: 'c1' }, requestId: `req-${i}`, peerAddress: 'ipv4:10.0.0.1:5000', userAgent: 'test' },
    context: { token: 'secret', day: i },
  };
}

async function decisionsOf(storeId: string) {
  const page = await datastore.queryAudit({ storeId, kind: 'decision' }, { pageSize: 1000 });
  return page.items.reverse();
}

describe('decision log, worker appending to PostgreSQL', () => {
  it('writes every decision in order, masked, on chains that verify', async () => {
    const [a, b] = [ulid(), ulid()];
    const { seen, metrics, logger } = counters();
    const trail = new AuditTrail({ config: config({ decisionBatchSize: 100, decisionFlushMs: 20 }), decisionStore: spec, metrics, logger });
    for (let i = 0; i < 450; i++) trail.decision(event(i % 2 ? a : b, i));
    // A second burst while the first batches are being written.
    await new Promise((resolve) => setTimeout(resolve, 30));
    for (let i = 450; i < 600; i++) trail.decision(event(i % 2 ? a : b, i));
    await trail.close();
    expect(seen.written).toBe(600);
    expect(seen.dropped.size).toBe(0);
    const [recordsA, recordsB] = [await decisionsOf(a), await decisionsOf(b)];
    expect(recordsA.map((r) => (JSON.parse(r.body) as { requestId: string }).requestId)).toEqual(Array.from({ length: 300 }, (_, i) => `req-${2 * i + 1}`));
    expect(recordsB).toHaveLength(300);
    expect(recordsA.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => BigInt(i + 1)));
    expect(recordsA[0]).toMatchObject({ actor: 'client:c1', result: 'allowed', operation: 'Check', subjects: ['user:1'], objects: ['doc:1'] });
    expect(JSON.parse(recordsA[0].body)).toMatchObject({ context: { token: '***', day: 1 }, ip: '10.0.0.1', userAgent: 'test' });
    for (const storeId of [a, b]) for (const report of await verifyAudit(datastore, { storeId })) expect(report.problem).toBeUndefined();
  });

  it('appends after records the main thread wrote to the same chain, and close() writes what is queued', async () => {
    const storeId = ulid();
    const inline = new AuditTrail({ config: config(), repository: datastore });
    for (let i = 0; i < 3; i++) inline.decision(event(storeId, i));
    await inline.close();
    const { seen, metrics, logger } = counters();
    // A flush interval longer than the test: only close() writes.
    const trail = new AuditTrail({ config: config({ decisionFlushMs: 60_000, decisionBatchSize: 1000 }), decisionStore: spec, metrics, logger });
    for (let i = 3; i < 53; i++) trail.decision(event(storeId, i));
    expect(await decisionsOf(storeId)).toHaveLength(3);
    await trail.close();
    expect(seen.written).toBe(50);
    expect((await decisionsOf(storeId)).map((r) => r.seq)).toEqual(Array.from({ length: 53 }, (_, i) => BigInt(i + 1)));
    for (const report of await verifyAudit(datastore, { storeId })) expect(report.problem).toBeUndefined();
    // Closed: later decisions are dropped and counted, never written.
    trail.decision(event(storeId, 99));
    expect(seen.dropped.get('queue-full')).toBe(1);
  });

  it('a datastore error drops and counts the batch with a log line, and the log keeps working', async () => {
    const storeId = ulid();
    const { seen, metrics, logger } = counters();
    const broken: AuditAppenderSpec = { module: auditAppenderModule, options: { connectionString: testDatabaseUrl, schema: `${schema}_missing` } };
    const trail = new AuditTrail({ config: config({ decisionBatchSize: 10 }), decisionStore: broken, metrics, logger });
    for (let i = 0; i < 25; i++) trail.decision(event(storeId, i));
    await trail.flush();
    expect(seen.dropped.get('write-failed')).toBe(25);
    expect(seen.written).toBe(0);
    expect(seen.warnings[0]).toMatchObject({ msg: 'audit: decision log records dropped', obj: { reason: 'write-failed' } });
    expect(String((seen.warnings[0].obj.err as Error).message)).toMatch(/decision log worker/);
    trail.decision(event(storeId, 30));
    await trail.flush();
    expect(seen.dropped.get('write-failed')).toBe(26);
    await trail.close();
    expect(await decisionsOf(storeId)).toEqual([]);
  });

  it('a worker that dies drops and counts its batch, and the next batch gets a new worker', async () => {
    const storeId = ulid();
    const { seen, metrics, logger } = counters();
    const crashing: AuditAppenderSpec = { module: new URL('../helpers/crashing-audit-appender.ts', import.meta.url).href, options: { exitCode: 3 } };
    const trail = new AuditTrail({ config: config({ decisionBatchSize: 10 }), decisionStore: crashing, metrics, logger });
    for (let i = 0; i < 10; i++) trail.decision(event(storeId, i));
    await trail.flush();
    expect(seen.dropped.get('write-failed')).toBe(10);
    expect(String((seen.warnings[0].obj.err as Error).message)).toMatch(/exited with code 3/);
    for (let i = 0; i < 5; i++) trail.decision(event(storeId, i));
    await trail.flush();
    expect(seen.dropped.get('write-failed')).toBe(15);
    await trail.close();
  });
});

describe('a server on PostgreSQL', () => {
  it('logs decisions through the worker path and writes the queued ones at shutdown', async () => {
    const env = { RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_DATASTORE_SCHEMA: schema, RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: 'off', RELATA_SHUTDOWN_TIMEOUT_MS: '2000',
      RELATA_AUDIT_DECISIONS: 'all', RELATA_AUDIT_DECISION_FLUSH_MS: '60000' };
    const serverConfig = loadConfig(env);
    expect(await decisionLogStore(serverConfig.datastore)).toMatchObject({ module: auditAppenderModule });
    const runtime = await startRelata(serverConfig, { logger: silentLogger() });
    const client = createGrpcCaller(`127.0.0.1:${runtime.grpc.port}`);
    let storeId = '';
    try {
      storeId = (await client.call<{ id: string }>('CreateStore', { name: 'declog' })).response.id;
      const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n'));
      await client.call('WriteAuthorizationModel', { store_id: storeId, schema_version: model.schema_version, type_definitions: model.type_definitions });
      for (let i = 0; i < 20; i++) await client.call('Check', { store_id: storeId, tuple_key: { object: 'doc:1', relation: 'viewer', user: `user:${i}` } }, { 'x-request-id': `srv-${i}` });
    } finally {
      client.close();
      await runtime.stop();
    }
    const records = await decisionsOf(storeId);
    expect(records.map((r) => (JSON.parse(r.body) as { requestId: string }).requestId)).toEqual(Array.from({ length: 20 }, (_, i) => `srv-${i}`));
    expect(records[0]).toMatchObject({ actor: 'peer:127.0.0.1', result: 'denied' });
    for (const report of await verifyAudit(datastore, { storeId })) expect(report.problem).toBeUndefined();
  });
});
