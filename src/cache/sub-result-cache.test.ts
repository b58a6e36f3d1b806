import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine/index.js';
import type { TupleKey } from '../model/index.js';
import { ArrayTupleReader } from '../../test/helpers/array-tuple-reader.js';
import { docsModel } from '../../test/cache/model-fixtures.js';
import { createDecisionCache, type DecisionCache } from './decision-cache.js';
import { InvalidationState } from './invalidation-state.js';

const tk = (s: string): TupleKey => {
  const hash = s.indexOf('#');
  const at = s.indexOf('@');
  return { object: s.slice(0, hash), relation: s.slice(hash + 1, at), user: s.slice(at + 1) };
};

const caches: DecisionCache[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

function setup(options: Parameters<typeof createDecisionCache>[0] = {}) {
  const cache = createDecisionCache(options);
  caches.push(cache);
  const engine = new Engine(docsModel);
  const reader = new ArrayTupleReader(
    ['document:1#parent@folder:x', 'document:2#parent@folder:x', 'folder:x#parent@folder:root', 'folder:root#viewer@group:eng#member', 'group:eng#member@user:anne'].map(tk),
  );
  let revision = 0n;
  const check = (request: string, consistency?: 'HIGHER_CONSISTENCY', minRevision?: bigint) => {
    const { object, relation, user } = tk(request);
    return engine.check(reader, { object, relation, user }, { subResults: cache.subResults('s1', docsModel, { consistency, minRevision }) });
  };
  const write = (writes: string[], deletes: string[] = []) => {
    for (const d of deletes) {
      const t = tk(d);
      const i = reader.tuples.findIndex((x) => `${x.objectType}:${x.objectId}` === t.object && x.relation === t.relation);
      if (i >= 0) reader.tuples.splice(i, 1);
    }
    reader.add(writes.map(tk));
    revision += 1n;
    cache.recordWrite('s1', { revision, tuples: [...writes, ...deletes].map(tk) });
    return revision;
  };
  return { cache, reader, check, write };
}

describe('sub-result reuse', () => {
  it("lets a deep check reuse a folder's viewers settled by an earlier check", async () => {
    const { cache, reader, check } = setup();
    expect((await check('document:1#viewer@user:anne')).allowed).toBe(true);
    const readsAfterFirst = reader.reads;
    const stored = cache.subResultStats().stored;
    expect(stored).toBeGreaterThan(2);
    // document:2 shares folder:x: its walk stops at folder:x#viewer@user:anne.
    expect((await check('document:2#viewer@user:anne')).allowed).toBe(true);
    expect(cache.subResultStats().hits).toBeGreaterThan(0);
    expect(reader.reads - readsAfterFirst).toBeLessThan(readsAfterFirst);
  });

  it('never serves a sub-result past a write that may change it', async () => {
    const { cache, check, write } = setup();
    expect((await check('document:1#viewer@user:anne')).allowed).toBe(true);
    // Revoking the group membership crosses objects (a userset grant): folder viewers fall relation-wide.
    write([], ['group:eng#member@user:anne']);
    expect((await check('document:2#viewer@user:anne')).allowed).toBe(false);
    expect((await check('document:1#viewer@user:anne')).allowed).toBe(false);
    write(['group:eng#member@user:anne']);
    expect((await check('document:2#viewer@user:anne')).allowed).toBe(true);
    // Moving the folder: a parent write on folder:x.
    write([], ['folder:x#parent@folder:root']);
    expect((await check('document:1#viewer@user:anne')).allowed).toBe(false);
    expect(cache.subResultStats().hits).toBeGreaterThan(0);
  });

  it('reads nothing for HIGHER_CONSISTENCY nor for a newer token, but still stores', async () => {
    const { cache, check, write } = setup();
    await check('document:1#viewer@user:anne');
    const hits = cache.subResultStats().hits;
    await check('document:1#viewer@user:anne', 'HIGHER_CONSISTENCY');
    expect(cache.subResultStats().hits).toBe(hits);
    const token = write(['invoice:1#approver@user:bob']);
    await check('document:2#viewer@user:anne', undefined, token);
    expect(cache.subResultStats().hits).toBe(hits);
  });

  it('stays within its bound and can be turned off', async () => {
    const bounded = setup({ subResultMaxEntries: 2 });
    for (const id of ['1', '2']) await bounded.check(`document:${id}#viewer@user:anne`);
    expect(bounded.cache.subResultStats().entries).toBeLessThanOrEqual(2);
    const off = setup({ subResultMaxEntries: 0 });
    expect(off.cache.subResults('s1', docsModel)).toBeUndefined();
    expect(() => setup({ subResultMaxEntries: -1 })).toThrow(/subResultMaxEntries/);
  });

  it('never serves an entry past its expiry bound', () => {
    let now = 1_000;
    const state = new InvalidationState({ stalenessBoundMs: 1_000, storeIdleMs: 60_000, localOnly: true, objectFloorMaxEntries: 10, now: () => now });
    state.useModel('s1', docsModel);
    const entry = { allowed: true, revision: 0n, computedAt: 1_000, expiresAt: 1_500 };
    expect(state.isServable('s1', docsModel.id, 'folder#viewer', 'x', entry)).toBe(true);
    now = 1_500;
    expect(state.isServable('s1', docsModel.id, 'folder#viewer', 'x', entry)).toBe(false);
  });
});
