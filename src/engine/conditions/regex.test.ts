// matches() on RE2: Go's syntax and errors, unanchored search, bounded quoting of bad patterns.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../model/index.js';
import { compileCondition } from './compile.js';
import { evaluate } from './evaluate.js';
import { conditionRegex } from './regex.js';

const c = compileCondition({
  name: 'm',
  expression: 's.matches(p)',
  parameters: { s: { type_name: 'TYPE_NAME_STRING' }, p: { type_name: 'TYPE_NAME_STRING' } },
});

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('matches()', () => {
  it('searches unanchored, as Go regexp.MatchString', () => {
    expect(evaluate(c, undefined, { s: 'xxabcxx', p: 'abc' })).toEqual({ met: true });
    expect(evaluate(c, undefined, { s: 'xxabcxx', p: '^abc' })).toEqual({ met: false });
    expect(evaluate(c, undefined, { s: 'abc', p: '(?i)ABC' })).toEqual({ met: true });
  });

  it('reports a bad pattern as an evaluation error with Go’s message', () => {
    expect(message(() => evaluate(c, undefined, { s: 'a', p: '(' }))).toBe(
      "failed to evaluate relationship condition 'm': failed to evaluate condition expression: error parsing regexp: missing closing ): `(`",
    );
    // Perl look-arounds are not RE2.
    expect(message(() => evaluate(c, undefined, { s: 'a', p: 'a(?=b)' }))).toContain('error parsing regexp: invalid or unsupported Perl syntax');
  });

  it('quotes only a prefix of a long bad pattern', () => {
    const text = message(() => evaluate(c, undefined, { s: 'a', p: `${'x'.repeat(300)}(` }));
    expect(text.length).toBeLessThan(250);
  });

  it('compiles a pattern once and keeps the cache bounded', () => {
    const a = conditionRegex.compile('^a+$');
    expect(conditionRegex.compile('^a+$')).toBe(a);
    for (let i = 0; i < 600; i++) conditionRegex.compile(`^p${i}$`);
    expect(conditionRegex.compile('^a+$').test('aaa')).toBe(true);
  });
});
