// A shared "database" (tuples + changelog) and cache replicas over the real engine, for the
// decision cache tests.
import { randomUUID } from 'node:crypto';
import { Engine } from '../../src/engine/index.js';
import type { CheckRequest, CheckResult } from '../../src/engine/index.js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { createCachedChecker, createDecisionCache, type CacheEventListener, type CacheOptions, type CachedCheckOptions, type ChangeFeed, type DecisionCache, type FeedChange } from '../../src/cache/index.js';
import { ArrayTupleReader, toTuple } from '../helpers/array-tuple-reader.js';

/** Tuples of one store and their changelog; stands in for PostgreSQL. */
export class FakeDatabase implements ChangeFeed {
  readonly reader = new ArrayTupleReader();
  readonly changelog: (FeedChange & { storeId: string })[] = [];
  private revision = 0n;
  feedCalls = 0;

  write(storeId: string, writes: TupleKey[], deletes: TupleKey[] = []): bigint {
    for (const key of deletes) {
      const t = toTuple(key);
      const i = this.reader.tuples.findIndex((x) => x.objectType === t.objectType && x.objectId === t.objectId && x.relation === t.relation
        && x.userType === t.userType && x.userId === t.userId && x.userRelation === t.userRelation);
      if (i >= 0) this.reader.tuples.splice(i, 1);
    }
    this.reader.add(writes);
    for (const key of [...deletes, ...writes]) {
      this.revision += 1n;
      this.changelog.push({ storeId, revision: this.revision, object: key.object, relation: key.relation });
    }
    return this.revision;
  }

  async latestRevision(storeId: string): Promise<bigint> {
    this.feedCalls++;
    return this.changelog.filter((c) => c.storeId === storeId).reduce((max, c) => (c.revision > max ? c.revision : max), 0n);
  }

  async changesSince(storeId: string, afterRevision: bigint): Promise<FeedChange[]> {
    this.feedCalls++;
    return this.changelog.filter((c) => c.storeId === storeId && c.revision > afterRevision).slice(0, 50);
  }
}

export interface CheckCtx {
  storeId: string;
  model: AuthorizationModel & { id: string };
}

/** One Relata process: its own decision cache around the real engine, over the shared database. */
export function createReplica(db: FakeDatabase, model: AuthorizationModel & { id: string }, options: CacheOptions, withFeed = true, onEvent?: CacheEventListener) {
  const engine = new Engine(model);
  let evaluations = 0;
  const cache: DecisionCache = createDecisionCache(options, { feed: withFeed ? db : undefined, onEvent });
  let gate: Promise<void> | undefined;
  let evaluated: (() => void) | undefined;
  const checker = createCachedChecker(
    async (_ctx: CheckCtx, request: CheckRequest): Promise<CheckResult> => {
      evaluations++;
      const result = await engine.check(db.reader, request);
      evaluated?.();
      if (gate) await gate;
      return result;
    },
    cache,
    (ctx) => ctx,
  );
  return {
    cache,
    get evaluations() {
      return evaluations;
    },
    /** Holds every evaluation after its reads until `release` is called; `evaluated` = reads done. */
    holdEvaluations(): { release: () => void; evaluated: Promise<void> } {
      let open = () => {};
      gate = new Promise((resolve) => (open = resolve));
      const done = new Promise<void>((resolve) => (evaluated = resolve));
      return {
        evaluated: done,
        release: () => {
          gate = undefined;
          evaluated = undefined;
          open();
        },
      };
    },
    check(storeId: string, tuple: string, options?: CachedCheckOptions & Pick<CheckRequest, 'contextualTuples' | 'context'>) {
      const { object, relation, user } = tk(tuple);
      const { contextualTuples, context, ...cacheOptions } = options ?? {};
      return checker.check({ storeId, model }, { object, relation, user, contextualTuples, context }, cacheOptions);
    },
    checkMany(storeId: string, tuples: string[], options?: CachedCheckOptions) {
      const requests = tuples.map((tuple) => {
        const { object, relation, user } = tk(tuple);
        return { object, relation, user };
      });
      return checker.checkMany({ storeId, model }, requests, options);
    },
    /** Write through the "service": commit, then tell the cache. */
    write(storeId: string, writes: TupleKey[], deletes: TupleKey[] = []): bigint {
      const revision = db.write(storeId, writes, deletes);
      cache.recordWrite(storeId, { revision, tuples: [...writes, ...deletes] });
      return revision;
    },
  };
}

export const uniquePrefix = () => `relata:test:${randomUUID().slice(0, 8)}:`;
export const uniqueStore = () => `store-${randomUUID().slice(0, 8)}`;
/** `document:1#viewer@group:eng#member` -> a tuple key. */
export const tk = (tuple: string): TupleKey => {
  const hash = tuple.indexOf('#');
  const rest = tuple.slice(hash + 1);
  const at = rest.indexOf('@');
  return { object: tuple.slice(0, hash), relation: rest.slice(0, at), user: rest.slice(at + 1) };
};

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 2): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await condition()) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
