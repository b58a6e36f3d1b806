import { describe, expect, it } from 'vitest';
import { findSymbol, SourceLocator } from './source-locator.js';

const source = [
  'model',
  '  schema 1.1 # comment',
  'type user',
  'type doc # module: core, file: core.fga',
  '  relations',
  '    define writers: [user]',
  '    define writer  : [user, user:*, doc#writer with cond] or viewer from parent',
  'condition less_than(x: int) {',
  '  x < 1',
  '}',
  'condition less(x: int) {',
].join('\n');
const locator = new SourceLocator(source);

describe('SourceLocator', () => {
  it('finds definitions by name, ignoring trailing comments and prefixes of other names', () => {
    expect(locator.typeLine('doc')).toBe(3);
    expect(locator.typeLine('do')).toBeUndefined();
    expect(locator.relationLine('doc', 'writer')).toBe(6);
    expect(locator.conditionLine('less')).toBe(10);
    expect(locator.schemaLine('1.1')).toBe(1);
    expect(locator.schemaLine('9.9')).toBe(0);
  });

  it('places symbols by anchor', () => {
    expect(locator.position(6, 'writer', 'name').column).toEqual({ start: 11, end: 17 });
    expect(locator.position(6, 'user:*', 'value').column).toEqual({ start: 28, end: 34 });
    expect(locator.position(6, 'cond', 'condition').column.start).toBe(52);
    expect(locator.position(6, 'parent', 'tupleset').column.start).toBe(73);
    expect(locator.position(6, 'absent', 'value').column).toEqual({ start: 0, end: 6 });
  });

  it('matches whole words only', () => {
    expect(findSymbol('define writers: writer', 'writer')).toBe(16);
    expect(findSymbol('[user:*, user:*]', 'user:*', 2)).toBe(9);
  });
});
