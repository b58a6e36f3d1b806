import { describe, expect, it } from 'vitest';
import { maxScopeEntries, scopesFromClaim } from './oidc-scopes.js';

const plain = (claim: unknown) => Object.fromEntries([...scopesFromClaim(claim)].map(([store, set]) => [store, [...set].sort()]));

describe('scopesFromClaim', () => {
  it('reads a space-separated string: relata:<scope> for every store, relata:store:<id>:<scope> for one', () => {
    expect(plain('openid relata:check relata:store:01HX:write relata:store:01HX:read email')).toEqual({ '*': ['check'], '01HX': ['read', 'write'] });
  });

  it('reads an array of strings, skipping non-strings', () => {
    expect(plain(['relata:admin', 42, null, 'relata:store:s1:model'])).toEqual({ '*': ['admin'], s1: ['model'] });
  });

  it('ignores what is not a well-formed relata scope', () => {
    const ignored = [
      'relata:',
      'relata:owner',
      'relata:store:s1',
      'relata:store::check',
      'relata:store:*:check',
      'relata:store:s1:check:extra',
      'relata:stores:s1:check',
      'RELATA:check',
      'other:check',
      'relata:__proto__',
      'relata:store:__proto__:constructor',
    ];
    expect(plain(ignored.join(' '))).toEqual({});
    expect(plain(undefined)).toEqual({});
    expect(plain(42)).toEqual({});
    expect(plain({ scope: 'relata:check' })).toEqual({});
  });

  it('reads at most maxScopeEntries entries', () => {
    const claim = [...Array.from({ length: maxScopeEntries }, () => 'x'), 'relata:admin'];
    expect(plain(claim)).toEqual({});
  });
});
