import { describe, expect, it } from 'vitest';
import { TypeSystem } from './type-system.js';
import type { AuthorizationModel } from './types.js';

const model: AuthorizationModel = {
  id: '01HMODEL',
  schema_version: '1.1',
  type_definitions: [
    { type: 'user' },
    {
      type: 'group',
      relations: { member: { this: {} } },
      metadata: { relations: { member: { directly_related_user_types: [{ type: 'user' }, { type: 'user', wildcard: {} }, { type: 'group', relation: 'member' }] } } },
    },
    {
      type: 'doc',
      relations: {
        parent: { this: {} },
        owner: { this: {} },
        viewer: {
          union: {
            child: [{ computedUserset: { relation: 'owner' } }, { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } }],
          },
        },
      },
      metadata: {
        relations: {
          parent: { directly_related_user_types: [{ type: 'doc' }] },
          owner: { directly_related_user_types: [{ type: 'user' }, { type: 'user', condition: 'in_hours' }] },
          viewer: { directly_related_user_types: [] },
        },
      },
    },
  ],
  conditions: { in_hours: { name: 'in_hours', expression: 'hour < 17', parameters: { hour: { type_name: 'TYPE_NAME_INT' } } } },
};

describe('TypeSystem', () => {
  const ts = new TypeSystem(model);

  it('looks up types, relations and rewrites', () => {
    expect(ts.id).toBe('01HMODEL');
    expect(ts.typeNames()).toEqual(['user', 'group', 'doc']);
    expect(ts.hasType('doc')).toBe(true);
    expect(ts.hasType('folder')).toBe(false);
    expect(ts.hasRelation('doc', 'viewer')).toBe(true);
    expect(ts.hasRelation('user', 'viewer')).toBe(false);
    expect(ts.relationsOf('doc').map((r) => r.name)).toEqual(['parent', 'owner', 'viewer']);
    expect(ts.rewrite('doc', 'owner')).toEqual({ this: {} });
  });

  it('knows directly assignable and tupleset relations', () => {
    expect(ts.isDirectlyAssignable('doc', 'owner')).toBe(true);
    expect(ts.isDirectlyAssignable('doc', 'viewer')).toBe(false);
    expect(ts.isTuplesetRelation('doc', 'parent')).toBe(true);
    expect(ts.isTuplesetRelation('doc', 'owner')).toBe(false);
  });

  it('answers which user types, wildcards, usersets and conditions a relation admits', () => {
    expect(ts.isDirectlyRelated('group', 'member', { type: 'user' })).toBe(true);
    expect(ts.isDirectlyRelated('group', 'member', { type: 'group', relation: 'member' })).toBe(true);
    expect(ts.isDirectlyRelated('group', 'member', { type: 'group' })).toBe(false);
    expect(ts.allowsWildcard('group', 'member', 'user')).toBe(true);
    expect(ts.allowsWildcard('doc', 'owner', 'user')).toBe(false);
    expect(ts.isDirectlyRelated('doc', 'owner', { type: 'user' }, 'in_hours')).toBe(true);
    expect(ts.isDirectlyRelated('doc', 'owner', { type: 'user' }, 'other')).toBe(false);
    expect(ts.directlyRelatedUserTypes('doc', 'nope')).toEqual([]);
    expect(ts.condition('in_hours')?.expression).toBe('hour < 17');
    expect(ts.conditionNames()).toEqual(['in_hours']);
  });
});
