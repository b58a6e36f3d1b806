import { describe, expect, it } from 'vitest';
import { ErrorCode, RelataError } from '../../model/index.js';
import type { Task } from './resolution-path.js';
import { SubProblem, tooDeep, waitsOn } from './resolution-path.js';
import { ALLOWED, failed } from './set-operators.js';

const anne = { type: 'user', id: 'anne' };

describe('SubProblem', () => {
  it('starts at depth 0 with no path and formats the user once', () => {
    const root = SubProblem.root('document', '1', 'viewer', anne);
    expect(root).toMatchObject({ type: 'document', id: '1', relation: 'viewer', user: anne, userKey: 'user:anne', depth: 0, parent: undefined, task: undefined });
    expect(root.key).toBe('document:1#viewer@user:anne');
    expect(root.object).toBe('document:1#viewer');
    expect(root.onItsOwnPath()).toBe(false);
  });

  it('takes a preformatted user key (shared by the sub-problems of many objects)', () => {
    const group = { type: 'group', id: 'eng', relation: 'member' };
    expect(SubProblem.root('document', '1', 'viewer', group).key).toBe('document:1#viewer@group:eng#member');
    expect(SubProblem.root('document', '2', 'viewer', group, 'group:eng#member').key).toBe('document:2#viewer@group:eng#member');
  });

  it('steps one level deeper with the path extended and the user kept', () => {
    const root = SubProblem.root('document', '1', 'viewer', anne);
    const child = root.child('folder', 'x', 'viewer');
    const grandchild = child.child('folder', 'x', 'owner');
    expect(child).toMatchObject({ type: 'folder', id: 'x', relation: 'viewer', user: anne, userKey: 'user:anne', depth: 1, parent: root });
    expect(grandchild).toMatchObject({ depth: 2, parent: child });
    expect(grandchild.key).toBe('folder:x#owner@user:anne');
    // The parent is unchanged by the step.
    expect(root).toMatchObject({ type: 'document', id: '1', relation: 'viewer', depth: 0 });
  });

  it('is on its own path when an ancestor asks the same object and relation', () => {
    const root = SubProblem.root('group', 'a', 'member', anne);
    const b = root.child('group', 'b', 'member');
    expect(b.onItsOwnPath()).toBe(false);
    expect(b.child('group', 'a', 'member').onItsOwnPath()).toBe(true);
    // Same object under another relation, or the same id under another type, is no cycle.
    expect(b.child('group', 'a', 'owner').onItsOwnPath()).toBe(false);
    expect(b.child('team', 'a', 'member').onItsOwnPath()).toBe(false);
    // Siblings are not on each other's path.
    const left = root.child('group', 'c', 'member');
    expect(left.child('group', 'b', 'member').onItsOwnPath()).toBe(false);
  });

  it('does not confuse ids that would format alike', () => {
    const root = SubProblem.root('doc', '1#a', 'b', anne);
    expect(root.child('doc', '1', 'a#b').onItsOwnPath()).toBe(false);
  });
});

describe('wait-for graph', () => {
  const task = (depth = 0): Task => ({ waitsOn: [], done: false, depth, outcome: Promise.resolve(ALLOWED) });

  it('follows waits transitively, ignores finished tasks and terminates on wait cycles', () => {
    const [a, b, c] = [task(), task(), task()];
    a.waitsOn.push(b);
    b.waitsOn.push(c);
    c.waitsOn.push(a);
    expect(waitsOn(a, c)).toBe(true);
    b.done = true;
    expect(waitsOn(a, c)).toBe(false);
    expect(waitsOn(c, b)).toBe(true);
  });

  it('recognises the depth-limit failure', () => {
    expect(tooDeep(failed(new RelataError(ErrorCode.AuthorizationModelResolutionTooComplex, 'deep')))).toBe(true);
    expect(tooDeep(ALLOWED)).toBe(false);
  });
});
