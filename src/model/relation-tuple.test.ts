import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseObject, parseUser } from './tuple.js';
import { toRelationTuple } from './relation-tuple.js';

// toRelationTuple splits the strings itself (for speed); it must agree with parseObject and
// parseUser, the definition of the forms, on every input, hostile ones included.
function reference(object: string, user: string): unknown {
  const o = parseObject(object);
  const u = parseUser(user);
  if (!o || !u) return undefined;
  return { objectType: o.type, objectId: o.id, relation: 'r', userType: u.type, userId: u.id, userRelation: u.relation ?? '' };
}

const piece = fc.stringMatching(/^[a-z:#*]{0,6}$/);

describe('toRelationTuple', () => {
  it('splits exactly as parseObject and parseUser', () => {
    fc.assert(
      fc.property(piece, piece, (object, user) => {
        expect(toRelationTuple({ object, relation: 'r', user })).toEqual(reference(object, user));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['doc:1', 'user:anne'],
    ['doc:a:b', 'group:eng#member'],
    ['doc:1', 'user:*'],
    ['doc:1', 'group:a#b#c'],
    ['doc:1', 'user#x:y'],
    [':1', 'user:anne'],
    ['doc:', 'user:anne'],
    ['doc:1', 'user:'],
    ['doc:1', 'group:eng#'],
    ['doc:1', '#member'],
    ['doc:1', 'group:#member'],
    ['doc', 'user:anne'],
  ])('%s %s', (object, user) => {
    expect(toRelationTuple({ object, relation: 'r', user })).toEqual(reference(object, user));
  });

  it('keeps a named condition, and its context only when not empty', () => {
    expect(toRelationTuple({ object: 'doc:1', relation: 'r', user: 'user:anne', condition: { name: 'c', context: {} } })).toMatchObject({ conditionName: 'c' });
    expect(toRelationTuple({ object: 'doc:1', relation: 'r', user: 'user:anne', condition: { name: 'c', context: {} } })).not.toHaveProperty('conditionContext');
    expect(toRelationTuple({ object: 'doc:1', relation: 'r', user: 'user:anne', condition: { name: 'c', context: { x: 1 } } })?.conditionContext).toEqual({ x: 1 });
  });
});
