import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, encodeParams } from './pg-params.js';

// pg's own encoder, the reference: the text sent must not change.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => unknown };

const element = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'NULL', 'null', '"', '\\', '\\"', '{', '}', ',', ' ', 'a b', '{"x"}', 'a\\\\b', "o'k", '\u0000', '\t\n'),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
);

describe('arrayLiteral', () => {
  it('is the text pg sends for flat arrays of strings, numbers, booleans and nulls', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 20 }), (values) => {
        expect(arrayLiteral(values)).toBe(prepareValue(values));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes and escapes what PostgreSQL would otherwise read as syntax', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['NULL', '', 'a,b', '{x}'])).toBe('{"NULL","","a,b","{x}"}');
    expect(arrayLiteral(['say "hi"', 'C:\\dir\\'])).toBe('{"say \\"hi\\"","C:\\\\dir\\\\"}');
    expect(arrayLiteral([true, null, 7])).toBe('{"true",NULL,"7"}');
  });

  it('leaves nested arrays, buffers, dates and objects to pg', () => {
    for (const values of [[['a']], [Buffer.from('a')], [new Date(0)], [{ a: 1 }], [new Uint8Array(1)]]) expect(arrayLiteral(values)).toBeUndefined();
  });
});

describe('encodeParams', () => {
  it('encodes flat arrays only and copies the parameter list', () => {
    const nested = [['a']];
    const params = ['s', 1, null, ['x', 'y'], nested, '{"x"}'];
    const encoded = encodeParams(params);
    expect(encoded).toEqual(['s', 1, null, '{"x","y"}', nested, '{"x"}']);
    expect(encoded).not.toBe(params);
    expect(params[3]).toEqual(['x', 'y']);
  });
});
