import { describe, expect, it } from 'vitest';
import { crossingDocsModel, docsModel } from '../../test/cache/model-fixtures.js';
import type { CacheEntry } from './cache-entry.js';
import { InvalidationState, maxObjectsPerRelation, writtenRelations, type WrittenRelation } from './invalidation-state.js';

const store = 'store-1';
const bound = 1_000;

function setup(localOnly = false, objectFloorMaxEntries = 1_000) {
  const clock = { now: 10_000 };
  const state = new InvalidationState({ stalenessBoundMs: bound, storeIdleMs: 60_000, localOnly, objectFloorMaxEntries, now: () => clock.now });
  state.useModel(store, docsModel);
  const entry = (revision: bigint, computedAt = clock.now): CacheEntry => ({ allowed: true, revision, computedAt });
  const servable = (e: CacheEntry, relation = 'document#viewer', min?: bigint, objectId = '1') => state.isServable(store, docsModel.id, relation, objectId, e, min);
  /** Whether `e` may answer for `type:id#relation`. */
  const servableFor = (e: CacheEntry, target: string) => {
    const [object, relation] = target.split('#');
    const [type, id] = object.split(':');
    return state.isServable(store, docsModel.id, `${type}#${relation}`, id, e);
  };
  return { clock, state, entry, servable, servableFor };
}

/** A write of `type#relation` on the given object ids (none = relation-wide). */
const w = (relation: string, ...objectIds: string[]): WrittenRelation => (objectIds.length ? { relation, objectIds } : { relation });

describe('InvalidationState', () => {
  it('rejects an entry older than a write to a relation it depends on, and only those', () => {
    const { state, entry, servable } = setup(true);
    const e = entry(5n);
    state.applyWrite(store, 6n, [w('group#member', 'eng')]);
    expect(servable(e, 'document#viewer')).toBe(false);
    expect(servable(e, 'invoice#approver')).toBe(true);
    expect(servable(entry(6n), 'document#viewer')).toBe(true);
  });

  it('never serves an entry older than the consistency token', () => {
    const { entry, servable } = setup(true);
    expect(servable(entry(5n), 'invoice#approver', 6n)).toBe(false);
    expect(servable(entry(6n), 'invoice#approver', 6n)).toBe(true);
  });

  it('stamps evaluations with the known revision or the newer token', () => {
    const { state } = setup(true);
    state.applyWrite(store, 7n, [w('invoice#approver', '9')]);
    expect(state.stampRevision(store)).toBe(7n);
    expect(state.stampRevision(store, 9n)).toBe(9n);
    expect(state.stampRevision(store, 3n)).toBe(7n);
  });

  it('a store-wide invalidation drops entries computed before it', () => {
    const { clock, state, entry, servable } = setup(true);
    const e = entry(1n);
    clock.now += 1;
    state.applyStoreWide(store);
    expect(servable(e)).toBe(false);
    expect(servable(entry(1n))).toBe(true);
  });

  it('without confirmed invalidation state, serves only entries younger than the bound', () => {
    const { clock, entry, servable } = setup(false);
    const e = entry(0n);
    clock.now += bound;
    expect(servable(e)).toBe(true);
    clock.now += 1;
    expect(servable(e)).toBe(false);
  });

  it('a changelog poll confirms the state for the bound; entries before the baseline stay untrusted', () => {
    const { clock, state, entry, servable } = setup(false);
    const before = entry(3n);
    clock.now += 1;
    state.completePoll(store, clock.now, 4n); // first poll: baseline 4
    const after = entry(4n);
    clock.now += bound + 1;
    expect(servable(before)).toBe(false);
    expect(servable(after)).toBe(false); // poll too old now
    state.completePoll(store, clock.now, 4n);
    expect(servable(after)).toBe(true);
    expect(state.storesToPoll(30_000)).toEqual([store]); // no pub/sub: keep polling
  });

  it('the first poll distrusts young entries below the baseline computed before it (writes it never saw)', () => {
    const { clock, state, entry, servable } = setup(false);
    const before = entry(0n);
    clock.now += 10;
    state.completePoll(store, clock.now - 5, 4n, clock.now);
    expect(servable(before)).toBe(false);
    expect(servable(entry(4n))).toBe(true);
    expect(servable(entry(0n))).toBe(true); // computed after the baseline was read: saw it all
  });

  it('pub/sub heartbeats confirm entries computed after the subscription went live', () => {
    const { clock, state, entry, servable } = setup(false);
    const early = entry(0n);
    clock.now += 10;
    state.subscriptionStarted(clock.now);
    const late = entry(0n);
    clock.now += bound + 100;
    state.heartbeatReceived(clock.now - 50);
    expect(servable(late)).toBe(true);
    expect(servable(early)).toBe(false);
    state.subscriptionLost();
    expect(servable(late)).toBe(false);
  });

  it('a model registered later does not trust entries from before its registration', () => {
    const { clock, state, entry } = setup(false);
    state.subscriptionStarted(clock.now);
    const other = { ...docsModel, id: '01JOTHERMODEL0000000000001' };
    clock.now += 10;
    const e = entry(0n);
    clock.now += bound + 1;
    state.heartbeatReceived(clock.now);
    state.useModel(store, other);
    expect(state.isServable(store, other.id, 'document#viewer', '1', e)).toBe(false);
    expect(state.isServable(store, docsModel.id, 'document#viewer', '1', e)).toBe(true);
  });

  it('forgets idle stores, after which nothing of theirs is served', () => {
    const { clock, state, entry, servable } = setup(true);
    const e = entry(0n);
    clock.now += 60_001;
    expect(state.storesToPoll(30_000)).toEqual([]);
    expect(servable(e)).toBe(false);
  });

  it('a write that stays on its object invalidates that object only', () => {
    const { state, entry, servableFor } = setup(true);
    const e = entry(5n);
    state.applyWrite(store, 6n, [w('document#owner', 'a')]);
    for (const target of ['document:a#viewer', 'document:a#owner', 'document:a#can_view', 'document:a#can_share']) expect(servableFor(e, target), target).toBe(false);
    for (const target of ['document:b#viewer', 'document:b#owner', 'document:b#can_view', 'folder:a#viewer']) expect(servableFor(e, target), target).toBe(true);
    expect(servableFor(entry(6n), 'document:a#viewer')).toBe(true);
    // A tupleset write (document:a#parent) changes results on document:a only.
    state.applyWrite(store, 7n, [w('document#parent', 'b')]);
    expect(servableFor(e, 'document:b#viewer')).toBe(false);
    expect(servableFor(e, 'document:c#viewer')).toBe(true);
    expect(state.describe(store)?.floors).toEqual({});
  });

  it('a write that crosses objects invalidates the dependent relation on every object', () => {
    const { state, entry, servableFor } = setup(true);
    const e = entry(5n);
    state.applyWrite(store, 6n, [w('group#member', 'eng')]);
    for (const target of ['document:a#viewer', 'document:zz#can_view', 'folder:x#viewer', 'group:other#member']) expect(servableFor(e, target), target).toBe(false);
    expect(servableFor(e, 'document:a#owner')).toBe(true);
    expect(servableFor(e, 'invoice:1#approver')).toBe(true);
    // A parent's relation read through a TTU: every child document, every child folder.
    const f = entry(6n);
    state.applyWrite(store, 7n, [w('folder#owner', 'f')]);
    expect(servableFor(f, 'document:a#viewer')).toBe(false);
    expect(servableFor(f, 'folder:g#viewer')).toBe(false);
    expect(servableFor(f, 'folder:g#owner')).toBe(true);
    expect(servableFor(f, 'folder:f#owner')).toBe(false);
  });

  it('a write naming no objects (a message from an earlier version) or too many is relation-wide', () => {
    const { state, entry, servableFor } = setup(true);
    const e = entry(5n);
    state.applyWrite(store, 6n, [w('document#owner')]);
    expect(servableFor(e, 'document:b#viewer')).toBe(false);
    const ids = Array.from({ length: maxObjectsPerRelation + 1 }, (_, i) => `d${i}`);
    const { written } = writtenRelations(ids.map((id) => ({ object: `invoice:${id}`, relation: 'approver' })));
    expect(written).toEqual([{ relation: 'invoice#approver' }]);
    state.applyWrite(store, 7n, written);
    expect(servableFor(entry(6n), 'invoice:other#auditor')).toBe(false);
    expect(state.describe(store)?.objectFloors).toBe(0);
  });

  it('groups written tuples by relation with distinct object ids, and flags objects it cannot parse', () => {
    expect(
      writtenRelations([
        { object: 'document:a', relation: 'owner' },
        { object: 'document:a', relation: 'owner' },
        { object: 'document:b:c', relation: 'owner' },
        { object: 'folder:a', relation: 'owner' },
      ]),
    ).toEqual({ written: [w('document#owner', 'a', 'b:c'), w('folder#owner', 'a')], unparsable: false });
    expect(writtenRelations([{ object: 'nocolon', relation: 'owner' }]).unparsable).toBe(true);
  });

  it('evicting object floors never makes a stale entry servable, even for a late, older invalidation', () => {
    // invoice#approver -> approver and auditor, both per object: two floors per written object.
    const { state, entry, servableFor } = setup(true, 2);
    const e = entry(1n);
    state.applyWrite(store, 10n, [w('invoice#approver', 'a')]);
    state.applyWrite(store, 11n, [w('invoice#approver', 'b')]); // evicts a's two floors
    expect(state.describe(store)?.objectFloors).toBe(2);
    for (const id of ['a', 'b', 'never-written']) {
      expect(servableFor(e, `invoice:${id}#approver`), id).toBe(false);
      expect(servableFor(e, `invoice:${id}#auditor`), id).toBe(false);
    }
    // Not in the LRU: the evicted floor (10) applies; b's own floor (11) is still known.
    expect(servableFor(entry(10n), 'invoice:a#approver')).toBe(true);
    expect(servableFor(entry(10n), 'invoice:b#approver')).toBe(false);
    // A late invalidation of a at 5 (the changelog poller behind pub/sub) must not lower a's floor below 10.
    state.applyWrite(store, 5n, [w('invoice#approver', 'a')]);
    expect(servableFor(entry(7n), 'invoice:a#approver')).toBe(false);
    expect(servableFor(entry(10n), 'invoice:a#approver')).toBe(true);
    // Unrelated relations keep their entries.
    expect(servableFor(e, 'document:a#viewer')).toBe(true);
  });

  it('applies the widest scope of the store\'s models', () => {
    const { state, entry, servableFor } = setup(true);
    const crossing = crossingDocsModel;
    state.useModel(store, crossing);
    const e = entry(5n);
    state.applyWrite(store, 6n, [w('document#owner', 'a')]);
    expect(servableFor(e, 'document:b#viewer')).toBe(false); // docsModel's entries too
    expect(state.isServable(store, crossing.id, 'document#viewer', 'b', e)).toBe(false);
    expect(servableFor(e, 'document:b#editor')).toBe(true);
    expect(servableFor(e, 'document:a#editor')).toBe(false);
  });
});
