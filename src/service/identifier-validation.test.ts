// Every class of bad identifier through every service call that takes one, on the memory
// datastore: each is refused with OpenFGA's code and a short message naming the field, and no
// Write refused this way stores anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../dsl/index.js';
import { ErrorCode, RelataError } from '../model/index.js';
import type { TupleKey } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { createRelataService } from './relata-service.js';
import type { RelataService } from './relata-service.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user, user with in_region]
condition in_region(region: string) {
  region == "eu"
}
`);

type BadClass = 'nul' | 'soh' | 'del' | 'c1' | 'newline' | 'tab' | 'lone-surrogate' | 'too-long' | 'pattern' | 'huge';

const controls: Partial<Record<BadClass, string>> = {
  nul: '\u0000',
  soh: '\u0001',
  del: '\u007f',
  c1: '\u0085',
  newline: '\n',
  tab: '\t',
  'lone-surrogate': '\ud800',
};

interface Position {
  /** The call and the place of the identifier in it. */
  name: string;
  /** A valid value for the position (the bad ones are built from it). */
  valid: string;
  /** Over the API's length limit, in multi-byte characters (absent: the API sets no limit). */
  tooLong?: string;
  /** Outside the position's pattern (absent: no pattern beyond the text rule). */
  pattern?: string;
  code: ErrorCode;
  codes?: Partial<Record<BadClass, ErrorCode>>;
  /** How the message names the field. */
  field: RegExp;
  call(value: string): Promise<unknown>;
}

let service: RelataService;
let storeId: string;
let authorizationModelId: string;

const key = (object = 'doc:1', relation = 'viewer', user = 'user:a'): TupleKey => ({ object, relation, user });
const e = 'é'; // two UTF-8 bytes

function positions(): Position[] {
  const check = (tupleKey: TupleKey, rest: Record<string, unknown> = {}) => service.check({ storeId, tupleKey, ...rest });
  const batch = (tupleKey: TupleKey) => service.batchCheck({ storeId, checks: [{ correlationId: 'c1', tupleKey }] });
  const write = (writes: TupleKey[], deletes: TupleKey[] = []) =>
    service.write({
      storeId,
      writes: writes.length ? { tupleKeys: writes, onDuplicate: 'ignore' } : undefined,
      deletes: deletes.length ? { tupleKeys: deletes, onMissing: 'ignore' } : undefined,
    });
  const listUsers = (over: { type?: string; id?: string; relation?: string; filterType?: string; filterRelation?: string }) =>
    service.listUsers({
      storeId,
      object: { type: over.type ?? 'doc', id: over.id ?? '1' },
      relation: over.relation ?? 'viewer',
      userFilters: [{ type: over.filterType ?? 'user', ...(over.filterRelation ? { relation: over.filterRelation } : {}) }],
    });
  const objectLike = { valid: 'doc:1', tooLong: `doc:${e.repeat(300)}`, pattern: 'doc1' };
  const relationLike = { valid: 'viewer', tooLong: e.repeat(51), pattern: 'view:er' };
  const userLike = { valid: 'user:a', tooLong: `user:${e.repeat(300)}`, pattern: 'user:a#b#c' };
  const typeLike = { valid: 'doc', tooLong: e.repeat(255), pattern: 'do#c' };
  const V = ErrorCode.ValidationError;
  const T = ErrorCode.InvalidTuple;
  return [
    { name: 'Check tuple_key.object', ...objectLike, code: V, field: /object/, call: (v) => check(key(v)) },
    { name: 'Check tuple_key.relation', ...relationLike, code: V, field: /relation/, call: (v) => check(key(undefined, v)) },
    { name: 'Check tuple_key.user', ...userLike, code: V, field: /user/, call: (v) => check(key(undefined, undefined, v)) },
    { name: 'BatchCheck checks[].tuple_key.object', ...objectLike, code: V, field: /object/, call: (v) => batch(key(v)) },
    { name: 'BatchCheck checks[].tuple_key.user', ...userLike, code: V, field: /user/, call: (v) => batch(key(undefined, undefined, v)) },
    { name: 'ListObjects user', ...userLike, code: V, field: /user/, call: (v) => service.listObjects({ storeId, type: 'doc', relation: 'viewer', user: v }) },
    { name: 'ListObjects type', ...typeLike, code: V, field: /type/, call: (v) => service.listObjects({ storeId, type: v, relation: 'viewer', user: 'user:a' }) },
    {
      name: 'StreamedListObjects user',
      ...userLike,
      code: V,
      field: /user/,
      call: async (v) => {
        const objects: string[] = [];
        for await (const object of service.streamListObjects({ storeId, type: 'doc', relation: 'viewer', user: v })) objects.push(object);
        return objects;
      },
    },
    { name: 'ListObjects relation', ...relationLike, code: V, field: /relation/, call: (v) => service.listObjects({ storeId, type: 'doc', relation: v, user: 'user:a' }) },
    { name: 'ListUsers object.type', ...typeLike, code: V, field: /object\.type/, call: (v) => listUsers({ type: v }) },
    { name: 'ListUsers object.id', valid: '1', pattern: '1#2', code: V, field: /object\.id/, call: (v) => listUsers({ id: v }) },
    { name: 'ListUsers relation', ...relationLike, code: V, field: /relation/, call: (v) => listUsers({ relation: v }) },
    { name: 'ListUsers user_filters.type', ...typeLike, code: V, field: /user_filters\[0\]\.type/, call: (v) => listUsers({ filterType: v }) },
    {
      name: 'ListUsers user_filters.relation',
      ...relationLike,
      code: V,
      field: /user_filters\[0\]\.relation/,
      call: (v) => listUsers({ filterRelation: v === 'viewer' ? '' : v }),
    },
    { name: 'Expand tuple_key.object', ...objectLike, code: V, field: /object/, call: (v) => service.expand({ storeId, tupleKey: { object: v, relation: 'viewer' } }) },
    { name: 'Expand tuple_key.relation', ...relationLike, code: V, field: /relation/, call: (v) => service.expand({ storeId, tupleKey: { object: 'doc:1', relation: v } }) },
    {
      name: 'Read tuple_key.object',
      ...objectLike,
      pattern: 'doc',
      code: V,
      codes: { pattern: ErrorCode.InvalidObjectFormat },
      field: /object/,
      call: (v) => service.read({ storeId, tupleKey: { object: v } }),
    },
    { name: 'Read tuple_key.relation', ...relationLike, code: V, field: /relation/, call: (v) => service.read({ storeId, tupleKey: { object: 'doc:1', relation: v } }) },
    { name: 'Read tuple_key.user', ...userLike, pattern: 'user', code: V, field: /user/, call: (v) => service.read({ storeId, tupleKey: { object: 'doc:1', user: v } }) },
    { name: 'Write writes[].object', ...objectLike, code: T, codes: { 'too-long': ErrorCode.ObjectTooLong, huge: ErrorCode.ObjectTooLong }, field: /object/, call: (v) => write([key(v)]) },
    { name: 'Write writes[].relation', ...relationLike, code: T, codes: { 'too-long': ErrorCode.RelationTooLong, huge: ErrorCode.RelationTooLong }, field: /relation/, call: (v) => write([key(undefined, v)]) },
    { name: 'Write writes[].user', ...userLike, code: T, field: /user/, call: (v) => write([key(undefined, undefined, v)]) },
    {
      name: 'Write writes[].condition.name',
      valid: 'in_region',
      tooLong: e.repeat(51),
      pattern: 'in*region',
      code: T,
      field: /condition\.name/,
      call: (v) => write([{ ...key(undefined, undefined, 'user:c'), condition: { name: v, context: { region: 'eu' } } }]),
    },
    { name: 'Write deletes[].object', ...objectLike, code: T, codes: { 'too-long': ErrorCode.ObjectTooLong, huge: ErrorCode.ObjectTooLong }, field: /object/, call: (v) => write([], [key(v)]) },
    { name: 'Write deletes[].user', ...userLike, code: T, field: /user/, call: (v) => write([], [key(undefined, undefined, v)]) },
    { name: 'Check contextual_tuples[].object', ...objectLike, code: T, field: /object/, call: (v) => check(key(), { contextualTuples: [key(v)] }) },
    { name: 'Check contextual_tuples[].user', ...userLike, code: T, field: /user/, call: (v) => check(key(), { contextualTuples: [key(undefined, undefined, v)] }) },
    {
      name: 'ListObjects contextual_tuples[].relation',
      ...relationLike,
      code: T,
      field: /relation/,
      call: (v) => service.listObjects({ storeId, type: 'doc', relation: 'viewer', user: 'user:a', contextualTuples: [key(undefined, v)] }),
    },
    {
      name: 'Check contextual_tuples[].condition.name',
      valid: 'in_region',
      tooLong: e.repeat(51),
      pattern: 'in*region',
      code: V,
      field: /condition\.name/,
      call: (v) => check(key(), { contextualTuples: [{ ...key(), condition: { name: v, context: { region: 'eu' } } }], context: { region: 'eu' } }),
    },
    { name: 'Check context key', valid: 'region', code: V, field: /context/, call: (v) => check(key(), { context: { [v]: 'eu' } }) },
    {
      name: 'ListUsers context key',
      valid: 'region',
      code: V,
      field: /context/,
      call: (v) => service.listUsers({ storeId, object: { type: 'doc', id: '1' }, relation: 'viewer', userFilters: [{ type: 'user' }], context: { [v]: 'eu' } }),
    },
    { name: 'ReadChanges type', ...typeLike, code: V, field: /type/, call: (v) => service.readChanges({ storeId, type: v }) },
    { name: 'Read store_id', valid: storeId, pattern: storeId.toLowerCase(), code: V, field: /store_id/, call: (v) => service.read({ storeId: v }) },
    { name: 'CreateStore name', valid: 'a store', tooLong: e.repeat(65), pattern: 'no', code: V, field: /name/, call: (v) => service.createStore({ name: v }) },
    {
      name: 'WriteAssertions tuple_key.user',
      ...userLike,
      code: V,
      field: /user/,
      call: (v) => service.writeAssertions({ storeId, authorizationModelId, assertions: [{ tupleKey: key(undefined, undefined, v), expectation: true }] }),
    },
  ];
}

/** The value of `cls` for a position, or undefined when the class does not apply to it. */
function badValue(position: Position, cls: BadClass): string | undefined {
  const control = controls[cls];
  if (control !== undefined) return `${position.valid}${control}x`;
  if (cls === 'too-long') return position.tooLong;
  if (cls === 'pattern') return position.pattern;
  // 64 KiB: over every limit, or (without one) still a single short message.
  return position.tooLong === undefined ? `${position.valid}\u0000${'x'.repeat(65536)}` : `${position.valid}${'x'.repeat(65536)}`;
}

/** The error of the call: thrown, or a BatchCheck item's. */
async function failureOf(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    expect(error).toBeInstanceOf(RelataError);
    return error as RelataError;
  }
  const results = (result as { results?: Map<string, { error?: { code: number; message: string } }> }).results;
  const itemError = results?.get('c1')?.error;
  if (itemError) return itemError;
  throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
}

const classes: BadClass[] = ['nul', 'soh', 'del', 'c1', 'newline', 'tab', 'lone-surrogate', 'too-long', 'pattern', 'huge'];

describe('identifier validation on every call', () => {
  beforeAll(async () => {
    service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    storeId = (await service.createStore({ name: 'ids' })).id;
    authorizationModelId = (await service.writeAuthorizationModel({ storeId, model })).authorizationModelId;
    await service.write({ storeId, writes: { tupleKeys: [key()] } });
  });

  for (const cls of classes) {
    it(`refuses ${cls} with the field named and a short message`, async () => {
      for (const position of positions()) {
        const value = badValue(position, cls);
        if (value === undefined) continue;
        const failure = await failureOf(position.call(value));
        const label = `${position.name} (${cls}): ${failure.message}`;
        expect(failure.code, label).toBe(position.codes?.[cls] ?? position.code);
        expect(failure.message, label).toMatch(position.field);
        expect(failure.message.length, label).toBeLessThan(400);
        expect(failure.message, label).not.toMatch(/[\p{Cc}\p{Cs}]/u);
      }
    });
  }

  it('stored nothing from the refused writes', async () => {
    const { items } = await service.read({ storeId });
    expect(items.map((t) => t.key)).toEqual([key()]);
  });

  it('refuses a whole Write when one of its tuples has a bad id', async () => {
    const good = key(undefined, undefined, 'user:z');
    const failure = await failureOf(service.write({ storeId, writes: { tupleKeys: [good, key(undefined, undefined, 'user:y\u0000')] } }));
    expect(failure.code).toBe(ErrorCode.InvalidTuple);
    expect((await service.read({ storeId, tupleKey: { object: 'doc:1', user: 'user:z' } })).items).toEqual([]);
  });

  it('answers a grant on one id only for that id, never for a look-alike', async () => {
    // U+FFFD is an ordinary character; a lone surrogate must not become it on the way in.
    await service.write({ storeId, writes: { tupleKeys: [key(undefined, undefined, 'user:b\ufffd')] } });
    expect((await service.check({ storeId, tupleKey: key(undefined, undefined, 'user:b\ufffd') })).allowed).toBe(true);
    expect(await failureOf(service.check({ storeId, tupleKey: key(undefined, undefined, 'user:b\ud800') }))).toMatchObject({ code: ErrorCode.ValidationError });
    expect((await service.check({ storeId, tupleKey: key() })).allowed).toBe(true);
    for (const user of ['user:a\ud800', 'user:a\u0000', 'user:a\ufffd']) {
      const outcome = await service.check({ storeId, tupleKey: key(undefined, undefined, user) }).then(
        (r) => r.allowed,
        (error: RelataError) => error.code,
      );
      expect(outcome).not.toBe(true);
    }
  });

  it('accepts the valid value of every position (the table is sound; runs last, it writes)', async () => {
    for (const position of positions()) {
      await expect(position.call(position.valid).then(() => 'ok'), position.name).resolves.toBe('ok');
    }
  });
});

describe('error codes follow the kind of problem, not the names in it', () => {
  beforeAll(async () => {
    service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    storeId = (await service.createStore({ name: 'kinds' })).id;
    await service.writeAuthorizationModel({ storeId, model });
  });

  it('words a missing request field one way in Check, BatchCheck, ListUsers and assertions', async () => {
    const messages = [
      await failureOf(service.check({ storeId, tupleKey: undefined as unknown as TupleKey })),
      await failureOf(service.batchCheck({ storeId, checks: [{ correlationId: 'c1', tupleKey: undefined as unknown as TupleKey }] })),
      await failureOf(service.listUsers({ storeId, object: { type: 'doc', id: '' }, relation: 'viewer', userFilters: [{ type: 'user' }] })),
    ].map((failure) => {
      expect(failure.code).toBe(ErrorCode.ValidationError);
      return failure.message.replace(/^invalid (\S+): /, 'invalid <field>: ');
    });
    expect(new Set(messages)).toEqual(new Set(['invalid <field>: value is required']));
  });

  it('words missing condition parameters one way in Check, BatchCheck and ListUsers', async () => {
    const conditional = { ...key('doc:2', 'viewer', 'user:c'), condition: { name: 'in_region' } };
    await service.write({ storeId, writes: { tupleKeys: [conditional] } });
    const expected = "failed to evaluate relationship condition 'in_region': tuple 'doc:2#viewer@user:c' is missing context parameters '[region]'";
    expect(await failureOf(service.check({ storeId, tupleKey: key('doc:2', 'viewer', 'user:c') }))).toMatchObject({ code: ErrorCode.ValidationError, message: expected });
    expect(await failureOf(service.batchCheck({ storeId, checks: [{ correlationId: 'c1', tupleKey: key('doc:2', 'viewer', 'user:c') }] }))).toMatchObject({
      code: ErrorCode.ValidationError,
      message: expected,
    });
    const listed = await failureOf(service.listUsers({ storeId, object: { type: 'doc', id: '2' }, relation: 'viewer', userFilters: [{ type: 'user' }] }));
    expect(listed).toMatchObject({ code: ErrorCode.ValidationError, message: expected });
  });

  it('an unknown type in a contextual tuple gets one code whatever it is called', async () => {
    const codeOf = async (contextual: TupleKey) => (await failureOf(service.check({ storeId, tupleKey: key(), contextualTuples: [contextual] }))).code;
    const codes = new Set<number>();
    for (const name of ['employee', 'conditional_employee', 'condition', 'undefined_condition_x']) {
      codes.add(await codeOf(key(undefined, undefined, `${name}:1`)));
      codes.add(await codeOf(key(`${name}:1`)));
    }
    expect([...codes]).toEqual([ErrorCode.InvalidTuple]);
    // An unknown relation named like a condition problem is still an invalid tuple.
    expect(await codeOf(key(undefined, 'condition_is_missing'))).toBe(ErrorCode.InvalidTuple);
    // A real condition problem is a validation error (OpenFGA's InvalidConditionalTupleError).
    expect(await codeOf({ ...key(), condition: { name: 'nope' } })).toBe(ErrorCode.ValidationError);
  });
});
