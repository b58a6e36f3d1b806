import { describe, expect, it } from 'vitest';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import { computed as cu, model, or, self, ttu } from '../../../test/helpers/model-builders.js';
import type { TupleKey } from '../../model/index.js';
import { Engine } from '../engine.js';
import { RequestReader } from './request-reader.js';
import type { RelationTuple } from '../../model/index.js';
import type { LevelQuery, LevelTuples, ReadByObjectsQuery, ReadByUsersQuery, TupleReader } from './tuple-reader.js';

const t = (object: string, relation: string, user: string): TupleKey => ({ object, relation, user });
const t2 = (objectType: string, objectId: string, relation: string, userId: string): RelationTuple => ({ objectType, objectId, relation, userType: 'user', userId, userRelation: '' });

/** The same tuples, but a reader without readRelationsByObjects (one read per relation). */
class PlainReader implements TupleReader {
  constructor(private readonly inner: ArrayTupleReader) {}
  readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    return this.inner.readByObjects(query);
  }
  readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    return this.inner.readByUsers(query);
  }
}

/** The same tuples with readLevel (one level, forward and reverse, in one read), counting its calls. */
class LevelReader extends ArrayTupleReader {
  levels: LevelQuery[] = [];
  async readLevel(query: LevelQuery): Promise<LevelTuples> {
    this.levels.push(query);
    const before = this.reads;
    const forward = await Promise.all(query.objects.map((r) => this.readByObjects({ objectType: r.objectType, objectIds: r.objectIds, relation: r.relation, ...(r.userFilters ? { userFilters: r.userFilters } : {}) })));
    const users = await this.readManyByUsers(query.users);
    this.reads = before + 1;
    return { objects: forward.flat(), users };
  }
}

const userOrGroup = [{ userType: 'user', userRelation: '' }, { userType: 'group', userRelation: 'member' }];

describe('RequestReader', () => {
  const tuples = [
    t('doc:1', 'viewer', 'user:anne'),
    t('doc:1', 'viewer', 'group:eng#member'),
    t('doc:1', 'editor', 'user:bob'),
    t('doc:1', 'parent', 'folder:a'),
    t('doc:2', 'editor', 'user:carl'),
    t('folder:a', 'viewer', 'user:dan'),
  ];

  it('merges reads of the same objects under several relations into one read, each caller getting its own relation', async () => {
    const array = new ArrayTupleReader(tuples);
    const reads = new RequestReader(array, { maxConcurrentReads: 10 });
    const [viewers, editors, parents] = await Promise.all([
      reads.objectTuples('doc', 'viewer', '1', userOrGroup),
      reads.objectTuples('doc', 'editor', '1', [{ userType: 'user', userRelation: '' }]),
      reads.objectTuples('doc', 'parent', '1', [{ userType: 'folder', userRelation: '' }]),
    ]);
    expect(viewers.map((x) => `${x.relation}@${x.userType}:${x.userId}`).sort()).toEqual(['viewer@group:eng', 'viewer@user:anne']);
    expect(editors.map((x) => `${x.relation}@${x.userId}`)).toEqual(['editor@bob']);
    expect(parents.map((x) => `${x.relation}@${x.userId}`)).toEqual(['parent@a']);
    expect(array.reads).toBe(1);
    expect(reads.readCount).toBe(1);
  });

  it('applies each relation its own filter', async () => {
    const array = new ArrayTupleReader(tuples);
    const reads = new RequestReader(array, { maxConcurrentReads: 10 });
    const [viewers, editors] = await Promise.all([
      reads.objectTuples('doc', 'viewer', '1', [{ userType: 'group', userRelation: 'member' }]),
      reads.objectTuples('doc', 'editor', '1', []),
    ]);
    expect(viewers.map((x) => x.userId)).toEqual(['eng']);
    expect(editors).toEqual([]);
    expect(array.reads).toBe(1);
  });

  it('keeps reads of different objects or types apart, and one read per relation without readRelationsByObjects', async () => {
    const array = new ArrayTupleReader(tuples);
    const reads = new RequestReader(array, { maxConcurrentReads: 10 });
    const [d1, d2, folder] = await Promise.all([
      reads.objectTuples('doc', 'viewer', '1'),
      reads.objectTuples('doc', 'editor', '2'),
      reads.objectTuples('folder', 'viewer', 'a'),
    ]);
    expect([d1.length, d2.length, folder.length]).toEqual([2, 1, 1]);
    expect(array.reads).toBe(3);

    const plain = new ArrayTupleReader(tuples);
    const unmerged = new RequestReader(new PlainReader(plain), { maxConcurrentReads: 10 });
    const [viewers, editors] = await Promise.all([unmerged.objectTuples('doc', 'viewer', '1'), unmerged.objectTuples('doc', 'editor', '1')]);
    expect([viewers.length, editors.length]).toEqual([2, 1]);
    expect(plain.reads).toBe(2);
  });

  it('sends the forward reads of different objects and the user-side levels of one turn as one readLevel, each caller getting its own tuples', async () => {
    const level = new LevelReader([...tuples, t('group:eng', 'member', 'user:anne'), t('group:ops', 'member', 'user:anne')]);
    const reads = new RequestReader(level, { maxConcurrentReads: 10 });
    expect(reads.readsLevels).toBe(true);
    const [d1, d2, folder, groups, viewerOf] = await Promise.all([
      reads.objectTuples('doc', 'viewer', '1', userOrGroup),
      reads.objectTuples('doc', 'editor', '2'),
      reads.objectTuples('folder', 'viewer', 'a'),
      reads.usersLevel({ objectType: 'group', relation: 'member', userType: 'user', userIds: ['anne', '*'], userRelation: '' }),
      reads.usersLevel({ objectType: 'doc', relation: 'viewer', userType: 'user', userIds: ['anne'], userRelation: '' }),
    ]);
    expect(d1.map((x) => x.userId).sort()).toEqual(['anne', 'eng']);
    expect(d2.map((x) => x.userId)).toEqual(['carl']);
    expect(folder.map((x) => x.userId)).toEqual(['dan']);
    expect(groups.map((x) => x.objectId).sort()).toEqual(['eng', 'ops']);
    // The same tuple on both sides (doc:1#viewer@user:anne) reaches both callers.
    expect(viewerOf.map((x) => `${x.objectId}@${x.userId}`)).toEqual(['1@anne']);
    expect(level.levels).toHaveLength(1);
    expect(reads.readCount).toBe(1);
    // One read alone keeps its own statement.
    const single = new RequestReader(level, { maxConcurrentReads: 10 });
    await single.objectTuples('doc', 'viewer', '1');
    expect(level.levels).toHaveLength(1);
  });

  it('keeps a turn of more keys than one statement takes on the per-kind reads, cut into chunks', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => t(`doc:${i}`, 'viewer', `user:u${i}`));
    const level = new LevelReader([...many, t('group:eng', 'member', 'user:u7')]);
    const reads = new RequestReader(level, { maxConcurrentReads: 10 });
    const [docs, groups, folder] = await Promise.all([
      Promise.all(many.map((_, i) => reads.objectTuples('doc', 'viewer', String(i)))),
      reads.usersLevel({ objectType: 'group', relation: 'member', userType: 'user', userIds: ['u7'], userRelation: '' }),
      reads.objectTuples('folder', 'viewer', 'a'),
    ]);
    expect(docs.every((found, i) => found.length === 1 && found[0]!.userId === `u${i}`)).toBe(true);
    expect(groups.map((g) => g.objectId)).toEqual(['eng']);
    expect(folder).toEqual([]);
    expect(level.levels).toHaveLength(0);
  });

  it('fails every caller of a level read when it fails, and notes the expiry of both sides', async () => {
    const failing: TupleReader = {
      readByObjects: () => Promise.resolve([]),
      readByUsers: () => Promise.resolve([]),
      readLevel: () => Promise.reject(new Error('boom')),
    };
    const reads = new RequestReader(failing, { maxConcurrentReads: 10 });
    const results = await Promise.allSettled([
      reads.objectTuples('doc', 'viewer', '1'),
      reads.objectTuples('folder', 'viewer', '1'),
      reads.usersLevel({ objectType: 'group', relation: 'member', userType: 'user', userIds: ['anne'], userRelation: '' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);

    const expiring = new LevelReader([]);
    expiring.tuples.push({ ...t2('doc', '1', 'viewer', 'anne'), expiresAt: 5000 }, { ...t2('group', 'g', 'member', 'anne'), expiresAt: 3000 });
    const timed = new RequestReader(expiring, { maxConcurrentReads: 10 });
    await Promise.all([
      timed.objectTuples('doc', 'viewer', '1'),
      timed.objectTuples('folder', 'viewer', '1'),
      timed.usersLevel({ objectType: 'group', relation: 'member', userType: 'user', userIds: ['anne'], userRelation: '' }),
    ]);
    expect(expiring.levels).toHaveLength(1);
    expect(timed.earliestExpiry).toBe(3000);
  });

  it('fails every caller of a merged read when it fails', async () => {
    const failing: TupleReader = {
      readByObjects: () => Promise.reject(new Error('boom')),
      readByUsers: () => Promise.resolve([]),
      readRelationsByObjects: () => Promise.reject(new Error('boom')),
    };
    const reads = new RequestReader(failing, { maxConcurrentReads: 10 });
    const results = await Promise.allSettled([reads.objectTuples('doc', 'viewer', '1'), reads.objectTuples('doc', 'editor', '1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

// resource -> folder -> project -> tenant, roles inherited downwards, tenant viewers through nested groups.
const tenancy = model({
  user: {},
  group: { member: [self, ['user', 'group#member']] },
  tenant: {
    admin: [self, ['user', 'group#member']],
    editor: [or(self, cu('admin')), ['user', 'group#member']],
    viewer: [or(self, cu('editor')), ['user', 'group#member']],
  },
  project: {
    tenant: [self, ['tenant']],
    admin: [or(self, ttu('tenant', 'admin')), ['user', 'group#member']],
    editor: [or(self, cu('admin'), ttu('tenant', 'editor')), ['user', 'group#member']],
    viewer: [or(self, cu('editor'), ttu('tenant', 'viewer')), ['user', 'group#member']],
  },
  folder: {
    project: [self, ['project']],
    editor: [or(self, ttu('project', 'editor')), ['user', 'group#member']],
    viewer: [or(self, cu('editor'), ttu('project', 'viewer')), ['user', 'group#member']],
  },
  resource: {
    folder: [self, ['folder']],
    owner: [self, ['user']],
    editor: [or(self, cu('owner'), ttu('folder', 'editor')), ['user', 'group#member']],
    viewer: [or(self, cu('editor'), ttu('folder', 'viewer')), ['user', 'user:*', 'group#member']],
  },
});

describe('a deep check (resource -> folder -> project -> tenant -> nested groups)', () => {
  const keys = [
    t('resource:r', 'folder', 'folder:f'),
    t('resource:r', 'viewer', 'user:someone'),
    t('folder:f', 'project', 'project:p'),
    t('project:p', 'tenant', 'tenant:t'),
    t('project:p', 'editor', 'user:pe'),
    t('tenant:t', 'viewer', 'group:g0#member'),
    t('tenant:t', 'admin', 'user:boss'),
    t('group:g0', 'member', 'group:g1#member'),
    t('group:g1', 'member', 'group:g2#member'),
    t('group:g2', 'member', 'user:deep'),
    t('group:other', 'member', 'user:outsider'),
  ];
  const engine = new Engine(tenancy);
  const cases: [string, string, boolean][] = [
    ['viewer', 'user:deep', true],
    ['viewer', 'user:outsider', false],
    ['viewer', 'user:boss', true],
    ['editor', 'user:boss', true],
    ['editor', 'user:deep', false],
    ['viewer', 'user:pe', true],
    ['viewer', 'user:someone', true],
    ['viewer', 'user:nobody', false],
  ];

  it('answers the same with merged reads as with one read per relation, in fewer reads', async () => {
    for (const [relation, user, expected] of cases) {
      const merged = new ArrayTupleReader(keys);
      const plainTuples = new ArrayTupleReader(keys);
      const a = await engine.check(merged, { object: 'resource:r', relation, user });
      const b = await engine.check(new PlainReader(plainTuples), { object: 'resource:r', relation, user });
      expect([relation, user, a.allowed]).toEqual([relation, user, expected]);
      expect(b.allowed).toBe(expected);
      expect(merged.reads).toBeLessThanOrEqual(plainTuples.reads);
    }
    const deep = new ArrayTupleReader(keys);
    await engine.check(deep, { object: 'resource:r', relation: 'viewer', user: 'user:deep' });
    // One read per level of the object walk (4, plus resource#owner read from the user's side)
    // and one per level of the user-side group walk (4): not one read per relation of each
    // union (18 without readRelationsByObjects).
    expect(deep.reads).toBeLessThanOrEqual(9);
    // A grant the first level finds: no group walk is started for it.
    const direct = new ArrayTupleReader(keys);
    expect((await engine.check(direct, { object: 'resource:r', relation: 'viewer', user: 'user:someone' })).allowed).toBe(true);
    expect(direct.readByUsersCalls.filter((q) => q.objectType === 'group')).toEqual([]);
    expect(direct.reads).toBe(2);
  });

  it('with readLevel, answers the same with the user-side walk riding in the object walk\'s statements: one per level', async () => {
    for (const [relation, user, expected] of cases) {
      const level = new LevelReader(keys);
      const plain = new ArrayTupleReader(keys);
      expect((await engine.check(level, { object: 'resource:r', relation, user })).allowed).toBe(expected);
      await engine.check(plain, { object: 'resource:r', relation, user });
      expect(level.reads).toBeLessThanOrEqual(plain.reads);
    }
    const deep = new LevelReader(keys);
    const result = await engine.check(deep, { object: 'resource:r', relation: 'viewer', user: 'user:deep' });
    // The object walk's 4 levels (resource, folder, project, tenant) with the group walk's 4
    // levels beside them: 5 statements instead of 9.
    expect(result.readCount).toBe(5);
    // A grant the first level finds costs what it cost before: the user's groups ride in the
    // level's statement; `owner: [user]`, asked from the user's side, still goes on its own.
    const direct = new LevelReader(keys);
    expect(await engine.check(direct, { object: 'resource:r', relation: 'viewer', user: 'user:someone' })).toMatchObject({ allowed: true, readCount: 2 });
  });

  it('answers the same when the contextual tuples overlay the merged reads', async () => {
    const reader = new ArrayTupleReader(keys.filter((k) => k.relation !== 'tenant'));
    const contextualTuples = [t('project:p', 'tenant', 'tenant:t')];
    expect((await engine.check(reader, { object: 'resource:r', relation: 'viewer', user: 'user:deep', contextualTuples })).allowed).toBe(true);
    expect((await engine.check(reader, { object: 'resource:r', relation: 'viewer', user: 'user:deep' })).allowed).toBe(false);
  });
});
