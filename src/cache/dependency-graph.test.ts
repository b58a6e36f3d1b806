import { describe, expect, it } from 'vitest';
import { allOf, anyOf, butNot, computed, crossingDocsModel, docsModel, fromParent, self, typeDef } from '../../test/cache/model-fixtures.js';
import type { AuthorizationModel } from '../model/index.js';
import { affectedByAny, buildDependencyGraph, type DependencyGraph } from './dependency-graph.js';

const docsGraph = buildDependencyGraph(docsModel);
const affected = (written: string, graph: DependencyGraph = docsGraph) => [...graph.affectedBy(written).keys()].sort();
/** `{relation: scope}` in key order, for exact comparisons. */
const scopes = (written: string, graph: DependencyGraph = docsGraph) => Object.fromEntries([...graph.affectedBy(written)].sort(([a], [b]) => (a < b ? -1 : 1)));

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
    expect(affected('team#member', graph)).toEqual(['repo#reader', 'team#member']);
    expect(affected('org#member', graph)).toEqual(['org#member', 'repo#reader']);
    expect(affected('repo#owner', graph)).toEqual(['repo#owner', 'repo#reader']);
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
    expect(affected('team#member', graph)).toEqual(['team#member']);
    expect(affected('org#member', graph)).toEqual(['org#member', 'repo#reader']);
  });
});

describe('invalidation scopes', () => {
  it('keeps own tuples, computed usersets and set operands on the written object', () => {
    expect(scopes('document#owner')).toEqual({
      'document#can_share': 'object',
      'document#can_view': 'object',
      'document#editor': 'object',
      'document#owner': 'object',
      'document#viewer': 'object',
    });
    // Both sides of an exclusion, and an intersection with `this`.
    expect(scopes('document#blocked')).toEqual({ 'document#blocked': 'object', 'document#can_view': 'object' });
    expect(scopes('invoice#approver')).toEqual({ 'invoice#approver': 'object', 'invoice#auditor': 'object' });
  });

  it('a TTU tupleset write stays on the written object', () => {
    expect(scopes('document#parent')).toEqual({ 'document#can_view': 'object', 'document#parent': 'object', 'document#viewer': 'object' });
  });

  it('a TTU computed relation on the parent reaches every child: relation-wide, and so is what follows it', () => {
    // folder#owner -> folder#viewer on the folder itself, but also on every child folder through
    // `viewer from parent`; document#viewer reads folder#viewer on its parent; can_view follows.
    expect(scopes('folder#owner')).toEqual({
      'document#can_view': 'relation',
      'document#viewer': 'relation',
      'folder#owner': 'object',
      'folder#viewer': 'relation',
    });
    expect(scopes('folder#parent')).toEqual({
      'document#can_view': 'relation',
      'document#viewer': 'relation',
      'folder#parent': 'object',
      'folder#viewer': 'relation',
    });
  });

  it('usersets allowed as direct types cross objects (and nested groups make the written relation itself relation-wide)', () => {
    expect(scopes('group#member')).toEqual({
      'document#can_view': 'relation',
      'document#viewer': 'relation',
      'folder#viewer': 'relation',
      'group#member': 'relation',
    });
  });

  it('a computed userset after a crossing is relation-wide; before it, object-wide', () => {
    const model: AuthorizationModel = {
      schema_version: '1.1',
      type_definitions: [
        typeDef('user'),
        typeDef('team', { lead: [self, [{ type: 'user' }]], member: [anyOf(self, computed('lead')), [{ type: 'user' }]] }),
        typeDef('doc', {
          team: [self, [{ type: 'team' }]],
          reader: [self, [{ type: 'team', relation: 'member' }]],
          viewer: [anyOf(computed('reader'), fromParent('team', 'lead'))],
          can_read: [allOf(computed('viewer'), self), [{ type: 'user' }]],
          denied: [self, [{ type: 'user' }]],
          allowed: [butNot(computed('can_read'), computed('denied'))],
        }),
      ],
    };
    const graph = buildDependencyGraph(model);
    expect(scopes('team#lead', graph)).toEqual({
      'doc#allowed': 'relation',
      'doc#can_read': 'relation',
      'doc#reader': 'relation',
      'doc#viewer': 'relation',
      'team#lead': 'object',
      'team#member': 'object',
    });
    expect(scopes('doc#reader', graph)).toEqual({ 'doc#allowed': 'object', 'doc#can_read': 'object', 'doc#reader': 'object', 'doc#viewer': 'object' });
    expect(scopes('doc#team', graph)).toEqual({ 'doc#allowed': 'object', 'doc#can_read': 'object', 'doc#team': 'object', 'doc#viewer': 'object' });
    expect(scopes('doc#denied', graph)).toEqual({ 'doc#allowed': 'object', 'doc#denied': 'object' });
  });

  it('a relation reached both on the object and across objects is relation-wide', () => {
    // viewer reads editor on the same object and on its parent doc: the crossing wins.
    const model: AuthorizationModel = {
      schema_version: '1.1',
      type_definitions: [
        typeDef('user'),
        typeDef('doc', {
          parent: [self, [{ type: 'doc' }]],
          editor: [self, [{ type: 'user' }]],
          viewer: [anyOf(computed('editor'), fromParent('parent', 'editor'))],
        }),
      ],
    };
    expect(scopes('doc#editor', buildDependencyGraph(model))).toEqual({ 'doc#editor': 'object', 'doc#viewer': 'relation' });
  });

  it('several models of one store: the widest scope of any model wins', () => {
    const crossing = crossingDocsModel;
    const merged = affectedByAny([docsGraph, buildDependencyGraph(crossing)], 'document#owner');
    expect(merged.get('document#viewer')).toBe('relation');
    expect(merged.get('document#editor')).toBe('object'); // only docsModel has it
    expect(merged.get('document#owner')).toBe('object');
    expect(affectedByAny([buildDependencyGraph(crossing), docsGraph], 'document#owner').get('document#viewer')).toBe('relation');
    expect(affectedByAny([docsGraph], 'document#owner')).toBe(docsGraph.affectedBy('document#owner'));
    expect([...affectedByAny([], 'document#owner')]).toEqual([['document#owner', 'relation']]);
  });
});
