import { describe, expect, it } from 'vitest';
import { docsModel, fromParent, self, typeDef } from '../../test/cache/model-fixtures.js';
import { buildDependencyGraph } from './dependency-graph.js';

const affected = (written: string) => [...buildDependencyGraph(docsModel).affectedBy(written)].sort();

describe('buildDependencyGraph', () => {
  it('a write to group#member reaches everything granting through groups, and nothing else', () => {
    expect(affected('group#member')).toEqual(['document#can_view', 'document#viewer', 'folder#viewer', 'group#member']);
  });

  it('a TTU tupleset write reaches the relation reading it and its dependents, not the parent type', () => {
    expect(affected('document#parent')).toEqual(['document#can_view', 'document#parent', 'document#viewer']);
    expect(affected('folder#parent')).toEqual(['document#can_view', 'document#viewer', 'folder#parent', 'folder#viewer']);
  });

  it('a write on the parent type reaches children through the TTU computed relation', () => {
    expect(affected('folder#owner')).toEqual(['document#can_view', 'document#viewer', 'folder#owner', 'folder#viewer']);
  });

  it('follows computed usersets, intersections and both sides of an exclusion', () => {
    expect(affected('document#owner')).toEqual([
      'document#can_share',
      'document#can_view',
      'document#editor',
      'document#owner',
      'document#viewer',
    ]);
    expect(affected('document#blocked')).toEqual(['document#blocked', 'document#can_view']);
    expect(affected('invoice#approver')).toEqual(['invoice#approver', 'invoice#auditor']);
  });

  it('keeps unrelated relations out', () => {
    expect(affected('group#member')).not.toContain('invoice#approver');
    expect(affected('invoice#approver')).not.toContain('document#viewer');
    expect(affected('document#viewer')).toEqual(['document#can_view', 'document#viewer']);
  });

  it('invalidates at least the written relation even when the model lacks it', () => {
    expect(affected('nosuch#thing')).toEqual(['nosuch#thing']);
  });

  it('terminates on cycles and takes every type as a parent when there are no type restrictions (schema 1.0)', () => {
    const graph = buildDependencyGraph({
      schema_version: '1.0',
      type_definitions: [
        { type: 'user' },
        { type: 'team', relations: { member: self } },
        { type: 'org', relations: { member: self } },
        {
          type: 'repo',
          relations: { owner: self, reader: { union: { child: [self, fromParent('owner', 'member'), { computedUserset: { relation: 'reader' } }] } } },
        },
      ],
    });
    expect([...graph.affectedBy('team#member')].sort()).toEqual(['repo#reader', 'team#member']);
    expect([...graph.affectedBy('org#member')].sort()).toEqual(['org#member', 'repo#reader']);
    expect([...graph.affectedBy('repo#owner')].sort()).toEqual(['repo#owner', 'repo#reader']);
  });

  it('narrows TTU parents to the tupleset relation\'s type restrictions', () => {
    const graph = buildDependencyGraph({
      schema_version: '1.1',
      type_definitions: [
        typeDef('user'),
        typeDef('team', { member: [self, [{ type: 'user' }]] }),
        typeDef('org', { member: [self, [{ type: 'user' }]] }),
        typeDef('repo', { owner: [self, [{ type: 'org' }]], reader: [fromParent('owner', 'member')] }),
      ],
    });
    expect([...graph.affectedBy('team#member')]).toEqual(['team#member']);
    expect([...graph.affectedBy('org#member')].sort()).toEqual(['org#member', 'repo#reader']);
  });
});
