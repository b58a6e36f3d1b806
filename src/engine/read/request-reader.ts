// One request's view of the TupleReader: forward reads issued in the same turn of the event loop
// for the same (type, relation) are coalesced into one `readByObjects` with many ids, and those
// batches that ask for the same objects under several relations (the branches of one union:
// `[user] or editor or viewer from parent`) into one `readRelationsByObjects` when the reader has
// it; identical reads are served once, at most N reads are in flight, and the request's
// AbortSignal stops it. This is what makes one level of a graph walk cost one query whatever its
// fan-out and however many relations its union names.

import { ErrorCode, RelataError } from '../../model/index.js';
import { readManyByUsers, readRelationsByObjects } from './tuple-reader.js';
import type { RelationTuple } from '../../model/index.js';
import type { ClosureEdge, ClosureQuery, ClosureTuplesQuery, LevelQuery, LevelTuples, MembershipQuery, RelationRead, TupleReader, UserTypeFilter, UsersRead } from './tuple-reader.js';
import { chunkIds, maxKeysPerRead, packReads } from './read-batches.js';
import { TaskLimiter } from './task-limiter.js';

interface PendingUserBatch {
  objectType: string;
  relation: string;
  userType: string;
  userIds: readonly string[];
  waiters: Map<string, { resolve: (tuples: RelationTuple[]) => void; reject: (error: unknown) => void }>;
}

interface PendingLevel {
  read: UsersRead;
  resolve: (tuples: RelationTuple[]) => void;
  reject: (error: unknown) => void;
}

/** Closure-index reads queued this turn for one edge (and, for tuple reads, one set of users). */
interface PendingClosure<T> {
  query: Omit<ClosureTuplesQuery, 'objectIds'> | Omit<ClosureQuery, 'objectIds'>;
  waiters: Map<string, { resolve: (answer: T | undefined) => void; reject: (error: unknown) => void }>;
}

/** Whole-membership reads queued this turn for one edge and user type, by user id. */
interface PendingMemberships {
  edge: ClosureEdge;
  userType: string;
  waiters: Map<string, { resolve: (answer: ReadonlyMap<string, RelationTuple[]> | undefined) => void; reject: (error: unknown) => void }>;
}

interface PendingBatch {
  objectType: string;
  relation: string;
  userFilters?: readonly UserTypeFilter[];
  waiters: Map<string, { resolve: (tuples: RelationTuple[]) => void; reject: (error: unknown) => void }>;
}

export class RequestReader {
  readonly reader: TupleReader;
  private readonly signal?: AbortSignal;
  private readonly limiter: TaskLimiter;
  /** Reads asked this request: the promise while in flight, the tuples themselves once loaded. */
  private readonly memo = new Map<string, RelationTuple[] | Promise<RelationTuple[]>>();
  private readonly pending = new Map<string, PendingBatch>();
  private readonly pendingUsers = new Map<string, PendingUserBatch>();
  private pendingLevels: PendingLevel[] = [];
  private readonly pendingClosures = new Map<string, PendingClosure<readonly string[]>>();
  private readonly pendingClosureTuples = new Map<string, PendingClosure<RelationTuple[]>>();
  private readonly pendingMemberships = new Map<string, PendingMemberships>();
  private readonly closureMemo = new Map<string, Promise<unknown>>();
  private flushScheduled = false;
  private flushWaiters: (() => void)[] = [];
  private beforeFlushHooks: (() => void)[] = [];
  private closed = false;
  private aborted: Promise<never> | undefined;
  /** Reads sent to the underlying reader (after coalescing). */
  readCount = 0;
  /**
   * Epoch ms of the earliest `expiresAt` among every tuple this request has read so far
   * (undefined: none expires). Every read of the request passes through `run`, so an answer is
   * valid until this instant at most: what caches cap their entries by.
   */
  earliestExpiry: number | undefined;

  constructor(reader: TupleReader, options: { maxConcurrentReads: number; signal?: AbortSignal }) {
    this.reader = reader;
    this.limiter = new TaskLimiter(Math.max(1, options.maxConcurrentReads));
    this.signal = options.signal;
  }

  /** Throws the request's cancellation error when its signal has fired. */
  throwIfAborted(): void {
    if (this.signal?.aborted) throw abortError(this.signal);
    if (this.closed) throw alreadyAnswered;
  }

  /**
   * Refuses further reads: branches still running after the answer is known (a union that
   * short-circuited) stop at their next read instead of loading the store for nothing.
   */
  close(): void {
    this.closed = true;
  }

  /**
   * Tuples `objectType:objectId#relation`. `userFilters` must be the same for every call with a
   * given (objectType, relation) so that calls can share a batch (Check passes the relation's
   * type restrictions). The tuples themselves, not a promise, when this request loaded them already.
   */
  objectTuples(objectType: string, relation: string, objectId: string, userFilters?: readonly UserTypeFilter[]): RelationTuple[] | Promise<RelationTuple[]> {
    const batchKey = `${objectType}#${relation}`;
    const memoKey = `${batchKey}@${objectId}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    const promise = new Promise<RelationTuple[]>((resolve, reject) => {
      let batch = this.pending.get(batchKey);
      if (!batch) {
        batch = { objectType, relation, userFilters, waiters: new Map() };
        this.pending.set(batchKey, batch);
      }
      batch.waiters.set(objectId, { resolve: this.keepLoaded(memoKey, resolve), reject });
      this.scheduleFlush();
    });
    this.memo.set(memoKey, promise);
    return promise;
  }

  /**
   * Tuples `objectType:objectId#relation@userType:id` for the given plain user ids (include '*'
   * for wildcard grants): the reverse, selective form of a membership test. Calls for the same
   * (objectType, relation, users) are coalesced into one `readByUsers` narrowed to their objects.
   */
  userTuples(objectType: string, relation: string, userType: string, userIds: readonly string[], objectId: string): RelationTuple[] | Promise<RelationTuple[]> {
    const batchKey = `${objectType}#${relation}@${userType}:${userIds.join(',')}`;
    const memoKey = `${batchKey}>${objectId}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    const promise = new Promise<RelationTuple[]>((resolve, reject) => {
      let batch = this.pendingUsers.get(batchKey);
      if (!batch) {
        batch = { objectType, relation, userType, userIds, waiters: new Map() };
        this.pendingUsers.set(batchKey, batch);
      }
      batch.waiters.set(objectId, { resolve: this.keepLoaded(memoKey, resolve), reject });
      this.scheduleFlush();
    });
    this.memo.set(memoKey, promise);
    return promise;
  }

  /**
   * `resolve`, keeping the loaded tuples as the read's memo, so that later askers get them without
   * a promise. (A returned arrow is anonymous: the loader does not name it at run time, per read.)
   */
  private keepLoaded(memoKey: string, resolve: (tuples: RelationTuple[]) => void): (tuples: RelationTuple[]) => void {
    return (tuples) => {
      this.memo.set(memoKey, tuples);
      resolve(tuples);
    };
  }

  /**
   * One level of a user-side walk (ReverseClosure): queued with every other such level the
   * request asks for in this turn and sent as one `readManyByUsers`, so that the walks of a
   * BatchCheck's hundred users cost one statement per level instead of one each.
   */
  usersLevel(read: UsersRead): Promise<RelationTuple[]> {
    if (read.userIds.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pendingLevels.push({ read, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Whether the reader reads a level's forward and reverse reads in one statement (readLevel). */
  get readsLevels(): boolean {
    return this.reader.readLevel !== undefined;
  }

  /** Whether the reader has the closure index (it may still decline a kind of edge, per read). */
  get hasClosureIndex(): boolean {
    return this.reader.readClosure !== undefined && this.reader.readClosureTuples !== undefined;
  }

  /**
   * Whether closure-index reads go inside the level statement (readLevel): then a user's whole
   * membership (`membership`) costs no round trip of its own.
   */
  get readsMemberships(): boolean {
    return this.reader.readLevel !== undefined && this.hasClosureIndex;
  }

  /**
   * The plain user's whole nested membership of `edge` (MembershipQuery): for each group the user
   * is in, directly or through nesting, the user's own tuples that put them there; `undefined`
   * when the index cannot answer for this edge. Only when `readsMemberships`: queued with the
   * level's reads (every user of a BatchCheck in the same statement), read once per request.
   */
  membership(edge: ClosureEdge, userType: string, userId: string): Promise<ReadonlyMap<string, RelationTuple[]> | undefined> {
    const batchKey = `${edge.objectType}#${edge.relation}@${edge.userRelation}>${userType}`;
    const memoKey = `m\u0000${batchKey}\u0000${userId}`;
    const known = this.closureMemo.get(memoKey) as Promise<ReadonlyMap<string, RelationTuple[]> | undefined> | undefined;
    if (known) return known;
    const promise = new Promise<ReadonlyMap<string, RelationTuple[]> | undefined>((resolve, reject) => {
      let batch = this.pendingMemberships.get(batchKey);
      if (!batch) this.pendingMemberships.set(batchKey, (batch = { edge, userType, waiters: new Map() }));
      batch.waiters.set(userId, { resolve, reject });
      this.scheduleFlush();
    });
    this.closureMemo.set(memoKey, promise);
    return promise;
  }

  /**
   * What `edge.objectType:objectId` reaches through the closure index; `undefined` when the
   * index cannot answer for this edge (walk instead). Coalesced per edge, like objectTuples.
   */
  closure(edge: ClosureEdge, objectId: string): Promise<readonly string[] | undefined> {
    const batchKey = `${edge.objectType}#${edge.relation}@${edge.userRelation}`;
    return this.queueClosure(this.pendingClosures, batchKey, { edge }, objectId);
  }

  /** The users' tuples on `edge.objectType:objectId` or anything it reaches (readClosureTuples), coalesced per edge and users. */
  closureTuples(edge: ClosureEdge, users: { userType: string; userIds: readonly string[]; userRelation: string }, objectId: string): Promise<RelationTuple[] | undefined> {
    const batchKey = `${edge.objectType}#${edge.relation}@${edge.userRelation}>${users.userType}:${users.userIds.join(',')}#${users.userRelation}`;
    return this.queueClosure(this.pendingClosureTuples, batchKey, { edge, ...users }, objectId);
  }

  private queueClosure<T>(pending: Map<string, PendingClosure<T>>, batchKey: string, query: PendingClosure<T>['query'], objectId: string): Promise<T | undefined> {
    const memoKey = `${pending === this.pendingClosures ? 'c' : 't'}\u0000${batchKey}\u0000${objectId}`;
    const known = this.closureMemo.get(memoKey) as Promise<T | undefined> | undefined;
    if (known) return known;
    const promise = new Promise<T | undefined>((resolve, reject) => {
      let batch = pending.get(batchKey);
      if (!batch) pending.set(batchKey, (batch = { query, waiters: new Map() }));
      batch.waiters.set(objectId, { resolve, reject });
      this.scheduleFlush();
    });
    this.closureMemo.set(memoKey, promise);
    return promise;
  }

  private async flushClosure<T>(batch: PendingClosure<T>, read: (objectIds: string[]) => Promise<ReadonlyMap<string, T> | undefined>, none: T): Promise<void> {
    const ids = [...batch.waiters.keys()];
    await Promise.all(
      chunkIds(ids).map(async (chunk) => {
        try {
          const answer = await this.run(() => read(chunk));
          for (const id of chunk) batch.waiters.get(id)?.resolve(answer ? (answer.get(id) ?? none) : undefined);
        } catch (error) {
          for (const id of chunk) batch.waiters.get(id)?.reject(error);
        }
      }),
    );
  }

  private flushClosures(): Promise<void>[] {
    const flushes: Promise<void>[] = [];
    const { readClosure, readClosureTuples } = this.reader;
    for (const batch of this.pendingClosures.values()) {
      flushes.push(this.flushClosure(batch, (objectIds) => (readClosure ? readClosure.call(this.reader, { edge: batch.query.edge, objectIds }) : Promise.resolve(undefined)), []));
    }
    for (const batch of this.pendingClosureTuples.values()) {
      const query = batch.query as Omit<ClosureTuplesQuery, 'objectIds'>;
      // The tuples come back keyed by start, not as the array `run` notes expiries from.
      const read = async (objectIds: string[]) => {
        const found = readClosureTuples ? await readClosureTuples.call(this.reader, { ...query, objectIds }) : undefined;
        if (found) for (const tuples of found.values()) this.noteExpiries(tuples);
        return found;
      };
      flushes.push(this.flushClosure(batch, read, []));
    }
    this.pendingClosures.clear();
    this.pendingClosureTuples.clear();
    return flushes;
  }

  /** Runs one read through the concurrency limit and the abort signal. */
  async run<T>(read: () => Promise<T>): Promise<T> {
    this.throwIfAborted();
    return this.limiter.run(async () => {
      this.throwIfAborted();
      this.readCount += 1;
      // A read in flight cannot be interrupted, but the request need not wait for it.
      const result = await (this.signal ? Promise.race([read(), this.abortedPromise(this.signal)]) : read());
      if (Array.isArray(result)) this.noteExpiries(result as readonly { expiresAt?: number }[]);
      return result;
    });
  }

  /** Lowers `earliestExpiry` to the earliest expiry among `tuples`. */
  noteExpiries(tuples: readonly { expiresAt?: number }[]): void {
    for (const t of tuples) {
      const at = t.expiresAt;
      if (at !== undefined && (this.earliestExpiry === undefined || at < this.earliestExpiry)) this.earliestExpiry = at;
    }
  }

  private abortedPromise(signal: AbortSignal): Promise<never> {
    if (!this.aborted) {
      this.aborted = new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
      });
      // Nobody may be waiting on it when the signal fires after the request ended.
      this.aborted.catch(() => undefined);
    }
    return this.aborted;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after every pending microtask, so all siblings of one level have queued.
    setImmediate(() => {
      // Reads the hooks queue join this batch: flushScheduled is still set, so none schedules another.
      const hooks = this.beforeFlushHooks;
      this.beforeFlushHooks = [];
      for (const hook of hooks) hook();
      this.flushScheduled = false;
      const batches = [...this.pending.values()];
      this.pending.clear();
      const levels = this.pendingLevels;
      this.pendingLevels = [];
      const flushes: Promise<void>[] = [];
      const groups = this.mergeByObjects(batches);
      // The closure index's reads ride in the level statement when the reader can.
      const closures = this.readsMemberships ? [...this.pendingClosures.values()] : [];
      if (closures.length > 0) this.pendingClosures.clear();
      const memberships = [...this.pendingMemberships.values()];
      this.pendingMemberships.clear();
      const closureReads = closures.length + memberships.length;
      // What would go as several statements (forward reads of different objects, the user-side
      // walks beside them) goes as one when the reader can: one round trip per level of the walk.
      if (groups.length + (levels.length > 0 ? 1 : 0) + closureReads > 1 && this.reader.readLevel && fitsOneRead(batches, levels)) {
        flushes.push(this.flushLevel(batches, levels, closures, memberships));
      } else {
        for (const group of groups) flushes.push(group.length === 1 ? this.flush(group[0]) : this.flushRelations(group));
        if (levels.length > 0) flushes.push(this.flushLevels(levels));
        if (closureReads > 0) flushes.push(this.flushLevel([], [], closures, memberships));
      }
      const userBatches = [...this.pendingUsers.values()];
      this.pendingUsers.clear();
      for (const batch of userBatches) flushes.push(this.flushUsers(batch));
      flushes.push(...this.flushClosures());
      const waiters = this.flushWaiters;
      this.flushWaiters = [];
      if (waiters.length > 0) void Promise.all(flushes).then(() => waiters.forEach((w) => w()));
    });
  }

  /** The queued forward reads, user-side levels and closure-index reads of this turn in one `readLevel`. */
  private async flushLevel(batches: PendingBatch[], levels: PendingLevel[], closures: PendingClosure<readonly string[]>[] = [], memberships: PendingMemberships[] = []): Promise<void> {
    const reader = this.reader;
    const objects = batches.map((b) => ({ objectType: b.objectType, relation: b.relation, objectIds: [...b.waiters.keys()], ...(b.userFilters ? { userFilters: b.userFilters } : {}) }));
    const users = levels.map((l) => l.read);
    const query: LevelQuery = { objects, users };
    if (closures.length > 0) query.closures = closures.map((b): ClosureQuery => withPrefetch({ edge: b.query.edge, objectIds: [...b.waiters.keys()] }, batches));
    if (memberships.length > 0) query.memberships = memberships.map((b): MembershipQuery => ({ edge: b.edge, userType: b.userType, userIds: [...b.waiters.keys()] }));
    let answer: LevelTuples;
    try {
      answer = await this.run(() => (reader.readLevel ? reader.readLevel(query) : Promise.resolve({ objects: [], users: [] })));
    } catch (error) {
      for (const batch of batches) for (const waiter of batch.waiters.values()) waiter.reject(error);
      for (const level of levels) level.reject(error);
      for (const batch of [...closures, ...memberships]) for (const waiter of batch.waiters.values()) waiter.reject(error);
      return;
    }
    this.noteExpiries(answer.objects);
    this.noteExpiries(answer.users);
    // Before the reach is handed out: the nodes reached then find their tuples read.
    if (answer.prefetched && query.closures) this.seedPrefetched(query.closures, answer.closures ?? [], answer.prefetched);
    // A reader that left an answer out declined it: those are walked.
    closures.forEach((batch, i) => {
      const reach = answer.closures?.[i];
      for (const [id, waiter] of batch.waiters) waiter.resolve(reach ? (reach.get(id) ?? []) : undefined);
    });
    memberships.forEach((batch, i) => deliverMemberships(batch, answer.memberships?.[i], (tuples) => this.noteExpiries(tuples)));
    // By type, relation, then object id: a large level routes its tuples without a key string each.
    const byType = new Map<string, Map<string, Map<string, RelationTuple[]>>>();
    for (const t of answer.objects) {
      let byRelation = byType.get(t.objectType);
      if (!byRelation) byType.set(t.objectType, (byRelation = new Map()));
      let byId = byRelation.get(t.relation);
      if (!byId) byRelation.set(t.relation, (byId = new Map()));
      const list = byId.get(t.objectId);
      if (list) list.push(t);
      else byId.set(t.objectId, [t]);
    }
    for (const batch of batches) {
      const byId = byType.get(batch.objectType)?.get(batch.relation);
      for (const [id, waiter] of batch.waiters) waiter.resolve(byId?.get(id) ?? []);
    }
    const results = levels.map((): RelationTuple[] => []);
    deliverLevels(users.map((read, origin) => ({ ...read, origin })), answer.users, results);
    levels.forEach((level, i) => level.resolve(results[i]!));
  }

  /**
   * Memoizes, for every id a closure read reached, the tuples its prefetch read of them: the
   * reads a chain's ancestors are about to ask for, so they cost no round trip.
   */
  private seedPrefetched(reads: readonly ClosureQuery[], answers: readonly (ReadonlyMap<string, readonly string[]> | undefined)[], prefetched: readonly RelationTuple[]): void {
    this.noteExpiries(prefetched);
    const byKey = new Map<string, Map<string, RelationTuple>>();
    for (const t of prefetched) {
      const key = `${t.objectType}#${t.relation}@${t.objectId}`;
      let tuples = byKey.get(key);
      if (!tuples) byKey.set(key, (tuples = new Map()));
      // Two starts reaching the same node read its tuples twice.
      tuples.set(`${t.userType}\u0000${t.userId}\u0000${t.userRelation}`, t);
    }
    reads.forEach((read, i) => {
      const reach = answers[i];
      if (!reach || !read.prefetch) return;
      for (const reached of reach.values()) {
        for (const id of reached) {
          for (const r of read.prefetch) {
            const key = `${read.edge.objectType}#${r.relation}@${id}`;
            // Loaded: kept as the tuples themselves, as a read that answered (keepLoaded).
            if (!this.memo.has(key)) this.memo.set(key, [...(byKey.get(key)?.values() ?? [])]);
          }
        }
      }
    });
  }

  /**
   * Runs `hook` just before the next batch of reads is sent (none sent: never), so the reads it
   * queues go in that batch's statement; a hook it adds waits for the batch after.
   */
  beforeNextFlush(hook: () => void): void {
    this.beforeFlushHooks.push(hook);
  }

  /**
   * Resolves once the reads queued so far (the next batch to be sent) have answered or failed;
   * at once when none are queued. Lets a caller act "after the first level of reads".
   */
  whenQueuedReadsSettle(): Promise<void> {
    if (!this.flushScheduled) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  private async flush(batch: PendingBatch): Promise<void> {
    const ids = [...batch.waiters.keys()];
    await Promise.all(
      chunkIds(ids).map(async (chunk) => {
        try {
          const tuples = await this.run(() =>
            this.reader.readByObjects({
              objectType: batch.objectType,
              objectIds: chunk,
              relation: batch.relation,
              ...(batch.userFilters ? { userFilters: batch.userFilters } : {}),
            }),
          );
          const byId = groupByObject(tuples);
          for (const id of chunk) batch.waiters.get(id)?.resolve(byId.get(id) ?? []);
        } catch (error) {
          for (const id of chunk) batch.waiters.get(id)?.reject(error);
        }
      }),
    );
  }

  /**
   * Groups batches that read the very same objects of one type (under different relations), so
   * that each group costs one read: nothing is read that a waiter did not ask for. Without
   * `readRelationsByObjects` on the reader, or for large id sets, every batch stays on its own.
   */
  private mergeByObjects(batches: PendingBatch[]): PendingBatch[][] {
    if (batches.length < 2 || !this.reader.readRelationsByObjects) return batches.map((b) => [b]);
    const groups = new Map<string, PendingBatch[]>();
    const alone: PendingBatch[][] = [];
    for (const batch of batches) {
      if (batch.waiters.size > maxKeysPerRead) {
        alone.push([batch]);
        continue;
      }
      const key = `${batch.objectType}\u0000${[...batch.waiters.keys()].sort().join('\u0000')}`;
      const group = groups.get(key);
      if (group) group.push(batch);
      else groups.set(key, [batch]);
    }
    return [...groups.values(), ...alone];
  }

  /** One read for several relations of the same objects; each batch gets its relation's tuples. */
  private async flushRelations(group: PendingBatch[]): Promise<void> {
    const ids = [...group[0].waiters.keys()];
    const relations: RelationRead[] = group.map((b) => (b.userFilters ? { relation: b.relation, userFilters: b.userFilters } : { relation: b.relation }));
    try {
      const tuples = await this.run(() => readRelationsByObjects(this.reader, { objectType: group[0].objectType, objectIds: ids, relations }));
      const byRelation = new Map<string, RelationTuple[]>();
      for (const t of tuples) {
        const list = byRelation.get(t.relation);
        if (list) list.push(t);
        else byRelation.set(t.relation, [t]);
      }
      for (const batch of group) {
        const byId = groupByObject(byRelation.get(batch.relation) ?? []);
        for (const id of ids) batch.waiters.get(id)?.resolve(byId.get(id) ?? []);
      }
    } catch (error) {
      for (const batch of group) for (const id of ids) batch.waiters.get(id)?.reject(error);
    }
  }

  /** The queued user-side levels, in as few statements as fit `maxKeysPerRead` ids each. */
  private async flushLevels(levels: PendingLevel[]): Promise<void> {
    const results = levels.map((): RelationTuple[] => []);
    const reads = levels.map((level, origin) => ({ ...level.read, origin }));
    const statements = packReads(reads, (r) => r.userIds, (r, userIds) => ({ ...r, userIds }), true);
    try {
      await Promise.all(
        statements.map(async (statement) => {
          // One read alone goes as itself (the reader's plain reverse statement).
          const tuples = await this.run(() => (statement.length === 1 ? this.reader.readByUsers(statement[0]!) : readManyByUsers(this.reader, statement)));
          deliverLevels(statement, tuples, results);
        }),
      );
    } catch (error) {
      for (const level of levels) level.reject(error);
      return;
    }
    levels.forEach((level, i) => level.resolve(results[i]!));
  }

  private async flushUsers(batch: PendingUserBatch): Promise<void> {
    const ids = [...batch.waiters.keys()];
    const reads: Promise<void>[] = [];
    for (const chunk of chunkIds(ids)) {
      const read = this.run(() =>
        this.reader.readByUsers({
          objectType: batch.objectType,
          relation: batch.relation,
          userType: batch.userType,
          userIds: batch.userIds,
          userRelation: '',
          objectIds: chunk,
        }),
      ).then(
        (tuples) => {
          const byId = groupByObject(tuples);
          for (const id of chunk) batch.waiters.get(id)?.resolve(byId.get(id) ?? []);
        },
        (error: unknown) => {
          for (const id of chunk) batch.waiters.get(id)?.reject(error);
        },
      );
      reads.push(read);
    }
    await Promise.all(reads);
  }
}

/**
 * A closure read with the relations the level reads of its starts (their type, any of their ids)
 * to read of every node reached too: a chain node's ancestors ask the same relations as it.
 */
function withPrefetch(read: ClosureQuery, batches: readonly PendingBatch[]): ClosureQuery {
  const prefetch: RelationRead[] = [];
  for (const b of batches) {
    if (b.objectType !== read.edge.objectType || !read.objectIds.some((id) => b.waiters.has(id))) continue;
    prefetch.push(b.userFilters ? { relation: b.relation, userFilters: b.userFilters } : { relation: b.relation });
  }
  return prefetch.length > 0 ? { ...read, prefetch } : read;
}

/** Hands each user of a membership read the groups it is in, with its own tuples only. */
function deliverMemberships(batch: PendingMemberships, found: ReadonlyMap<string, RelationTuple[]> | undefined, noteExpiries: (tuples: readonly RelationTuple[]) => void): void {
  if (!found) {
    for (const waiter of batch.waiters.values()) waiter.resolve(undefined);
    return;
  }
  const byUser = new Map<string, Map<string, RelationTuple[]>>();
  for (const userId of batch.waiters.keys()) byUser.set(userId, new Map());
  for (const [group, tuples] of found) {
    noteExpiries(tuples);
    for (const t of tuples) {
      const groups = byUser.get(t.userId);
      if (!groups) continue;
      const list = groups.get(group);
      if (list) list.push(t);
      else groups.set(group, [t]);
    }
  }
  for (const [userId, waiter] of batch.waiters) waiter.resolve(byUser.get(userId));
}

/** Hands each tuple of a reverse statement to every read of it that asked for the tuple's key. */
function deliverLevels(statement: readonly (UsersRead & { origin: number })[], tuples: readonly RelationTuple[], results: RelationTuple[][]): void {
  const askers = new Map<string, number[]>();
  for (const r of statement) {
    for (const id of r.userIds) {
      const key = levelKey(r.objectType, r.relation, r.userType, r.userRelation, id);
      const list = askers.get(key);
      if (!list) askers.set(key, [r.origin]);
      else if (!list.includes(r.origin)) list.push(r.origin);
    }
  }
  for (const t of tuples) {
    for (const origin of askers.get(levelKey(t.objectType, t.relation, t.userType, t.userRelation, t.userId)) ?? []) results[origin]!.push(t);
  }
}

/** Whether the forward reads and user-side levels of a turn fit one statement's `maxKeysPerRead` keys. */
function fitsOneRead(batches: readonly PendingBatch[], levels: readonly PendingLevel[]): boolean {
  let keys = 0;
  for (const batch of batches) keys += batch.waiters.size;
  for (const level of levels) keys += level.read.userIds.length;
  return keys <= maxKeysPerRead;
}

function levelKey(objectType: string, relation: string, userType: string, userRelation: string, userId: string): string {
  return `${objectType}\u0000${relation}\u0000${userType}\u0000${userRelation}\u0000${userId}`;
}

function groupByObject(tuples: RelationTuple[]): Map<string, RelationTuple[]> {
  const byId = new Map<string, RelationTuple[]>();
  for (const t of tuples) {
    const list = byId.get(t.objectId);
    if (list) list.push(t);
    else byId.set(t.objectId, [t]);
  }
  return byId;
}

/**
 * What the branches still running after the answer meet at their next step. Nobody reads it (the
 * answer is out), and they are many in a wide union: one instance, not a stack trace each.
 */
const alreadyAnswered = new RelataError(ErrorCode.Cancelled, 'the evaluation has already answered');

function abortError(signal: AbortSignal): RelataError {
  const reason: unknown = signal.reason;
  if (reason instanceof RelataError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new RelataError(ErrorCode.DeadlineExceeded, 'the request deadline was exceeded');
  }
  return new RelataError(ErrorCode.Cancelled, 'the request was cancelled');
}
