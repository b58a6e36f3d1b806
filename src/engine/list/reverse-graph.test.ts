import { describe, expect, it } from 'vitest';
import { and, butNot, computed, model, or, self, ttu } from '../../../test/helpers/model-builders.js';
import { buildReverseGraph } from './reverse-graph.js';

const docs = model({
  user: {},
  folder: { viewer: [self, ['user']], blocked: [self, ['user']] },
  doc: {
    parent: [self, ['folder']],
    owner: [self, ['user']],
    blocked: [self, ['user']],
    editor: [or(self, computed('owner')), ['user']],
    viewer: [or(self, computed('editor'), ttu('parent', 'viewer')), ['user', 'user:*']],
    can_view: [butNot(computed('viewer'), computed('blocked'))],
    can_delete: [and(computed('owner'), computed('editor'))],
    // The subtracted side is not one relation of the same object: only a full Check decides.
    hidden: [butNot(computed('viewer'), ttu('parent', 'blocked'))],
    // The residual would be `not hidden_self`, which depends on the relation itself.
    hidden_self: [butNot(self, computed('loop')), ['user']],
    loop: [or(self, computed('hidden_self')), ['user']],
    nested: [butNot(and(self, computed('editor')), computed('blocked')), ['user']],
  },
});

describe('buildReverseGraph', () => {
  const graph = buildReverseGraph(docs);

  it('names the other relations an exclusion or intersection leaves to check (residual)', () => {
    const intoCanView = graph.nodeEdges('doc#viewer').filter((e) => e.target === 'doc#can_view');
    expect(intoCanView).toEqual([{ kind: 'computed', target: 'doc#can_view', needsCheck: true, residual: [{ relation: 'blocked', negated: true }] }]);
    // `owner and editor` is expanded from one side; the other is the residual.
    const intoCanDelete = graph.nodeEdges('doc#owner').filter((e) => e.target === 'doc#can_delete');
    expect(intoCanDelete).toEqual([{ kind: 'computed', target: 'doc#can_delete', needsCheck: true, residual: [{ relation: 'editor', negated: false }] }]);
    // Nested operators add up: `([user] and editor) but not blocked` from the direct side.
    const nested = graph.userEdges('user').filter((e) => e.target === 'doc#nested');
    expect(nested.map((e) => e.residual)).toEqual([[{ relation: 'blocked', negated: true }, { relation: 'editor', negated: false }]]);
  });

  it('leaves the whole relation to Check when the rest is not plain relations of the object', () => {
    const intoHidden = graph.nodeEdges('doc#viewer').filter((e) => e.target === 'doc#hidden');
    expect(intoHidden).toEqual([{ kind: 'computed', target: 'doc#hidden', needsCheck: true }]);
    const intoHiddenSelf = graph.userEdges('user').filter((e) => e.target === 'doc#hidden_self');
    expect(intoHiddenSelf.map((e) => [e.needsCheck, e.residual])).toEqual([[true, undefined]]);
  });

  it('marks edges outside any operator exact', () => {
    const direct = graph.userEdges('user').find((e) => e.target === 'doc#viewer' && !e.wildcard);
    expect(direct?.needsCheck).toBe(false);
    expect(direct?.residual).toBeUndefined();
  });

  it('knows which nodes lead to a target, so a walk skips the rest', () => {
    const toViewer = graph.leadsTo('doc#viewer');
    expect([...toViewer].sort()).toEqual(['doc#editor', 'doc#owner', 'doc#viewer', 'folder#viewer']);
    expect(toViewer.has('doc#blocked')).toBe(false);
    expect(graph.leadsTo('doc#can_view').has('doc#blocked')).toBe(false);
    expect(graph.leadsTo('doc#can_view').has('folder#viewer')).toBe(true);
    expect(graph.leadsTo('doc#viewer')).toBe(toViewer);
  });
});
