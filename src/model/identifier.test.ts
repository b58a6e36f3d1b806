import { describe, expect, it } from 'vitest';
import { codePointLength, identifierTextProblem, jsonTextProblem, preview, utf8Length } from './identifier.js';

describe('identifierTextProblem', () => {
  it('accepts printable text, including non-ASCII and U+FFFD', () => {
    for (const ok of ['doc:1', 'user:é', 'user:😀', 'a\ufffd', 'a b']) expect(identifierTextProblem(ok)).toBeUndefined();
  });

  it('refuses every control character (C0, DEL, C1) and lone surrogates', () => {
    for (const bad of ['\u0000', '\u0001', '\n', '\t', '\u001f', '\u007f', '\u0085', '\u009f']) {
      expect(identifierTextProblem(`a${bad}b`)).toMatch(/control characters/);
    }
    for (const bad of ['\ud800', '\udfff', 'x\ud83d', '\ude00x']) expect(identifierTextProblem(bad)).toMatch(/lone surrogates/);
  });
});

describe('lengths as OpenFGA counts them', () => {
  it('counts code points and UTF-8 bytes', () => {
    expect(codePointLength('aé😀')).toBe(3);
    expect(utf8Length('aé😀')).toBe(1 + 2 + 4);
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('é'.repeat(300))).toBe(600);
  });
});

describe('preview', () => {
  it('keeps short input as is and cuts long input with a count', () => {
    expect(preview('doc:1')).toBe('doc:1');
    const long = preview('x'.repeat(65536));
    expect(long.length).toBeLessThan(90);
    expect(long).toMatch(/…\(65472 more\)$/);
  });

  it('escapes control characters and lone surrogates and never splits a pair', () => {
    expect(preview('a\u0000b\n\ud800')).toBe('a\\u0000b\\u000a\\ud800');
    expect(preview('😀'.repeat(3), 2)).toBe('😀😀…(1 more)');
  });
});

describe('jsonTextProblem', () => {
  it('finds NUL and lone surrogates in keys and strings at any depth', () => {
    expect(jsonTextProblem({ a: [1, { b: 'ok' }] })).toBeUndefined();
    expect(jsonTextProblem({ a: [1, { b: 'x\u0000' }] })).toBeDefined();
    expect(jsonTextProblem({ ['k\ud800']: 1 })).toBeDefined();
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonTextProblem(deep)).toBeDefined();
    expect(jsonTextProblem(new Array(300_000).fill('x'))).toBeUndefined();
  });
});
