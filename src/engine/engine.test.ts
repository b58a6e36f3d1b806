import { describe, expect, it } from 'vitest';
import { ArrayTupleReader } from '../../test/helpers/array-tuple-reader.js';
import { and, butNot, computed as cu, model, or, self, ttu } from '../../test/helpers/model-builders.js';
import type { TupleKey, Userset } from '../model/index.js';
import { ErrorCode, RelataError } from '../model/index.js';
import type { ConditionEvaluator } from './conditions/condition-port.js';
import { Engine } from './engine.js';

const t = (object: string, relation: string, user: string, condition?: string): TupleKey =>
  condition ? { object, relation, user, condition: { name: condition } } : { object, relation, user };

async function allowed(engine: Engine, reader: ArrayTupleReader, object: string, relation: string, user: string, extra: Partial<TupleKey> & { contextualTuples?: TupleKey[]; context?: Record<string, unknown> } = {}) {
  return (await engine.check(reader, { object, relation, user, ...extra })).allowed;
}

const docs = model({
  user: {},
  group: { member: [self, ['user', 'group#member']] },
  folder: { viewer: [self, ['user', 'user:*', 'group#member']] },
  document: {
    parent: [self, ['folder']],
    owner: [self, ['user']],
    editor: [or(self, cu('owner')), ['user', 'group#member']],
    viewer: [or(self, cu('editor'), ttu('parent', 'viewer')), ['user', 'user:*', 'group#member']],
    blocked: [self, ['user']],
    approved: [self, ['user']],
    can_read: [butNot(and(cu('viewer'), cu('approved')), cu('blocked'))],
  },
});

describe('Engine.check', () => {
  const engine = new Engine(docs);

  it('follows direct, computed, TTU and nested userset edges', async () => {
    const reader = new ArrayTupleReader([
      t('document:1', 'owner', 'user:anne'),
      t('document:1', 'parent', 'folder:a'),
      t('folder:a', 'viewer', 'group:eng#member'),
      t('group:eng', 'member', 'group:backend#member'),
      t('group:backend', 'member', 'user:bob'),
    ]);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'user:anne')).toBe(true);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'user:bob')).toBe(true);
    expect(await allowed(engine, reader, 'document:1', 'editor', 'user:bob')).toBe(false);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'user:carl')).toBe(false);
    expect(await allowed(engine, reader, 'document:2', 'viewer', 'user:anne')).toBe(false);
  });

  it('answers a chain of shared branches (r_i: r_(i-1) or r_(i-2)) in time linear in its length', async () => {
    // 29 relations: the longest path (28 hops) is past the depth limit, the shortest (14) is not.
    const relations: Record<string, [Userset, string[]?]> = { r0: [self, ['user']], r1: [or(self, cu('r0')), ['user']] };
    for (let i = 2; i < 29; i++) relations[`r${i}`] = [or(cu(`r${i - 1}`), cu(`r${i - 2}`))];
    const chain = new Engine(model({ user: {}, doc: relations }));
    const reader = new ArrayTupleReader([t('doc:1', 'r0', 'user:anne')]);
    const started = process.cpuUsage();
    expect(await allowed(chain, reader, 'doc:1', 'r28', 'user:anne')).toBe(true);
    // Without a grant every path is walked, and the long ones end past the limit: an error, as in OpenFGA.
    await expect(allowed(chain, reader, 'doc:1', 'r28', 'user:bob')).rejects.toMatchObject({ code: ErrorCode.AuthorizationModelResolutionTooComplex });
    const cpuMs = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
    expect(cpuMs).toBeLessThan(2000); // exponential re-evaluation took 52 s
  });

  it('evaluates intersection and exclusion as a truth table', async () => {
    const cases: [boolean, boolean, boolean, boolean][] = [];
    for (const viewer of [false, true]) for (const approved of [false, true]) for (const blocked of [false, true]) cases.push([viewer, approved, blocked, viewer && approved && !blocked]);
    for (const [viewer, approved, blocked, expected] of cases) {
      const reader = new ArrayTupleReader([
        ...(viewer ? [t('document:1', 'viewer', 'user:anne')] : []),
        ...(approved ? [t('document:1', 'approved', 'user:anne')] : []),
        ...(blocked ? [t('document:1', 'blocked', 'user:anne')] : []),
      ]);
      expect([viewer, approved, blocked, await allowed(engine, reader, 'document:1', 'can_read', 'user:anne')]).toEqual([viewer, approved, blocked, expected]);
    }
  });

  it('matches typed wildcards for objects but a wildcard user only against wildcard tuples', async () => {
    const reader = new ArrayTupleReader([t('folder:pub', 'viewer', 'user:*'), t('folder:x', 'viewer', 'user:anne')]);
    expect(await allowed(engine, reader, 'folder:pub', 'viewer', 'user:anyone')).toBe(true);
    expect(await allowed(engine, reader, 'folder:pub', 'viewer', 'user:*')).toBe(true);
    expect(await allowed(engine, reader, 'folder:x', 'viewer', 'user:*')).toBe(false);
  });

  it('answers for a userset user, including the userset itself', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'group:eng#member'), t('group:eng', 'member', 'group:sub#member')]);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'group:eng#member')).toBe(true);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'group:sub#member')).toBe(true);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'group:other#member')).toBe(false);
    expect(await allowed(engine, reader, 'group:x', 'member', 'group:x#member')).toBe(true);
  });

  it('ignores stored tuples the current model no longer allows', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'owner', 'group:eng#member'), t('group:eng', 'member', 'user:anne')]);
    expect(await allowed(engine, reader, 'document:1', 'owner', 'user:anne')).toBe(false);
  });

  it('terminates on cycles in data with "not allowed"', async () => {
    const reader = new ArrayTupleReader([
      t('group:a', 'member', 'group:b#member'),
      t('group:b', 'member', 'group:a#member'),
      t('group:c', 'member', 'group:c#member'),
    ]);
    expect(await allowed(engine, reader, 'group:a', 'member', 'user:anne')).toBe(false);
    expect(await allowed(engine, reader, 'group:c', 'member', 'user:anne')).toBe(false);
    reader.add([t('group:b', 'member', 'user:anne')]);
    expect(await allowed(engine, reader, 'group:a', 'member', 'user:anne')).toBe(true);
  });

  it('shares recursive sub-problems: a chain of diamonds stays linear', async () => {
    const diamonds = new Engine(
      model({
        user: {},
        team: { member: [self, ['group#member']] },
        group: { member: [self, ['user', 'group#member', 'team#member']] },
      }),
    );
    const keys: TupleKey[] = [];
    for (let i = 0; i < 22; i++) {
      keys.push(t(`group:g${i}`, 'member', `team:a${i}#member`), t(`group:g${i}`, 'member', `team:b${i}#member`));
      keys.push(t(`team:a${i}`, 'member', `group:g${i + 1}#member`), t(`team:b${i}`, 'member', `group:g${i + 1}#member`));
    }
    const reader = new ArrayTupleReader(keys);
    const started = Date.now();
    const error = await diamonds.check(reader, { object: 'group:g0', relation: 'member', user: 'user:anne' }).catch((e: unknown) => e);
    expect((error as RelataError).code).toBe(ErrorCode.AuthorizationModelResolutionTooComplex);
    reader.add([t('group:g11', 'member', 'user:anne')]);
    expect(await allowed(diamonds, reader, 'group:g0', 'member', 'user:anne')).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails with 2002 past the depth limit and succeeds within it', async () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => t(`group:g${i}`, 'member', `group:g${i + 1}#member`));
    const deep = new ArrayTupleReader([...chain(30), t('group:g30', 'member', 'user:anne')]);
    const error = await engine.check(deep, { object: 'group:g0', relation: 'member', user: 'user:anne' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelataError);
    expect((error as RelataError).code).toBe(ErrorCode.AuthorizationModelResolutionTooComplex);
    const shallow = new ArrayTupleReader([...chain(10), t('group:g10', 'member', 'user:anne')]);
    expect(await allowed(engine, shallow, 'group:g0', 'member', 'user:anne')).toBe(true);
    const limited = new Engine(docs, { limits: { maxDepth: 5 } });
    await expect(limited.check(shallow, { object: 'group:g0', relation: 'member', user: 'user:anne' })).rejects.toMatchObject({ code: 2002 });
  });

  it('answers nested membership from the user side with a few reverse reads', async () => {
    const keys: TupleKey[] = [];
    for (let i = 0; i < 200; i++) {
      keys.push(t('group:root', 'member', `group:g${i}#member`));
      for (let j = 0; j < 5; j++) keys.push(t(`group:g${i}`, 'member', `user:u${i}-${j}`));
    }
    keys.push(t('group:g7', 'member', 'group:deep#member'), t('group:deep', 'member', 'user:anne'));
    const reader = new ArrayTupleReader(keys);
    expect(await allowed(engine, reader, 'group:root', 'member', 'user:anne')).toBe(true);
    expect(reader.readByUsersCalls.length).toBeGreaterThan(0);
    expect(reader.reads).toBeLessThanOrEqual(4);
    expect(await allowed(engine, reader, 'group:root', 'member', 'user:nobody')).toBe(false);
  });

  it("shares one reverse statement per level among a BatchCheck's user-side walks, with the answers of single Checks", async () => {
    // 30 users, each 3 nested groups below group:root; half of them also below a group outside it.
    const keys: TupleKey[] = [];
    for (let u = 0; u < 30; u++) {
      keys.push(t('group:root', 'member', `group:a${u}#member`), t(`group:a${u}`, 'member', `group:b${u}#member`), t(`group:b${u}`, 'member', `user:u${u}`));
      if (u % 2 === 0) keys.push(t('group:outside', 'member', `group:c${u}#member`), t(`group:c${u}`, 'member', `user:v${u}`));
    }
    const items = Array.from({ length: 60 }, (_, i) => ({ correlationId: String(i), object: 'group:root', relation: 'member', user: `user:${i % 2 === 0 ? 'u' : 'v'}${i >> 1}` }));
    const single = await Promise.all(items.map((item) => allowed(engine, new ArrayTupleReader(keys), item.object, item.relation, item.user)));
    const reader = new ArrayTupleReader(keys);
    const batched = await engine.batchCheck(reader, items);
    expect(batched.map((o) => ('allowed' in o ? o.allowed : o.error))).toEqual(single);
    expect(single.filter(Boolean)).toHaveLength(30);
    // One statement per level of the walks (user, b, a, root, and the end), not one per user and level.
    expect(reader.readManyByUsersCalls.length).toBeGreaterThan(0);
    expect(reader.readManyByUsersCalls.length + reader.readByUsersCalls.length).toBeLessThanOrEqual(6);
  });

  it('batches one graph level into one read', async () => {
    const keys: TupleKey[] = [];
    for (let i = 0; i < 50; i++) keys.push(t('document:1', 'viewer', `group:g${i}#member`));
    const reader = new ArrayTupleReader(keys);
    const result = await engine.check(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne' });
    expect(result.allowed).toBe(false);
    // viewer(direct) + owner + editor + parent, then one read for all 50 groups.
    expect(reader.reads).toBeLessThanOrEqual(5);
  });

  it('overlays contextual tuples and validates them like writes', async () => {
    const reader = new ArrayTupleReader([]);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'user:anne', { contextualTuples: [t('document:1', 'owner', 'user:anne')] })).toBe(true);
    await expect(engine.check(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne', contextualTuples: [t('document:1', 'owner', 'user:*')] })).rejects.toMatchObject({ code: 2027 });
    await expect(engine.check(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne', contextualTuples: [t('document:1', 'nope', 'user:anne')] })).rejects.toMatchObject({ code: 2027 });
    await expect(engine.check(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne', contextualTuples: [t('document:1', 'parent', 'folder:*')] })).rejects.toMatchObject({ code: 2027 });
  });

  it('validates the request with 2000', async () => {
    const reader = new ArrayTupleReader([]);
    for (const [object, relation, user] of [
      ['document:1', 'nope', 'user:anne'],
      ['nope:1', 'viewer', 'user:anne'],
      ['document:1', 'viewer', 'nope:anne'],
      ['document:1', 'viewer', 'a:b:c'],
      ['document:1', 'viewer', 'group:x#nope'],
      ['document:1', 'viewer', 'group:*#member'],
      ['document', 'viewer', 'user:anne'],
      [`document:${'x'.repeat(300)}`, 'viewer', 'user:anne'],
    ]) {
      await expect(engine.check(reader, { object, relation, user }), `${object}#${relation}@${user}`).rejects.toMatchObject({ code: 2000 });
    }
  });

  it('stops when the request is aborted', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne')]);
    const controller = new AbortController();
    controller.abort();
    await expect(engine.check(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne' }, { signal: controller.signal })).rejects.toMatchObject({ code: ErrorCode.Cancelled });
  });

  it('gives up at the deadline even while a read hangs', async () => {
    const hanging = { readByObjects: () => new Promise<never>(() => undefined), readByUsers: () => new Promise<never>(() => undefined) };
    const started = Date.now();
    await expect(engine.check(hanging, { object: 'document:1', relation: 'viewer', user: 'user:anne' }, { timeoutMs: 50 })).rejects.toMatchObject({ code: ErrorCode.DeadlineExceeded });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps at most maxConcurrentReads reads in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const inner = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne')]);
    const slow = {
      async readByObjects(query: Parameters<ArrayTupleReader['readByObjects']>[0]) {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return inner.readByObjects(query);
      },
      readByUsers: (query: Parameters<ArrayTupleReader['readByUsers']>[0]) => inner.readByUsers(query),
    };
    const result = await engine.check(slow, { object: 'document:1', relation: 'can_read', user: 'user:anne' }, { limits: { maxConcurrentReads: 1 } });
    expect(result.allowed).toBe(false);
    expect(peak).toBe(1);
  });
});

describe('conditions', () => {
  const conditional = model(
    {
      user: {},
      document: { viewer: [or(self, cu('owner')), ['user with small']], owner: [self, ['user']] },
    },
    ['small'],
  );
  const fake: ConditionEvaluator = {
    evaluate(_name, tupleContext, requestContext) {
      const x = { ...requestContext, ...tupleContext }.x;
      if (x === undefined) return { met: false, missingParameters: ['x'] };
      return { met: Number(x) < 100, missingParameters: [] };
    },
  };
  const engine = new Engine(conditional, { conditions: fake });
  const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne', 'small')]);

  it('applies the condition with the request context', async () => {
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'user:anne', { context: { x: 1 } })).toBe(true);
    expect(await allowed(engine, reader, 'document:1', 'viewer', 'user:anne', { context: { x: 500 } })).toBe(false);
  });

  it('a missing parameter is an error unless another path allows', async () => {
    await expect(engine.check(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne' })).rejects.toMatchObject({ code: 2000 });
    const both = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne', 'small'), t('document:1', 'owner', 'user:anne')]);
    expect(await allowed(engine, both, 'document:1', 'viewer', 'user:anne')).toBe(true);
  });
});

describe('Engine.batchCheck', () => {
  const engine = new Engine(docs);
  it('answers each item with its correlation id and per-item errors', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'owner', 'user:anne')]);
    const out = await engine.batchCheck(reader, [
      { correlationId: 'a', object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { correlationId: 'b', object: 'document:1', relation: 'viewer', user: 'user:bob' },
      { correlationId: 'c', object: 'document:1', relation: 'nope', user: 'user:bob' },
      { correlationId: 'd', object: 'document:1', relation: 'viewer', user: 'user:bob', contextualTuples: [t('document:1', 'viewer', 'user:bob')] },
    ]);
    expect(out).toMatchObject([
      { correlationId: 'a', allowed: true },
      { correlationId: 'b', allowed: false },
      { correlationId: 'c', error: { code: 2000, message: expect.any(String) } },
      { correlationId: 'd', allowed: true },
    ]);
    // Errors are values: the item's own typed error, for the transport to map and log.
    expect((out[2] as { error: unknown }).error).toBeInstanceOf(RelataError);
    await expect(engine.batchCheck(reader, [
      { correlationId: 'x', object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { correlationId: 'x', object: 'document:1', relation: 'viewer', user: 'user:anne' },
    ])).rejects.toMatchObject({ code: 2000 });
  });
});

describe('Engine.candidateChecker', () => {
  it('checks many candidates in one session with batched reads', async () => {
    const engine = new Engine(docs);
    const keys: TupleKey[] = [];
    for (let i = 0; i < 100; i++) keys.push(t(`document:${i}`, 'parent', 'folder:shared'));
    keys.push(t('folder:shared', 'viewer', 'user:anne'), t('document:3', 'blocked', 'user:anne'));
    for (let i = 0; i < 100; i++) keys.push(t(`document:${i}`, 'approved', 'user:anne'));
    const reader = new ArrayTupleReader(keys);
    const check = engine.candidateChecker(reader, {});
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => check({ object: `document:${i}`, relation: 'can_read', user: 'user:anne' })));
    expect(answers.filter(Boolean)).toHaveLength(99);
    expect(answers[3]).toBe(false);
    expect(reader.reads).toBeLessThan(20);
  });
});

describe('Engine.expand', () => {
  const engine = new Engine(docs);
  it('returns one level of the userset tree', async () => {
    const reader = new ArrayTupleReader([
      t('document:1', 'viewer', 'user:anne'),
      t('document:1', 'viewer', 'group:eng#member'),
      t('document:1', 'parent', 'folder:a'),
    ]);
    const { tree } = await engine.expand(reader, { object: 'document:1', relation: 'viewer' });
    expect(tree.root).toEqual({
      name: 'document:1#viewer',
      union: {
        nodes: [
          { name: 'document:1#viewer', leaf: { users: { users: ['user:anne', 'group:eng#member'] } } },
          { name: 'document:1#viewer', leaf: { computed: { userset: 'document:1#editor' } } },
          { name: 'document:1#viewer', leaf: { tupleToUserset: { tupleset: 'document:1#parent', computed: [{ userset: 'folder:a#viewer' }] } } },
        ],
      },
    });
    const diff = await engine.expand(reader, { object: 'document:1', relation: 'can_read' });
    expect(diff.tree.root.difference?.base.intersection?.nodes).toHaveLength(2);
    await expect(engine.expand(reader, { object: 'nope:1', relation: 'viewer' })).rejects.toMatchObject({ code: 2021 });
    await expect(engine.expand(reader, { object: 'document:1', relation: 'nope' })).rejects.toMatchObject({ code: 2022 });
  });
});

describe('Engine list queries', () => {
  const keys = [
    t('folder:shared', 'viewer', 'user:anne'),
    t('document:1', 'parent', 'folder:shared'),
    t('document:2', 'viewer', 'user:anne'),
    t('document:3', 'viewer', 'user:anne'),
    t('document:3', 'blocked', 'user:anne'),
    t('document:1', 'approved', 'user:anne'),
    t('document:2', 'approved', 'user:anne'),
    t('document:3', 'approved', 'user:anne'),
  ];

  it('answers ListObjects, StreamedListObjects, the sorted answer and ListUsers over one reader', async () => {
    const engine = new Engine(docs);
    const reader = new ArrayTupleReader(keys);
    const request = { type: 'document', relation: 'can_read', user: 'user:anne' };
    expect((await engine.listObjects(reader, request)).objects.sort()).toEqual(['document:1', 'document:2']);
    const streamed: string[] = [];
    for await (const object of engine.streamListObjects(reader, request)) streamed.push(object);
    expect(streamed.sort()).toEqual(['document:1', 'document:2']);
    expect((await engine.listObjectsSorted(reader, request)).objects).toEqual(['document:1', 'document:2']);
    const users = await engine.listUsers(reader, { object: 'document:3', relation: 'can_read', userFilters: [{ type: 'user' }] });
    expect(users.users).toEqual([]);
    const viewers = await engine.listUsers(reader, { object: 'document:1', relation: 'viewer', userFilters: [{ type: 'user' }] });
    expect(viewers.users).toEqual([{ object: { type: 'user', id: 'anne' } }]);
  });

  it('builds the reverse graph once and keeps it', () => {
    const engine = new Engine(docs);
    expect(engine.graph).toBe(engine.graph);
  });

  it('applies its own depth limit to ListUsers unless the call gives one', async () => {
    const engine = new Engine(docs, { limits: { maxDepth: 1 } });
    const reader = new ArrayTupleReader([t('group:a', 'member', 'group:b#member'), t('group:b', 'member', 'group:c#member'), t('group:c', 'member', 'user:anne')]);
    const request = { object: 'group:a', relation: 'member', userFilters: [{ type: 'user' }] };
    await expect(engine.listUsers(reader, request)).rejects.toMatchObject({ code: ErrorCode.AuthorizationModelResolutionTooComplex });
    expect((await engine.listUsers(reader, request, { maxDepth: 25 })).users).toEqual([{ object: { type: 'user', id: 'anne' } }]);
  });
});
