import { describe, expect, it } from 'vitest';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import { parseDsl } from '../../dsl/index.js';
import type { TupleKey } from '../../model/index.js';
import { ErrorCode, RelataError } from '../../model/index.js';
import { Engine } from '../engine.js';
import type { ExplainNode } from './explanation.js';
import { explainNodes } from './render.js';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type team
  relations
    define member: [user, team#member, group#member]
type folder
  relations
    define parent: [folder]
    define viewer: [user, user:*, group#member] or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user] or owner
    define viewer: [user, user with in_office, group#member] or editor or viewer from parent
    define approved: [user]
    define blocked: [user]
    define can_read: (viewer and approved) but not blocked
condition in_office(ip: ipaddress, office: ipaddress) {
  ip == office
}`;

function engineOf(limits = {}): Engine {
  const { model, errors } = parseDsl(dsl);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  return new Engine(model, { limits });
}

const t = (object: string, relation: string, user: string, condition?: TupleKey['condition']): TupleKey => (condition ? { object, relation, user, condition } : { object, relation, user });
const steps = (root: ExplainNode) => [...explainNodes(root)].map((n) => n.step);
const tuplesOf = (root: ExplainNode) => [...explainNodes(root)].flatMap((n) => (n.tuple ? [`${n.tuple.object}#${n.tuple.relation}@${n.tuple.user}`] : []));
const find = (root: ExplainNode, match: (n: ExplainNode) => boolean) => [...explainNodes(root)].find(match);

describe('Engine.explain: allowed paths', () => {
  const engine = engineOf();

  it('a direct tuple', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne'), t('document:1', 'owner', 'user:bob')]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne' });
    expect(out).toMatchObject({ allowed: true, truncated: false });
    expect(steps(out.root)).toEqual(['relation', 'union', 'direct', 'tuple']);
    expect(tuplesOf(out.root)).toEqual(['document:1#viewer@user:anne']);
  });

  it('computed usersets, tuple-to-userset and a wildcard: only the granting branch of each union', async () => {
    const reader = new ArrayTupleReader([
      t('document:1', 'parent', 'folder:a'),
      t('folder:a', 'parent', 'folder:root'),
      t('folder:root', 'viewer', 'user:*'),
      t('document:1', 'owner', 'user:bob'),
    ]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne' });
    expect(out.allowed).toBe(true);
    expect(tuplesOf(out.root)).toEqual(['document:1#parent@folder:a', 'folder:a#parent@folder:root', 'folder:root#viewer@user:*']);
    expect(find(out.root, (n) => n.tuple?.user === 'user:*')?.tuple?.wildcard).toBe(true);
    const ttu = find(out.root, (n) => n.step === 'tuple-to-userset');
    expect(ttu).toMatchObject({ tupleset: 'parent', relation: 'viewer', result: 'allowed' });
    // The owner branch (editor) failed and is not part of an allowed path.
    expect(find(out.root, (n) => n.step === 'computed-userset')).toBeUndefined();

    const owner = await engine.explain(reader, { object: 'document:1', relation: 'viewer', user: 'user:bob' });
    expect(steps(owner.root)).toEqual(['relation', 'union', 'computed-userset', 'relation', 'union', 'computed-userset', 'relation', 'direct', 'tuple']);
  });

  it('marks contextual tuples and shows the condition with the parameters it saw', async () => {
    const reader = new ArrayTupleReader([]);
    const out = await engine.explain(reader, {
      object: 'document:1',
      relation: 'viewer',
      user: 'user:anne',
      contextualTuples: [t('document:1', 'viewer', 'user:anne', { name: 'in_office', context: { office: '10.0.0.1' } })],
      context: { ip: '10.0.0.1' },
    });
    expect(out.allowed).toBe(true);
    const tuple = find(out.root, (n) => n.step === 'tuple');
    expect(tuple?.tuple).toMatchObject({ contextual: true, condition: 'in_office' });
    expect(tuple?.condition).toEqual({ name: 'in_office', met: true, parameters: { ip: '10.0.0.1', office: '10.0.0.1' } });
  });

  it('nested group membership: the chain of groups found from the user side', async () => {
    const reader = new ArrayTupleReader([
      t('document:1', 'viewer', 'group:eng#member'),
      t('group:eng', 'member', 'group:backend#member'),
      t('group:backend', 'member', 'group:db#member'),
      t('group:db', 'member', 'user:anne'),
      t('group:eng', 'member', 'group:empty#member'),
    ]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne' });
    expect(out.allowed).toBe(true);
    expect(tuplesOf(out.root)).toEqual(['document:1#viewer@group:eng#member', 'group:eng#member@group:backend#member', 'group:backend#member@group:db#member', 'group:db#member@user:anne']);
  });

  it('an intersection shows every member; an exclusion its base and the subtrahend that did not hold', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne'), t('document:1', 'approved', 'user:anne')]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'can_read', user: 'user:anne' });
    expect(out.allowed).toBe(true);
    const exclusion = find(out.root, (n) => n.step === 'exclusion');
    expect(exclusion?.children?.map((c) => [c.role, c.step, c.result])).toEqual([
      ['base', 'intersection', 'allowed'],
      ['subtract', 'computed-userset', 'denied'],
    ]);
    expect(find(out.root, (n) => n.step === 'intersection')?.children).toHaveLength(2);
  });
});

describe('Engine.explain: why a check is denied', () => {
  const engine = engineOf();

  it('no tuple', async () => {
    const out = await engine.explain(new ArrayTupleReader([]), { object: 'document:1', relation: 'owner', user: 'user:anne' });
    expect(out).toMatchObject({ allowed: false, root: { result: 'denied', children: [{ step: 'direct', reason: 'no-tuple' }] } });
  });

  it('a condition that is false names the parameter values', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne', { name: 'in_office', context: { office: '10.0.0.1' } })]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'viewer', user: 'user:anne', context: { ip: '10.9.9.9' } });
    expect(out.allowed).toBe(false);
    expect(find(out.root, (n) => n.step === 'tuple')).toMatchObject({
      reason: 'condition-false',
      condition: { name: 'in_office', met: false, parameters: { ip: '10.9.9.9', office: '10.0.0.1' } },
    });
  });

  it('a condition missing a parameter: the error Check would throw, with the missing names', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne', { name: 'in_office', context: { office: '10.0.0.1' } })]);
    const request = { object: 'document:1', relation: 'viewer', user: 'user:anne' };
    const checkError = await engine.check(reader, request).catch((e: unknown) => e);
    const out = await engine.explain(reader, request);
    expect(out.error?.code).toBe((checkError as RelataError).code);
    expect(find(out.root, (n) => n.step === 'tuple')).toMatchObject({ reason: 'condition-error', condition: { missingParameters: ['ip'] } });
  });

  it('excluded by but not', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'viewer', 'user:anne'), t('document:1', 'approved', 'user:anne'), t('document:1', 'blocked', 'user:anne')]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'can_read', user: 'user:anne' });
    expect(out.allowed).toBe(false);
    expect(find(out.root, (n) => n.step === 'exclusion')).toMatchObject({ reason: 'excluded', children: [{ role: 'base', result: 'allowed' }, { role: 'subtract', result: 'allowed' }] });
  });

  it('a missing intersection member, and the base of an exclusion that does not hold', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'approved', 'user:anne')]);
    const out = await engine.explain(reader, { object: 'document:1', relation: 'can_read', user: 'user:anne' });
    expect(out.allowed).toBe(false);
    expect(find(out.root, (n) => n.step === 'exclusion')).toMatchObject({ reason: 'base-missing', children: [{ role: 'base' }, { step: 'not-evaluated', role: 'subtract' }] });
    expect(find(out.root, (n) => n.step === 'intersection')).toMatchObject({
      reason: 'intersection-member-missing',
      children: [{ result: 'denied' }, { step: 'not-evaluated' }],
    });
  });

  it('a cycle in the data', async () => {
    const reader = new ArrayTupleReader([t('folder:a', 'parent', 'folder:b'), t('folder:b', 'parent', 'folder:a')]);
    const out = await engine.explain(reader, { object: 'folder:a', relation: 'viewer', user: 'user:anne' });
    expect(out.allowed).toBe(false);
    expect(find(out.root, (n) => n.reason === 'cycle' && n.object === 'folder:a#viewer')).toBeDefined();
  });

  it('the depth limit: the error Check throws, and where it was reached', async () => {
    const chain = Array.from({ length: 12 }, (_, i) => t(`folder:${i}`, 'parent', `folder:${i + 1}`));
    const reader = new ArrayTupleReader([...chain, t('folder:12', 'viewer', 'user:anne')]);
    const shallow = engineOf({ maxDepth: 5 });
    const request = { object: 'folder:0', relation: 'viewer', user: 'user:anne' };
    await expect(shallow.check(reader, request)).rejects.toMatchObject({ code: ErrorCode.AuthorizationModelResolutionTooComplex });
    const out = await shallow.explain(reader, request);
    expect(out.error?.code).toBe(ErrorCode.AuthorizationModelResolutionTooComplex);
    expect(find(out.root, (n) => n.reason === 'depth-limit')).toBeDefined();
  });

  it('a relation the user type cannot reach is denied without a read', async () => {
    const out = await engine.explain(new ArrayTupleReader([]), { object: 'document:1', relation: 'parent', user: 'user:anne' });
    expect(out).toMatchObject({ allowed: false, readCount: 0, root: { reason: 'type-unreachable' } });
  });
});

describe('Engine.explain: bounds and input', () => {
  const engine = engineOf();

  it('caps the tree at maxNodes and marks it truncated (the verdict stays complete)', async () => {
    const groups = Array.from({ length: 200 }, (_, i) => t('document:1', 'viewer', `team:${i}#member`));
    const reader = new ArrayTupleReader(groups);
    const { model } = parseDsl(dsl.replace('define viewer: [user, user with in_office, group#member]', 'define viewer: [user, user with in_office, group#member, team#member]'));
    const wide = new Engine(model);
    const request = { object: 'document:1', relation: 'viewer', user: 'user:anne' };
    const full = await wide.explain(reader, request, { explain: { maxNodes: 10_000 } });
    expect(full.truncated).toBe(false);
    expect(full.nodeCount).toBeGreaterThan(400);
    const capped = await wide.explain(reader, request, { explain: { maxNodes: 20 } });
    expect(capped).toMatchObject({ allowed: false, truncated: true, nodeCount: 20 });
    expect([...explainNodes(capped.root)]).toHaveLength(20);
    expect([...explainNodes(capped.root)].some((n) => (n.omittedChildren ?? 0) > 0)).toBe(true);
  });

  it('validates the request exactly as Check does', async () => {
    const reader = new ArrayTupleReader([]);
    for (const request of [
      { object: 'document:1', relation: 'nope', user: 'user:anne' },
      { object: 'document', relation: 'viewer', user: 'user:anne' },
      { object: 'document:1', relation: 'viewer', user: 'user:anne:x' },
      { object: 'document:1', relation: 'viewer', user: 'x'.repeat(600) },
      { object: 'document:1', relation: 'viewer', user: 'user:anne', contextualTuples: [t('document:1', 'viewer', 'folder:x')] },
      { object: 'document:1', relation: 'viewer', user: 'user:anne', context: { big: 'y'.repeat(300_000) } },
    ]) {
      const checkError = (await engine.check(reader, request).catch((e: unknown) => e)) as RelataError;
      expect(checkError).toBeInstanceOf(RelataError);
      await expect(engine.explain(reader, request)).rejects.toMatchObject({ code: checkError.code, message: checkError.message });
    }
  });

  it('refuses a node cap out of range', async () => {
    for (const maxNodes of [0, -1, 1.5, 10_001, Number.NaN]) {
      await expect(engine.explain(new ArrayTupleReader([]), { object: 'document:1', relation: 'viewer', user: 'user:anne' }, { explain: { maxNodes } })).rejects.toMatchObject({
        code: ErrorCode.ValidationError,
        message: expect.stringContaining('max_nodes'),
      });
    }
  });

  it('gives up past maxSteps with the too-complex error instead of running unbounded', async () => {
    const reader = new ArrayTupleReader(Array.from({ length: 50 }, (_, i) => t(`folder:${i}`, 'parent', `folder:${i + 1}`)));
    const out = await engine.explain(reader, { object: 'folder:0', relation: 'viewer', user: 'user:anne' }, { explain: { maxSteps: 10 } });
    expect(out.error?.code).toBe(ErrorCode.AuthorizationModelResolutionTooComplex);
  });

  it('stops when the request is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await engine.explain(new ArrayTupleReader([t('document:1', 'parent', 'folder:a')]), { object: 'document:1', relation: 'viewer', user: 'user:anne' }, { signal: controller.signal });
    expect(out.error?.code).toBe(ErrorCode.Cancelled);
  });

  it('concurrent explanations over one reader agree with Check', async () => {
    const reader = new ArrayTupleReader([t('document:1', 'parent', 'folder:a'), t('folder:a', 'viewer', 'group:g#member'), t('group:g', 'member', 'user:u3')]);
    const users = Array.from({ length: 20 }, (_, i) => `user:u${i}`);
    const results = await Promise.all(users.map((user) => engine.explain(reader, { object: 'document:1', relation: 'viewer', user })));
    const checks = await Promise.all(users.map((user) => engine.check(reader, { object: 'document:1', relation: 'viewer', user })));
    expect(results.map((r) => r.allowed)).toEqual(checks.map((c) => c.allowed));
  });
});
