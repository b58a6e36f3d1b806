import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../dsl/index.js';
import { ErrorCode, RelataError } from '../../model/index.js';
import type { TupleKey } from '../../model/index.js';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import { Engine } from '../engine.js';
import { formatListedUser } from './list-users.js';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, user:*, group#member]
type folder
  relations
    define viewer: [user, group#member]
type doc
  relations
    define parent: [folder]
    define allowed: [user]
    define blocked: [user, user:*]
    define owner: [user]
    define viewer: [user, user:*, group#member, user with small] or owner or viewer from parent
    define restricted: viewer and allowed
    define visible: viewer but not blocked
condition small(x: int) {
  x < 5
}
`;

const { model, errors } = parseDsl(dsl);
const engine = new Engine(model);

async function users(tuples: TupleKey[], object: string, relation: string, filter: { type: string; relation?: string }, context?: Record<string, unknown>) {
  const reader = new ArrayTupleReader(tuples);
  const result = await engine.listUsers(reader, { object, relation, userFilters: [filter], context });
  return result.users.map(formatListedUser).sort();
}

describe('listUsers', () => {
  it('compiles its model', () => expect(errors).toEqual([]));

  it('reads once per level of the walk, whatever the number of relations it reaches', async () => {
    const reader = new ArrayTupleReader([
      { object: 'doc:1', relation: 'viewer', user: 'user:anne' },
      { object: 'doc:1', relation: 'owner', user: 'user:bob' },
      { object: 'doc:1', relation: 'parent', user: 'folder:f' },
      { object: 'folder:f', relation: 'viewer', user: 'group:eng#member' },
      { object: 'group:eng', relation: 'member', user: 'user:carl' },
    ]);
    const result = await engine.listUsers(reader, { object: 'doc:1', relation: 'viewer', userFilters: [{ type: 'user' }] });
    expect(result.users.map(formatListedUser).sort()).toEqual(['user:anne', 'user:bob', 'user:carl']);
    // doc:1 (viewer, owner and parent together), folder:f, group:eng.
    expect(reader.reads).toBe(3);
  });

  it('expands direct, computed, TTU and nested userset edges', async () => {
    const tuples: TupleKey[] = [
      { object: 'doc:1', relation: 'viewer', user: 'user:anne' },
      { object: 'doc:1', relation: 'owner', user: 'user:bob' },
      { object: 'doc:1', relation: 'parent', user: 'folder:f' },
      { object: 'folder:f', relation: 'viewer', user: 'group:eng#member' },
      { object: 'group:eng', relation: 'member', user: 'user:carl' },
      { object: 'group:eng', relation: 'member', user: 'group:ops#member' },
      { object: 'group:ops', relation: 'member', user: 'user:dina' },
      { object: 'doc:2', relation: 'viewer', user: 'user:erin' },
    ];
    expect(await users(tuples, 'doc:1', 'viewer', { type: 'user' })).toEqual(['user:anne', 'user:bob', 'user:carl', 'user:dina']);
    expect(await users(tuples, 'doc:1', 'viewer', { type: 'group', relation: 'member' })).toEqual(['group:eng#member', 'group:ops#member']);
  });

  it('lists wildcards, and settles intersections and exclusions with Check', async () => {
    const tuples: TupleKey[] = [
      { object: 'doc:1', relation: 'viewer', user: 'user:*' },
      { object: 'doc:1', relation: 'viewer', user: 'user:anne' },
      { object: 'doc:1', relation: 'allowed', user: 'user:bob' },
      { object: 'doc:1', relation: 'blocked', user: 'user:anne' },
    ];
    expect(await users(tuples, 'doc:1', 'viewer', { type: 'user' })).toEqual(['user:*', 'user:anne']);
    expect(await users(tuples, 'doc:1', 'restricted', { type: 'user' })).toEqual(['user:bob']);
    expect(await users(tuples, 'doc:1', 'visible', { type: 'user' })).toEqual(['user:*']);
  });

  it('evaluates conditions with the context, and fails when a parameter is missing', async () => {
    const tuples: TupleKey[] = [
      { object: 'doc:1', relation: 'viewer', user: 'user:anne', condition: { name: 'small' } },
      { object: 'doc:1', relation: 'viewer', user: 'user:bob' },
    ];
    expect(await users(tuples, 'doc:1', 'viewer', { type: 'user' }, { x: 1 })).toEqual(['user:anne', 'user:bob']);
    expect(await users(tuples, 'doc:1', 'viewer', { type: 'user' }, { x: 9 })).toEqual(['user:bob']);
    await expect(users(tuples, 'doc:1', 'viewer', { type: 'user' })).rejects.toMatchObject({ code: ErrorCode.ValidationError });
  });

  it('uses contextual tuples', async () => {
    const reader = new ArrayTupleReader();
    const result = await engine.listUsers(reader, {
      object: 'doc:1', relation: 'viewer', userFilters: [{ type: 'user' }],
      contextualTuples: [{ object: 'doc:1', relation: 'owner', user: 'user:zed' }],
    });
    expect(result.users).toEqual([{ object: { type: 'user', id: 'zed' } }]);
  });

  it('validates the request', async () => {
    const code = async (object: string, relation: string, filter: { type: string; relation?: string }) => {
      try {
        await engine.listUsers(new ArrayTupleReader(), { object, relation, userFilters: [filter] });
        return 0;
      } catch (error) {
        return error instanceof RelataError ? error.code : -1;
      }
    };
    expect(await code('nope:1', 'viewer', { type: 'user' })).toBe(ErrorCode.TypeNotFound);
    expect(await code('doc:1', 'nope', { type: 'user' })).toBe(ErrorCode.RelationNotFound);
    expect(await code('doc:1', 'viewer', { type: 'nope' })).toBe(ErrorCode.TypeNotFound);
    expect(await code('doc:1', 'viewer', { type: 'group', relation: 'nope' })).toBe(ErrorCode.RelationNotFound);
    expect(await code('doc', 'viewer', { type: 'user' })).toBe(ErrorCode.ValidationError);
  });

  it('stops at maxResults', async () => {
    const reader = new ArrayTupleReader(Array.from({ length: 30 }, (_, i) => ({ object: 'doc:1', relation: 'viewer', user: `user:u${i}` })));
    const result = await engine.listUsers(reader, { object: 'doc:1', relation: 'viewer', userFilters: [{ type: 'user' }] }, { maxResults: 5 });
    expect(result.users).toHaveLength(5);
    expect(result.truncated).toBe(true);
  });

  it('fails with 2002 past the resolution depth', async () => {
    const chain = parseDsl(`model\n  schema 1.1\ntype user\ntype node\n  relations\n    define next: [user, node#next]\n`).model;
    const tuples: TupleKey[] = [{ object: 'node:0', relation: 'next', user: 'user:end' }];
    for (let i = 1; i <= 30; i++) tuples.push({ object: `node:${i}`, relation: 'next', user: `node:${i - 1}#next` });
    const reader = new ArrayTupleReader(tuples);
    const deep = new Engine(chain);
    await expect(deep.listUsers(reader, { object: 'node:30', relation: 'next', userFilters: [{ type: 'user' }] }))
      .rejects.toMatchObject({ code: ErrorCode.AuthorizationModelResolutionTooComplex });
    expect((await deep.listUsers(reader, { object: 'node:10', relation: 'next', userFilters: [{ type: 'user' }] })).users).toHaveLength(1);
  });
});
