// What this replica knows about changes, per store, and so which cached decisions it may serve.
//
// Validity: entries carry the store revision they were computed at (a lower bound of what their
// reads saw); each store keeps the revision of the latest write that may have changed a result
// (a "floor"), per `type#relation` for writes whose effect crosses objects, and per
// (`type#relation`, object id) for writes that can only change the written objects' results
// (see the scopes in dependency-graph.ts). An entry for object O of relation A is valid while its
// revision is at least the relation floor of A and the object floor of (A, O): invalidation is
// O(affected relations x written objects), needs no key scan, L2 entries need no deletion, and
// an evaluation that started before a write is born stale.
//
// Object floors live in a map per relation, their recency of writing in one LRU per process,
// bounded by `objectFloorMaxEntries` (a read only looks its object up in the relation's map).
// When one is evicted, the relation's "evicted floor" rises to it; it stands in for every object not in the
// LRU (an object never written has a true floor of 0, an evicted one at most the evicted floor),
// so eviction costs hits, never correctness. A write touching more than `maxObjectsPerRelation`
// objects of one relation raises the relation floor instead (as does an invalidation that does
// not name its objects: a pub/sub message from a previous version).
//
// Freshness: writes on other replicas not heard of yet are bounded by the staleness bound. A
// valid entry is served when (1) it is younger than the bound, or (2) pub/sub vouches for it: a
// heartbeat of this replica came back within the bound and the entry was computed after the
// subscription went live and after its model was tracked here, or (3) the changelog vouches for
// it: its revision is at least the store's first-poll baseline and the store was confirmed
// (polled, or polled since the subscription went live and heartbeats continue) within the bound.
import { LRUCache } from 'lru-cache';
import type { AuthorizationModel } from '../model/index.js';
import { parseObject } from '../model/index.js';
import type { CacheEntry } from './cache-entry.js';
import { affectedByAny, buildDependencyGraph, relationKey, type DependencyGraph, type RelationKey } from './dependency-graph.js';

const maxModelsPerStore = 8;

/** More distinct objects of one relation in one write: the write raises the relation floor instead. */
export const maxObjectsPerRelation = 100;

/** A written `type#relation` and the ids of its written objects; none = every object (relation-wide). */
export interface WrittenRelation {
  relation: RelationKey;
  objectIds?: readonly string[];
}

/**
 * Groups written tuples by `type#relation` with their distinct object ids (dropped past
 * `maxObjectsPerRelation`: relation-wide). `unparsable` = some object had no `type:id` form, so
 * nothing can be said about what it touched.
 */
export function writtenRelations(tuples: Iterable<{ object: string; relation: string }>): { written: WrittenRelation[]; unparsable: boolean } {
  const byRelation = new Map<RelationKey, Set<string>>();
  let unparsable = false;
  for (const tuple of tuples) {
    const object = parseObject(tuple.object);
    if (!object) {
      unparsable = true;
      continue;
    }
    const key = relationKey(object.type, tuple.relation);
    let ids = byRelation.get(key);
    if (!ids) byRelation.set(key, (ids = new Set()));
    ids.add(object.id);
  }
  const written = [...byRelation].map(([relation, ids]): WrittenRelation => (ids.size > maxObjectsPerRelation ? { relation } : { relation, objectIds: [...ids] }));
  return { written, unparsable };
}

/** Per `type#relation` of a store: its floors. */
interface RelationFloors {
  /** Latest write that may have changed the relation's results on any object. */
  floor: bigint;
  /** Highest object floor ever set (so an entry at or above it needs no object lookup). */
  objectCeiling: bigint;
  /** Highest object floor evicted: the floor of every object not in `objects`. */
  evicted: bigint;
  /** Object id -> its floor (those in the process-wide LRU). */
  objects: Map<string, ObjectFloor>;
}

/** An object floor; it knows its owner so that its eviction can remove it and raise the evicted floor. */
interface ObjectFloor {
  floors: RelationFloors;
  objectId: string;
  revision: bigint;
}

interface ModelState {
  graph: DependencyGraph;
  /** Writes up to here were applied without this model's graph: older entries are untrusted. */
  floor: bigint;
  /** Invalidations received before this time were not applied with this model's graph. */
  registeredAt: number;
}

interface StoreState {
  models: Map<string, ModelState>;
  floors: Map<RelationKey, RelationFloors>;
  /** Store-wide invalidation (a model change): entries computed before this time are stale. */
  floorMs: number;
  /** Highest revision known to be committed. */
  knownRevision: bigint;
  /** Highest revision of an applied invalidation. */
  appliedRevision: bigint;
  /** First revision from which every change is known (undefined until the first poll). */
  baseline: bigint | undefined;
  /** The changelog has been applied through this revision. */
  polledRevision: bigint;
  /**
   * When the first poll read the baseline: an entry older than that and below the baseline may
   * have missed a write this replica never saw, whatever its age.
   */
  firstSyncAt: number;
  /** Start time of the last successful poll. */
  polledAt: number;
  lastUsedAt: number;
}

export interface InvalidationStateOptions {
  stalenessBoundMs: number;
  storeIdleMs: number;
  /** One process, no other writers: everything this state applied is everything there is. */
  localOnly: boolean;
  /** Bound of the per-(relation, object) floors kept by this process. */
  objectFloorMaxEntries: number;
  now?: () => number;
}

export class InvalidationState {
  private readonly stores = new Map<string, StoreState>();
  private readonly now: () => number;
  /** Time the current pub/sub subscription became live; undefined while not subscribed. */
  private subscribedSince: number | undefined;
  /** Send time of the latest own heartbeat received back: everything published before it arrived. */
  private heartbeatConfirmedAt = Number.NEGATIVE_INFINITY;
  /** Every object floor of every store, least recently written first (those of forgotten stores just age out). */
  private readonly objectFloors: LRUCache<ObjectFloor, true>;

  constructor(private readonly options: InvalidationStateOptions) {
    this.now = options.now ?? Date.now;
    this.objectFloors = new LRUCache<ObjectFloor, true>({
      max: Math.max(1, options.objectFloorMaxEntries),
      dispose: (_value, floor, reason) => {
        if (reason !== 'evict') return;
        floor.floors.objects.delete(floor.objectId);
        if (floor.revision > floor.floors.evicted) floor.floors.evicted = floor.revision;
      },
    });
  }

  private store(storeId: string): StoreState {
    let state = this.stores.get(storeId);
    if (!state) {
      state = {
        models: new Map(),
        floors: new Map(),
        // Local-only knowledge is complete only from the moment the store is tracked: an L1 entry
        // left from a forgotten (idle) state may have missed writes while untracked.
        floorMs: this.options.localOnly ? this.now() : Number.NEGATIVE_INFINITY,
        knownRevision: 0n,
        appliedRevision: 0n,
        baseline: this.options.localOnly ? 0n : undefined,
        polledRevision: 0n,
        firstSyncAt: Number.NEGATIVE_INFINITY,
        polledAt: Number.NEGATIVE_INFINITY,
        lastUsedAt: this.now(),
      };
      this.stores.set(storeId, state);
    }
    return state;
  }

  /**
   * Registers the model a request uses (once per model id) and marks the store as in use.
   * Returns true when the store was not tracked yet (so a first poll is worth starting now).
   */
  useModel(storeId: string, model: AuthorizationModel & { id: string }): boolean {
    const isNew = !this.stores.has(storeId);
    const state = this.store(storeId);
    state.lastUsedAt = this.now();
    if (state.models.has(model.id)) return isNew;
    if (state.models.size >= maxModelsPerStore) {
      const oldest = state.models.keys().next().value as string;
      state.models.delete(oldest);
    }
    state.models.set(model.id, { graph: buildDependencyGraph(model), floor: state.appliedRevision, registeredAt: this.now() });
    return isNew;
  }

  /**
   * The revision to stamp on an evaluation starting now (a lower bound of what it will see).
   * `minRevision` must be one the datastore has reached (the service verifies and bounds callers'
   * consistency tokens, src/service/tokens.ts): an entry stamped ahead of every write is never
   * invalidated.
   */
  stampRevision(storeId: string, minRevision?: bigint): bigint {
    const known = this.store(storeId).knownRevision;
    return minRevision !== undefined && minRevision > known ? minRevision : known;
  }

  /**
   * Whether `entry`, a result of `relation` on the object with id `objectId`, may answer a
   * MINIMIZE_LATENCY request needing at least `minRevision`.
   */
  isServable(storeId: string, modelId: string, relation: RelationKey, objectId: string, entry: CacheEntry, minRevision?: bigint): boolean {
    const state = this.stores.get(storeId);
    const model = state?.models.get(modelId);
    if (!state || !model) return false;
    if (minRevision !== undefined && entry.revision < minRevision) return false;
    if (entry.revision < model.floor || entry.computedAt < state.floorMs) return false;
    const floors = state.floors.get(relation);
    if (floors) {
      if (entry.revision < floors.floor) return false;
      // At or above the ceiling no object of the relation was written since: no lookup needed.
      if (entry.revision < floors.objectCeiling) {
        const objectFloor = floors.objects.get(objectId);
        if (entry.revision < (objectFloor ? objectFloor.revision : floors.evicted)) return false;
      }
    }
    if (state.baseline !== undefined && entry.revision < state.baseline && entry.computedAt < state.firstSyncAt) return false;
    const now = this.now();
    if (entry.expiresAt !== undefined && now >= entry.expiresAt) return false;
    const bound = this.options.stalenessBoundMs;
    if (entry.computedAt >= now - bound) return true;
    if (this.options.localOnly) return true;
    // Pub/sub alone also covers entries computed after the subscription went live and after this
    // model was tracked here (every invalidation since then was applied to it).
    const since = this.subscribedSince;
    if (since !== undefined && this.heartbeatConfirmedAt >= now - bound && entry.computedAt >= Math.max(since, model.registeredAt)) {
      return true;
    }
    return state.baseline !== undefined && entry.revision >= state.baseline && this.confirmedAt(state) >= now - bound;
  }

  private confirmedAt(state: StoreState): number {
    const viaBus = this.subscribedSince !== undefined && state.polledAt >= this.subscribedSince ? this.heartbeatConfirmedAt : Number.NEGATIVE_INFINITY;
    return Math.max(state.polledAt, viaBus);
  }

  private relationFloors(state: StoreState, relation: RelationKey): RelationFloors {
    let floors = state.floors.get(relation);
    if (!floors) state.floors.set(relation, (floors = { floor: 0n, objectCeiling: 0n, evicted: 0n, objects: new Map() }));
    return floors;
  }

  private raiseObjectFloor(state: StoreState, relation: RelationKey, objectId: string, revision: bigint): void {
    const floors = this.relationFloors(state, relation);
    if (revision <= floors.floor) return; // the relation floor already covers it
    if (revision > floors.objectCeiling) floors.objectCeiling = revision;
    const known = floors.objects.get(objectId);
    if (known) {
      if (revision > known.revision) known.revision = revision;
      this.objectFloors.get(known); // most recently written now
      return;
    }
    // An object without a floor may have been evicted with a higher one (invalidations can
    // arrive out of order): it starts from the evicted floor, never below.
    const floor: ObjectFloor = { floors, objectId, revision: revision > floors.evicted ? revision : floors.evicted };
    floors.objects.set(objectId, floor);
    this.objectFloors.set(floor, true);
  }

  /**
   * A tuple write at `revision` touched these `type#relation`s on these objects (local, pub/sub
   * or changelog). A relation without object ids is taken as written on every object.
   */
  applyWrite(storeId: string, revision: bigint, written: Iterable<WrittenRelation>): void {
    const state = this.stores.get(storeId);
    if (!state) return; // nothing cached for this store here; its first use starts from scratch
    if (revision > state.knownRevision) state.knownRevision = revision;
    if (revision > state.appliedRevision) state.appliedRevision = revision;
    const graphs = [...state.models.values()].map((model) => model.graph);
    for (const { relation, objectIds } of written) {
      const objectWide = objectIds !== undefined && objectIds.length > 0 && objectIds.length <= maxObjectsPerRelation;
      for (const [affected, scope] of affectedByAny(graphs, relation)) {
        if (scope === 'object' && objectWide) {
          for (const objectId of objectIds) this.raiseObjectFloor(state, affected, objectId, revision);
        } else {
          const floors = this.relationFloors(state, affected);
          if (revision > floors.floor) floors.floor = revision;
        }
      }
    }
  }

  /** A model change: every entry of the store computed before now is dropped. */
  applyStoreWide(storeId: string): void {
    const state = this.stores.get(storeId);
    if (state) state.floorMs = this.now();
  }

  // ---- pub/sub bookkeeping --------------------------------------------------------------

  subscriptionStarted(at: number = this.now()): void {
    this.subscribedSince = at;
  }

  subscriptionLost(): void {
    this.subscribedSince = undefined;
    this.heartbeatConfirmedAt = Number.NEGATIVE_INFINITY;
  }

  heartbeatReceived(sentAt: number): void {
    if (this.subscribedSince !== undefined && sentAt >= this.subscribedSince && sentAt > this.heartbeatConfirmedAt) {
      this.heartbeatConfirmedAt = sentAt;
    }
  }

  /** Whether pub/sub currently vouches for invalidations, and how old its last proof is. */
  busStatus(): { subscribed: boolean; heartbeatAgeMs: number | undefined } {
    const age = this.now() - this.heartbeatConfirmedAt;
    return { subscribed: this.subscribedSince !== undefined, heartbeatAgeMs: Number.isFinite(age) ? age : undefined };
  }

  // ---- changelog polling ----------------------------------------------------------------

  /** Forgets stores unused for `storeIdleMs`; safe, since a new state trusts no old entry. */
  sweepIdle(): void {
    const now = this.now();
    for (const [storeId, state] of this.stores) {
      if (now - state.lastUsedAt > this.options.storeIdleMs) this.stores.delete(storeId);
    }
  }

  /** Stores in use whose state is not confirmed recently enough (or at all since subscribing). */
  storesToPoll(safetyIntervalMs: number): string[] {
    this.sweepIdle();
    const now = this.now();
    const due: string[] = [];
    for (const [storeId, state] of this.stores) {
      const busCovers = this.subscribedSince !== undefined && state.polledAt >= this.subscribedSince && this.heartbeatConfirmedAt >= now - this.options.stalenessBoundMs;
      if (state.baseline === undefined || !busCovers || now - state.polledAt >= safetyIntervalMs) due.push(storeId);
    }
    return due;
  }

  /** Where the next poll of the store starts; undefined when the store is not tracked. */
  pollCursor(storeId: string): { baseline: bigint | undefined; after: bigint } | undefined {
    const state = this.stores.get(storeId);
    return state && { baseline: state.baseline, after: state.polledRevision };
  }

  /**
   * A poll that started at `startedAt` saw the latest revision `latest` (read at `latestReadAt`)
   * and applied every change up to it; the first poll of a store applies none, it sets the
   * baseline instead.
   */
  completePoll(storeId: string, startedAt: number, latest: bigint, latestReadAt: number = startedAt): void {
    const state = this.stores.get(storeId);
    if (!state) return;
    if (state.baseline === undefined) {
      state.baseline = latest;
      state.firstSyncAt = latestReadAt;
    }
    if (latest > state.polledRevision) state.polledRevision = latest;
    if (latest > state.knownRevision) state.knownRevision = latest;
    if (startedAt > state.polledAt) state.polledAt = startedAt;
  }

  /** For tests and diagnostics: relation floors (those raised relation-wide) and the object floors held. */
  describe(storeId: string): { knownRevision: bigint; baseline: bigint | undefined; floors: Record<string, bigint>; objectFloors: number } | undefined {
    const state = this.stores.get(storeId);
    if (!state) return undefined;
    const floors = Object.fromEntries([...state.floors].flatMap(([relation, f]) => (f.floor > 0n ? [[relation, f.floor]] : [])));
    const objectFloors = [...state.floors.values()].reduce((sum, f) => sum + f.objects.size, 0);
    return { knownRevision: state.knownRevision, baseline: state.baseline, floors, objectFloors };
  }
}
