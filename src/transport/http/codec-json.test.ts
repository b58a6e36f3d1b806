import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../model/index.js';
import { decodeConsistency, decodeModel, decodeTimestamp, decodeTupleKey, encodeStore, encodeTimestamp, encodeTreeNode, encodeTupleKey, queryInteger, structFromJson } from './codec-json.js';
import { maxJsonDepth, nestsDeeperThan, parseJsonBody } from './json-body.js';

describe('OpenFGA JSON codec', () => {
  it('writes timestamps as protojson does (Z, fraction only when non-zero) and reads RFC 3339', () => {
    expect(encodeTimestamp(new Date('2024-05-01T10:00:00.000Z'))).toBe('2024-05-01T10:00:00Z');
    expect(encodeTimestamp(new Date('2024-05-01T10:00:00.120Z'))).toBe('2024-05-01T10:00:00.120Z');
    expect(decodeTimestamp('2024-05-01T12:00:00+02:00', 'start_time')?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(decodeTimestamp('2024-05-01T10:00:00.123456789Z', 'start_time')?.getTime()).toBe(Date.parse('2024-05-01T10:00:00.123Z'));
    expect(decodeTimestamp(undefined, 'start_time')).toBeUndefined();
    for (const bad of ['yesterday', '2024-05-01', '2024-13-01T00:00:00Z', '1714557600']) {
      expect(() => decodeTimestamp(bad, 'start_time')).toThrow(/start_time/);
    }
  });

  it('reads query integers and refuses anything else, naming the field', () => {
    expect(queryInteger('25', 'page_size')).toBe(25);
    expect(queryInteger('', 'page_size')).toBeUndefined();
    for (const bad of ['1.5', 'ten', '1e3', '99999999999', ' 1']) expect(() => queryInteger(bad, 'page_size')).toThrow(/page_size/);
  });

  it('reads the consistency enum by name or number', () => {
    expect(decodeConsistency('HIGHER_CONSISTENCY')).toBe('HIGHER_CONSISTENCY');
    expect(decodeConsistency(100)).toBe('MINIMIZE_LATENCY');
    expect(decodeConsistency(null)).toBeUndefined();
    expect(() => decodeConsistency(7)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationError }));
  });

  it('copies a Struct into prototype-free objects, keeping __proto__ and toString as keys', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"toString":1,"nested":[{"constructor":"x"}]}') as Record<string, unknown>;
    const struct = structFromJson(parsed)!;
    expect(Object.getPrototypeOf(struct)).toBeNull();
    expect(Object.keys(struct)).toEqual(['__proto__', 'toString', 'nested']);
    expect(struct.toString).toBe(1);
    const nested = (struct.nested as Record<string, unknown>[])[0]!;
    expect(Object.getPrototypeOf(nested)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(structFromJson(null)).toBeUndefined();
  });

  it('round-trips tuple keys with conditions and emits unpopulated fields as OpenFGA does', () => {
    const key = decodeTupleKey({ object: 'doc:1', relation: 'viewer', user: 'user:a', condition: { name: 'c', context: { x: 1 } } });
    expect(key).toEqual({ object: 'doc:1', relation: 'viewer', user: 'user:a', condition: { name: 'c', context: { x: 1 } } });
    expect(encodeTupleKey(key)).toEqual({ user: 'user:a', relation: 'viewer', object: 'doc:1', condition: { name: 'c', context: { x: 1 } } });
    expect(encodeTupleKey({ object: 'doc:1', relation: 'viewer', user: 'user:a' }).condition).toBeNull();
    expect(decodeTupleKey({})).toEqual({ object: '', relation: '', user: '' });
    const store = encodeStore({ id: 's', name: 'n', createdAt: new Date(0), updatedAt: new Date(1000) });
    expect(store).toEqual({ id: 's', name: 'n', created_at: '1970-01-01T00:00:00Z', updated_at: '1970-01-01T00:00:01Z', deleted_at: null });
  });

  it('reads a model through the model JSON reader, naming the bad field', () => {
    const model = decodeModel({ schema_version: '1.1', type_definitions: [{ type: 'user' }, { type: 'doc', relations: { viewer: { this: {} } } }] });
    expect(model.type_definitions.map((t) => t.type)).toEqual(['user', 'doc']);
    expect(() => decodeModel({ schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { viewer: { nothing: {} } } }] })).toThrow(/type_definitions\[0\]\.relations\.viewer/);
    expect(() => decodeModel({ schema_version: '1.1', type_definitions: [{ type: 7 }] })).toThrow(/type_definitions\[0\]\.type/);
  });

  it('encodes expand trees with the oneofs OpenFGA names', () => {
    const tree = encodeTreeNode({
      name: 'doc:1#viewer',
      union: { nodes: [{ name: 'doc:1#viewer', leaf: { users: { users: ['user:a'] } } }, { name: 'doc:1#viewer', leaf: { tupleToUserset: { tupleset: 'doc:1#parent', computed: [{ userset: 'folder:f#viewer' }] } } }] },
    });
    expect(JSON.parse(JSON.stringify(tree))).toEqual({
      name: 'doc:1#viewer',
      union: {
        nodes: [
          { name: 'doc:1#viewer', leaf: { users: { users: ['user:a'] } } },
          { name: 'doc:1#viewer', leaf: { tupleToUserset: { tupleset: 'doc:1#parent', computed: [{ userset: 'folder:f#viewer' }] } } },
        ],
      },
    });
  });
});

describe('JSON body parser', () => {
  it('reads an empty body as the empty message and a JSON object as itself', () => {
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
    expect(parseJsonBody(Buffer.from('{"a":[1,{"b":"]]]"}]}'))).toEqual({ a: [1, { b: ']]]' }] });
  });

  it('refuses invalid UTF-8, malformed JSON and non-objects with a validation error', () => {
    expect(() => parseJsonBody(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toThrow(/UTF-8/);
    expect(() => parseJsonBody(Buffer.from('{"a":'))).toThrow(/malformed JSON/);
    for (const body of ['[]', '"x"', '1', 'null']) expect(() => parseJsonBody(Buffer.from(body))).toThrow(/expected a JSON object/);
  });

  it('measures depth outside strings only (escaped quotes included)', () => {
    const deep = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
    expect(nestsDeeperThan(deep(maxJsonDepth), maxJsonDepth)).toBe(false);
    expect(nestsDeeperThan(deep(maxJsonDepth + 1), maxJsonDepth)).toBe(true);
    const inString = Buffer.from(`{"s":"\\"${'['.repeat(maxJsonDepth * 2)}"}`);
    expect(nestsDeeperThan(inString, maxJsonDepth)).toBe(false);
    expect(() => parseJsonBody(Buffer.from(`{"a":${'{"a":'.repeat(maxJsonDepth)}1${'}'.repeat(maxJsonDepth + 1)}`))).toThrow(/nested deeper/);
  });
});
