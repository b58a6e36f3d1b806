import { describe, expect, it } from 'vitest';
import { ErrorCode, RelataError, ValidationError } from '../../model/index.js';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import { computed, model, self, ttu } from '../../../test/helpers/model-builders.js';
import type { CandidateCheck } from './list-objects.js';
import { listObjects, streamListObjects } from './list-objects.js';
import { walkSliceSize } from './list-objects-expand.js';
import { ModelIndex } from '../model-index.js';
import { celConditionEvaluator } from '../conditions/cel-conditions.js';
import type { RelationTuple } from '../../model/index.js';
import type { ReadByUsersQuery } from '../read/tuple-reader.js';

const docs = model({
  user: {},
  group: { member: [self, ['user', 'user:*', 'group#member']] },
  folder: { parent: [self, ['folder']], viewer: [{ union: { child: [self, ttu('parent', 'viewer')] } }, ['user', 'group#member']] },
  document: {
    parent: [self, ['folder']],
    owner: [self, ['user']],
    blocked: [self, ['user']],
    editor: [{ union: { child: [self, computed('owner')] } }, ['user', 'group#member']],
    viewer: [{ union: { child: [self, computed('editor'), ttu('parent', 'viewer')] } }, ['user', 'user:*', 'group#member']],
    restricted: [{ difference: { base: computed('viewer'), subtract: computed('blocked') } }],
    banned: [{ union: { child: [self, computed('owner')] } }, ['user']],
    visible: [{ difference: { base: computed('viewer'), subtract: computed('banned') } }],
  },
});

const noCheck: CandidateCheck = async () => {
  throw new Error('unexpected check');
};

function run(keys: Parameters<ArrayTupleReader['add']>[0], user: string, relation: string, type = 'document', check = noCheck) {
  const reader = new ArrayTupleReader(keys);
  return { reader, result: listObjects({ index: new ModelIndex(docs), reader, openCheck: () => check }, { type, relation, user }) };
}

describe('listObjects', () => {
  it('follows direct, computed, userset, wildcard and TTU edges without Check', async () => {
    const { result } = run([
      { object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { object: 'document:2', relation: 'owner', user: 'user:anne' },
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
      { object: 'group:all', relation: 'member', user: 'group:eng#member' },
      { object: 'document:3', relation: 'editor', user: 'group:all#member' },
      { object: 'document:4', relation: 'viewer', user: 'user:*' },
      { object: 'folder:root', relation: 'viewer', user: 'user:anne' },
      { object: 'folder:sub', relation: 'parent', user: 'folder:root' },
      { object: 'document:5', relation: 'parent', user: 'folder:sub' },
      { object: 'document:6', relation: 'viewer', user: 'user:bob' },
    ], 'user:anne', 'viewer');
    const { objects, truncated } = await result;
    expect(objects.sort()).toEqual(['document:1', 'document:2', 'document:3', 'document:4', 'document:5']);
    expect(truncated).toBe(false);
  });

  it('batches one read per edge per level over nested groups', async () => {
    const keys = [{ object: 'group:g0', relation: 'member', user: 'user:anne' }];
    for (let i = 1; i < 6; i++) keys.push({ object: `group:g${i}`, relation: 'member', user: `group:g${i - 1}#member` });
    for (let i = 0; i < 6; i++) keys.push({ object: `group:h${i}`, relation: 'member', user: `group:g5#member` });
    const { reader, result } = run(keys, 'user:anne', 'member', 'group');
    expect((await result).objects).toHaveLength(12);
    // One read per level, whatever the number of relations it asks: the user's grants, g0..g5,
    // then the h's (which lead nowhere, as only that last read can tell).
    expect(reader.readManyByUsersCalls).toHaveLength(8);
    const memberReads = reader.readManyByUsersCalls.flat().filter((q) => q.objectType === 'group' && q.userRelation === 'member');
    expect(memberReads.map((q) => q.userIds)).toEqual([['g0'], ['g1'], ['g2'], ['g3'], ['g4'], ['g5'], ['h0', 'h1', 'h2', 'h3', 'h4', 'h5']]);
  });

  it('accepts a userset or a wildcard as the user', async () => {
    const keys = [
      { object: 'document:1', relation: 'viewer', user: 'group:eng#member' },
      { object: 'document:2', relation: 'viewer', user: 'user:*' },
      { object: 'document:3', relation: 'viewer', user: 'user:anne' },
    ];
    expect((await run(keys, 'group:eng#member', 'viewer').result).objects).toEqual(['document:1']);
    expect((await run(keys, 'user:*', 'viewer').result).objects).toEqual(['document:2']);
  });

  it('decides a subtracted direct grant from one reverse read of the user, without Check', async () => {
    const { reader, result } = run([
      { object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { object: 'document:2', relation: 'viewer', user: 'user:anne' },
      { object: 'document:2', relation: 'blocked', user: 'user:anne' },
      { object: 'document:1', relation: 'blocked', user: 'user:bob' },
    ], 'user:anne', 'restricted');
    expect((await result).objects).toEqual(['document:1']);
    // The user's grants, then `blocked` for the user (one read whatever the number of candidates).
    expect(reader.reads).toBe(2);
  });

  it('checks only the subtracted relation of candidates found exactly under an exclusion', async () => {
    const asked: string[] = [];
    const check: CandidateCheck = async (request) => {
      asked.push(`${request.object}#${request.relation}`);
      if (request.relation !== 'banned') throw new Error(`unexpected check of ${request.relation}`);
      return request.object === 'document:2';
    };
    const { result } = run([
      { object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { object: 'document:2', relation: 'viewer', user: 'user:anne' },
    ], 'user:anne', 'visible', 'document', check);
    expect((await result).objects).toEqual(['document:1']);
    expect(asked.sort()).toEqual(['document:1#banned', 'document:2#banned']);
  });

  it('checks the whole relation when the residual is undecidable', async () => {
    const asked: string[] = [];
    // A residual check that throws is undecidable: the candidate goes to a full Check.
    const check: CandidateCheck = async (request) => {
      if (request.relation === 'banned') throw new Error('no answer');
      asked.push(`${request.object}#${request.relation}`);
      return true;
    };
    const { result } = run([{ object: 'document:1', relation: 'viewer', user: 'user:anne' }], 'user:anne', 'visible', 'document', check);
    expect((await result).objects).toEqual(['document:1']);
    expect(asked).toEqual(['document:1#visible']);
  });

  it('leaves out objects whose condition fails, and fails only when nothing is left', async () => {
    const missing = new ValidationError(ErrorCode.ValidationError, "failed to evaluate relationship condition: missing 'x'");
    const check: CandidateCheck = async (request) => {
      if (request.object === 'document:2') throw missing;
      return request.relation !== 'banned';
    };
    const both = run([
      { object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { object: 'document:2', relation: 'viewer', user: 'user:anne' },
    ], 'user:anne', 'visible', 'document', check);
    const outcome = await both.result;
    expect(outcome.objects).toEqual(['document:1']);
    expect(outcome.conditionFailures.map((f) => f.object)).toEqual(['document:2']);
    const only = run([{ object: 'document:2', relation: 'viewer', user: 'user:anne' }], 'user:anne', 'visible', 'document', check);
    await expect(only.result).rejects.toBe(missing);
  });

  it('decides conditions as it walks: met is exact, unmet is no grant, undecidable goes to Check', async () => {
    const withCondition = model({
      user: {},
      document: { viewer: [self, ['user with cond']] },
    }, ['cond']);
    const asked: string[] = [];
    const missing = new ValidationError(ErrorCode.ValidationError, "failed to evaluate relationship condition 'cond': missing 'x'");
    const check: CandidateCheck = async (request) => {
      asked.push(request.object);
      throw missing;
    };
    const reader = new ArrayTupleReader([
      { object: 'document:met', relation: 'viewer', user: 'user:anne', condition: { name: 'cond', context: { x: 1 } } },
      { object: 'document:unmet', relation: 'viewer', user: 'user:anne', condition: { name: 'cond', context: { x: 500 } } },
      { object: 'document:unknown', relation: 'viewer', user: 'user:anne', condition: { name: 'cond' } },
    ]);
    const deps = { index: new ModelIndex(withCondition), reader, openCheck: () => check, conditions: celConditionEvaluator(withCondition) };
    const result = await listObjects(deps, { type: 'document', relation: 'viewer', user: 'user:anne' });
    expect(result.objects).toEqual(['document:met']);
    expect(asked).toEqual(['document:unknown']);
    expect(result.conditionFailures.map((f) => f.object)).toEqual(['document:unknown']);
  });

  it('streams a large answer whole, each object once', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => ({ object: `document:${i}`, relation: 'viewer', user: 'user:anne' }));
    const reader = new ArrayTupleReader(keys);
    const seen = new Set<string>();
    let count = 0;
    for await (const object of streamListObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' })) {
      seen.add(object);
      count++;
    }
    expect(count).toBe(20_000);
    expect(seen.size).toBe(20_000);
  });

  it('stops at maxResults with a partial answer', async () => {
    const reader = new ArrayTupleReader(Array.from({ length: 50 }, (_, i) => ({ object: `document:${i}`, relation: 'viewer', user: 'user:anne' })));
    const result = await listObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' }, { maxResults: 7 });
    expect(result.objects).toHaveLength(7);
    expect(result.truncated).toBe(true);
  });

  it('returns what it found when the deadline passes', async () => {
    const inner = new ArrayTupleReader([
      { object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
      { object: 'document:2', relation: 'viewer', user: 'group:eng#member' },
    ]);
    const reader = {
      readByObjects: inner.readByObjects.bind(inner),
      async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
        if (query.userRelation === 'member') await new Promise((resolve) => setTimeout(resolve, 500));
        return inner.readByUsers(query);
      },
    };
    const started = Date.now();
    const result = await listObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' }, { deadlineMs: 100 });
    expect(Date.now() - started).toBeLessThan(400);
    expect(result.objects).toEqual(['document:1']);
    expect(result.truncated).toBe(true);
  });

  it('validates the request as OpenFGA does', async () => {
    const code = async (request: { type: string; relation: string; user: string }) => {
      try {
        await listObjects({ index: new ModelIndex(docs), reader: new ArrayTupleReader(), openCheck: () => noCheck }, request);
        return 0;
      } catch (error) {
        return error instanceof RelataError ? error.code : -1;
      }
    };
    expect(await code({ type: 'nope', relation: 'viewer', user: 'user:anne' })).toBe(ErrorCode.TypeNotFound);
    expect(await code({ type: 'document', relation: 'nope', user: 'user:anne' })).toBe(ErrorCode.RelationNotFound);
    expect(await code({ type: 'document', relation: 'viewer', user: 'nope:anne' })).toBe(ErrorCode.ValidationError);
    expect(await code({ type: 'document', relation: 'viewer', user: 'group:eng#nope' })).toBe(ErrorCode.ValidationError);
    expect(await code({ type: 'document', relation: 'viewer', user: 'anne' })).toBe(ErrorCode.ValidationError);
  });

  it('streams objects as they are found', async () => {
    const reader = new ArrayTupleReader([
      { object: 'document:1', relation: 'viewer', user: 'user:anne' },
      { object: 'document:2', relation: 'owner', user: 'user:anne' },
    ]);
    const seen: string[] = [];
    for await (const object of streamListObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' })) seen.push(object);
    expect(seen.sort()).toEqual(['document:1', 'document:2']);
  });

  it('sees contextual tuples', async () => {
    const reader = new ArrayTupleReader([{ object: 'group:eng', relation: 'member', user: 'user:anne' }]);
    const result = await listObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, {
      type: 'document', relation: 'viewer', user: 'user:anne',
      contextualTuples: [{ object: 'document:7', relation: 'viewer', user: 'group:eng#member' }],
    });
    expect(result.objects).toEqual(['document:7']);
  });

  it('stops streaming when the consumer stops', async () => {
    const reader = new ArrayTupleReader(Array.from({ length: 20 }, (_, i) => ({ object: `document:${i}`, relation: 'viewer', user: 'user:anne' })));
    let count = 0;
    for await (const _object of streamListObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' })) {
      if (++count === 3) break;
    }
    expect(count).toBe(3);
  });

  it('returns what it has when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const reader = new ArrayTupleReader([{ object: 'document:1', relation: 'viewer', user: 'user:anne' }]);
    const result = await listObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' }, { signal: controller.signal });
    expect(result.truncated).toBe(true);
  });

  it('hands the event loop back while a level meets very many tuples, and still lists them all', async () => {
    // One folder the user views and 3 slices' worth of documents in it: a single read returns
    // them all, which the walk used to consume in one macrotask (the server's other requests waited).
    const count = 3 * walkSliceSize;
    const keys = [{ object: 'folder:big', relation: 'viewer', user: 'user:anne' }];
    for (let i = 0; i < count; i++) keys.push({ object: `document:d${i}`, relation: 'parent', user: 'folder:big' });
    const reader = new ArrayTupleReader(keys);
    const order: string[] = [];
    const listing = listObjects({ index: new ModelIndex(docs), reader, openCheck: () => noCheck }, { type: 'document', relation: 'viewer', user: 'user:anne' }, { maxResults: 0, deadlineMs: 0 });
    setImmediate(() => order.push('other work'));
    const result = await listing;
    order.push('listed');
    expect(order).toEqual(['other work', 'listed']);
    expect(result.objects).toHaveLength(count);
    expect(result.truncated).toBe(false);
  });
});
