import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { transformDslToModel } from '../dsl/index.js';
import { closureChain, membershipEdge } from './closure-plan.js';
import { ModelIndex } from './model-index.js';

const index = (body: string) => new ModelIndex(transformDslToModel(`model\n  schema 1.1\ntype user\n${body}`));

describe('closure plan: where the index is exactly the walk', () => {
  it('finds the github example\'s nested teams and folder chains', () => {
    const model = new ModelIndex(transformDslToModel(readFileSync('schema-examples/github/model.fga', 'utf8')));
    expect(membershipEdge(model, 'team', 'member')).toEqual({ objectType: 'team', relation: 'member', userRelation: 'member' });
    expect(closureChain(model, 'folder', 'reader')?.edge).toEqual({ objectType: 'folder', relation: 'parent', userRelation: '' });
    expect(closureChain(model, 'folder', 'writer')?.edge).toEqual({ objectType: 'folder', relation: 'parent', userRelation: '' });
    // Not recursive: nothing to index.
    expect(closureChain(model, 'document', 'reader')).toBeUndefined();
    expect(membershipEdge(model, 'organization', 'member')).toBeUndefined();
  });

  it('refuses recursion under an exclusion or intersection, or through several paths', () => {
    const excluded = index(`type folder
  relations
    define parent: [folder]
    define blocked: [user]
    define viewer: ([user] or viewer from parent) but not blocked`);
    expect(closureChain(excluded, 'folder', 'viewer')).toBeUndefined();
    const intersected = index(`type folder
  relations
    define parent: [folder]
    define allowed: [user]
    define viewer: [user] or (allowed and viewer from parent)`);
    expect(closureChain(intersected, 'folder', 'viewer')).toBeUndefined();
    const twoPaths = index(`type folder
  relations
    define parent: [folder]
    define other: [folder]
    define viewer: [user] or viewer from parent or viewer from other`);
    expect(closureChain(twoPaths, 'folder', 'viewer')).toBeUndefined();
    const backThroughUserset = index(`type folder
  relations
    define parent: [folder]
    define viewer: [user, folder#viewer] or viewer from parent`);
    expect(closureChain(backThroughUserset, 'folder', 'viewer')).toBeUndefined();
  });

  it('refuses edges the model allows only with a condition, and mixed nesting', () => {
    const conditional = index(`type team
  relations
    define member: [user, team#member with c]
type folder
  relations
    define parent: [folder with c]
    define viewer: [user] or viewer from parent
condition c(x: bool) {
  x
}`);
    expect(membershipEdge(conditional, 'team', 'member')).toBeUndefined();
    expect(closureChain(conditional, 'folder', 'viewer')).toBeUndefined();
    const mixed = index(`type group
  relations
    define member: [user]
type team
  relations
    define member: [user, team#member, group#member]`);
    expect(membershipEdge(mixed, 'team', 'member')).toBeUndefined();
  });

  it('accepts parents of other types that do not lead back', () => {
    const model = index(`type repo
  relations
    define viewer: [user]
type folder
  relations
    define parent: [folder, repo]
    define viewer: [user] or viewer from parent`);
    expect(closureChain(model, 'folder', 'viewer')?.edge.relation).toBe('parent');
  });
});
