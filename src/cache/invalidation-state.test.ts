import { describe, expect, it } from 'vitest';
import { docsModel } from '../../test/cache/model-fixtures.js';
import type { CacheEntry } from './cache-entry.js';
import { InvalidationState } from './invalidation-state.js';

const store = 'store-1';
const bound = 1_000;

function setup(localOnly = false) {
  const clock = { now: 10_000 };
  const state = new InvalidationState({ stalenessBoundMs: bound, storeIdleMs: 60_000, localOnly, now: () => clock.now });
  state.useModel(store, docsModel);
  const entry = (revision: bigint, computedAt = clock.now): CacheEntry => ({ allowed: true, revision, computedAt });
  const servable = (e: CacheEntry, relation = 'document#viewer', min?: bigint) => state.isServable(store, docsModel.id, relation, e, min);
  return { clock, state, entry, servable };
}

describe('InvalidationState', () => {
  it('rejects an entry older than a write to a relation it depends on, and only those', () => {
    const { state, entry, servable } = setup(true);
    const e = entry(5n);
    state.applyWrite(store, 6n, ['group#member']);
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
    state.applyWrite(store, 7n, ['invoice#approver']);
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
    expect(state.isServable(store, other.id, 'document#viewer', e)).toBe(false);
    expect(state.isServable(store, docsModel.id, 'document#viewer', e)).toBe(true);
  });

  it('forgets idle stores, after which nothing of theirs is served', () => {
    const { clock, state, entry, servable } = setup(true);
    const e = entry(0n);
    clock.now += 60_001;
    expect(state.storesToPoll(30_000)).toEqual([]);
    expect(servable(e)).toBe(false);
  });
});
