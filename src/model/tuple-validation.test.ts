import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.js';
import type { TupleKey } from './tuple.js';
import { InvalidTupleError, tupleKeySyntaxProblem, tupleModelProblem, tupleProblemCode, validateTupleAgainstModel, validateTupleForWrite, validateTupleKey } from './tuple-validation.js';
import { TypeSystem } from './type-system.js';
import type { AuthorizationModel } from './types.js';

const model: AuthorizationModel = {
  schema_version: '1.1',
  type_definitions: [
    { type: 'user' },
    {
      type: 'group',
      relations: { member: { this: {} } },
      metadata: { relations: { member: { directly_related_user_types: [{ type: 'user' }, { type: 'group', relation: 'member' }] } } },
    },
    {
      type: 'doc',
      relations: {
        parent: { this: {} },
        viewer: { union: { child: [{ this: {} }, { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } }] } },
        can_view: { computedUserset: { relation: 'viewer' } },
        reader: { this: {} },
      },
      metadata: {
        relations: {
          parent: { directly_related_user_types: [{ type: 'doc' }] },
          viewer: { directly_related_user_types: [{ type: 'user' }, { type: 'user', wildcard: {} }, { type: 'group', relation: 'member' }] },
          can_view: { directly_related_user_types: [] },
          reader: { directly_related_user_types: [{ type: 'user', condition: 'cond' }] },
        },
      },
    },
  ],
  conditions: { cond: { name: 'cond', expression: 'x < 3', parameters: { x: { type_name: 'TYPE_NAME_INT' } } } },
};
const ts = new TypeSystem(model);

function rejection(key: TupleKey): { code: ErrorCode; message: string } | undefined {
  try {
    validateTupleAgainstModel(ts, key);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTupleError);
    const e = error as InvalidTupleError;
    return { code: e.code, message: e.message };
  }
}

describe('validateTupleKey', () => {
  it('accepts the three user forms', () => {
    for (const user of ['user:anne', 'user:*', 'group:eng#member']) expect(() => validateTupleKey({ object: 'doc:1', relation: 'viewer', user })).not.toThrow();
  });

  it('rejects malformed fields, naming them', () => {
    expect(tupleKeySyntaxProblem({ object: 'doc', relation: 'viewer', user: 'user:anne' })?.reason).toBe("invalid 'object' field format");
    expect(tupleKeySyntaxProblem({ object: 'doc:1', relation: 'vie wer', user: 'user:anne' })?.reason).toBe("the 'relation' field is malformed");
    expect(tupleKeySyntaxProblem({ object: 'doc:1', relation: 'viewer', user: 'a:b:c' })?.reason).toBe("the 'user' field is malformed");
    expect(tupleKeySyntaxProblem({ object: '', relation: 'viewer', user: 'user:anne' })?.reason).toBe("the 'object' field is required");
    expect(() => validateTupleKey({ object: 'doc:1', relation: 'viewer', user: 'a:b:c' })).toThrow(
      "Invalid tuple 'doc:1#viewer@a:b:c'. Reason: the 'user' field is malformed",
    );
  });

  it('enforces OpenFGA length limits', () => {
    const long = (n: number) => 'x'.repeat(n);
    expect(() => validateTupleKey({ object: `doc:${long(252)}`, relation: 'viewer', user: 'user:a' })).not.toThrow();
    expect(() => validateTupleKey({ object: `doc:${long(253)}`, relation: 'viewer', user: 'user:a' })).toThrow(/at most 256/);
    expect(() => validateTupleKey({ object: 'doc:1', relation: long(51), user: 'user:a' })).toThrow(/at most 50/);
    expect(() => validateTupleKey({ object: 'doc:1', relation: 'viewer', user: `user:${long(508)}` })).toThrow(/at most 512/);
    try {
      validateTupleKey({ object: `doc:${long(300)}`, relation: 'viewer', user: 'user:a' });
    } catch (error) {
      expect((error as InvalidTupleError).code).toBe(ErrorCode.ObjectTooLong);
    }
  });
});

describe('validateTupleAgainstModel', () => {
  it('accepts tuples the model allows', () => {
    for (const key of [
      { object: 'doc:1', relation: 'viewer', user: 'user:anne' },
      { object: 'doc:1', relation: 'viewer', user: 'user:*' },
      { object: 'doc:1', relation: 'viewer', user: 'group:eng#member' },
      { object: 'doc:1', relation: 'parent', user: 'doc:2' },
      { object: 'doc:1', relation: 'reader', user: 'user:anne', condition: { name: 'cond', context: { x: 1 } } },
    ]) {
      expect(rejection(key)).toBeUndefined();
    }
    expect(() => validateTupleAgainstModel(model, { object: 'doc:1', relation: 'viewer', user: 'user:anne' })).not.toThrow();
  });

  it('reports unknown types and relations as invalid tuples, keeping their kind', () => {
    expect(rejection({ object: 'folder:1', relation: 'viewer', user: 'user:anne' })).toEqual({
      code: ErrorCode.InvalidTuple,
      message: "Invalid tuple 'folder:1#viewer@user:anne'. Reason: type 'folder' not found",
    });
    expect(tupleModelProblem(ts, { object: 'doc:1', relation: 'editor', user: 'user:anne' })?.kind).toBe('relation-not-found');
    expect(tupleProblemCode(tupleModelProblem(ts, { object: 'doc:1', relation: 'viewer', user: 'team:x' })!.kind)).toBe(ErrorCode.TypeNotFound);
    expect(rejection({ object: 'doc:1', relation: 'viewer', user: 'group:x#owner' })?.message).toMatch(/relation 'group#owner' not found/);
  });

  it('enforces type restrictions', () => {
    expect(rejection({ object: 'doc:1', relation: 'viewer', user: 'doc:2' })).toEqual({
      code: ErrorCode.InvalidTuple,
      message: "Invalid tuple 'doc:1#viewer@doc:2'. Reason: type 'doc' is not an allowed type restriction for 'doc#viewer'",
    });
    expect(rejection({ object: 'doc:1', relation: 'parent', user: 'doc:*' })?.message).toMatch(/unexpected wildcard relationship with tupleset relation 'doc#parent'/);
    expect(rejection({ object: 'doc:1', relation: 'can_view', user: 'user:anne' })?.message).toMatch(/not directly assignable/);
    expect(rejection({ object: 'doc:*', relation: 'viewer', user: 'user:anne' })?.message).toMatch(/invalid 'object' field format|cannot reference a typed wildcard/);
    expect(rejection({ object: 'doc:1', relation: 'viewer', user: '*' })?.message).toMatch(/must be an object/);
  });

  it('enforces conditions', () => {
    expect(rejection({ object: 'doc:1', relation: 'reader', user: 'user:anne' })?.message).toMatch(/condition is missing/);
    expect(rejection({ object: 'doc:1', relation: 'viewer', user: 'user:anne', condition: { name: 'cond' } })?.message).toMatch(/invalid condition for type restriction/);
    expect(rejection({ object: 'doc:1', relation: 'reader', user: 'user:anne', condition: { name: 'nope' } })?.message).toMatch(/undefined condition 'nope'/);
    expect(rejection({ object: 'doc:1', relation: 'reader', user: 'user:anne', condition: { name: 'cond', context: { y: 1 } } })?.message).toMatch(
      /found invalid context parameter: y/,
    );
  });

  it('lets a read API choose its own code', () => {
    expect(() => validateTupleAgainstModel(ts, { object: 'folder:1', relation: 'viewer', user: 'user:anne' }, ErrorCode.ValidationError)).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationError }),
    );
  });
});

describe('validateTupleForWrite', () => {
  const ts = new TypeSystem(model);
  const thrown = (fn: () => void): unknown => {
    try {
      fn();
      return undefined;
    } catch (error) {
      return error;
    }
  };
  it('throws what validateTupleKey then validateTupleAgainstModel throw, syntax and model problems alike', () => {
    const keys: TupleKey[] = [
      { object: 'doc:1', relation: 'viewer', user: 'user:a' },
      { object: `doc:${'x'.repeat(300)}`, relation: 'viewer', user: 'user:a' },
      { object: 'doc:1', relation: 'r'.repeat(60), user: 'user:a' },
      { object: 'doc:1', relation: 'viewer', user: 'user:a:b' },
      { object: 'doc:1', relation: 'viewer', user: 'group:g#member#x' },
      { object: 'doc:1', relation: 'viewer', user: 'group:g#member' },
      { object: 'doc:1', relation: 'viewer', user: 'user:𝄞:x' },
      { object: 'doc:1', relation: 'viewer', user: 'user:\u0001' },
      { object: 'nocolon', relation: 'viewer', user: 'user:a' },
      { object: 'nope:1', relation: 'viewer', user: 'user:a' },
      { object: 'doc:1', relation: 'nope', user: 'user:a' },
      { object: 'doc:1', relation: 'reader', user: 'user:a' },
      { object: 'doc:1', relation: 'parent', user: 'group:g#member' },
      { object: 'doc:1', relation: 'viewer', user: 'user:a', condition: { name: 'bad name' } },
    ];
    for (const key of keys) {
      const pair = thrown(() => {
        validateTupleKey(key);
        validateTupleAgainstModel(ts, key);
      });
      const whole = thrown(() => validateTupleForWrite(ts, key));
      expect(whole, JSON.stringify(key)).toEqual(pair);
      if (pair) expect((whole as InvalidTupleError).code, JSON.stringify(key)).toBe((pair as InvalidTupleError).code);
    }
    expect(thrown(() => validateTupleForWrite(ts, keys[1]))).toMatchObject({ code: ErrorCode.ObjectTooLong });
  });
});
