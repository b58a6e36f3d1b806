// Seed 003 (schema-examples/multi-tenant) with its expiring grants: Explain names the expiring
// tuples on the path that grants before the instant, and from the instant on explains a denial
// whose tree names no expired tuple. Also the README's claim that an expiring tuple and the
// OpenFGA-compatible condition on `current_time` answer alike before, at and after the instant.
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Engine } from '../../src/engine/index.js';
import type { ExplainNode } from '../../src/engine/index.js';
import { collectTuples, loadStoreModel, readStoreFile } from '../../src/cli/commands/model-test-file.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import type { WriteTupleKey } from '../../src/storage/datastore.js';

const storeFile = resolve(import.meta.dirname, '../../schema-examples/multi-tenant/store.fga.yaml');
const instant = Date.parse('2026-01-02T00:00:00Z');

async function openSeed() {
  const { file } = readStoreFile(storeFile);
  const { model } = loadStoreModel(file!, dirname(storeFile));
  const engine = new Engine(model!);
  const datastore = createMemoryDatastore();
  const storeId = ulid();
  await datastore.createStore({ id: storeId, name: 'seed-003' });
  const writes: WriteTupleKey[] = (await collectTuples(file!, dirname(storeFile))).map((t) => {
    const { expires_at: expiresAt, ...key } = t as typeof t & { expires_at?: string };
    return expiresAt ? { ...key, expiresAt: new Date(expiresAt) } : key;
  });
  await datastore.writeTuples(storeId, { writes, deletes: [], now: new Date(0) });
  return { engine, reader: (nowMs: number) => datastore.tupleReader(storeId, { now: new Date(nowMs) }) };
}

function tuplesOf(node: ExplainNode): string[] {
  const own = node.tuple ? [`${node.tuple.object}#${node.tuple.relation}@${node.tuple.user}`] : [];
  return [...own, ...(node.children ?? []).flatMap(tuplesOf)];
}

describe('seed 003: expiring grants', () => {
  it('are explained on the granting path before the instant and absent from the denial at it', async () => {
    const { engine, reader } = await openSeed();
    const judy = { object: 'resource:invoice-42', relation: 'editor', user: 'user:judy' };
    const before = await engine.explain(reader(instant - 1), judy);
    expect(before.allowed).toBe(true);
    expect(tuplesOf(before.root)).toContain('group:acme-admins#member@user:judy');
    const at = await engine.explain(reader(instant), judy);
    expect(at.allowed).toBe(false);
    expect(at.truncated).toBe(false);
    expect(tuplesOf(at.root).filter((t) => t.endsWith('@user:judy'))).toEqual([]);

    const ivan = { object: 'resource:invoice-42', relation: 'can_view', user: 'user:ivan' };
    expect(tuplesOf((await engine.explain(reader(instant - 1), ivan)).root)).toContain('resource:invoice-42#viewer@user:ivan');
    expect((await engine.explain(reader(instant), ivan)).allowed).toBe(false);
  });

  it('answer as the current_time condition does, at every instant around the expiry', async () => {
    const { engine, reader } = await openSeed();
    for (const offset of [-86_400_000, -1000, -1, 0, 1, 1000, 86_400_000]) {
      const nowMs = instant + offset;
      const current_time = new Date(nowMs).toISOString();
      const byCondition = await engine.check(reader(nowMs), { object: 'resource:invoice-42', relation: 'viewer', user: 'user:frank', context: { current_time } });
      const byExpiry = await engine.check(reader(nowMs), { object: 'resource:invoice-42', relation: 'viewer', user: 'user:ivan' });
      expect(byExpiry.allowed, current_time).toBe(byCondition.allowed);
      expect(byExpiry.allowed, current_time).toBe(offset < 0);
      // The evaluation reports the expiry it depended on (what caps cache entries).
      expect(byExpiry.expiresAt).toBe(offset < 0 ? instant : undefined);
    }
  });
});
