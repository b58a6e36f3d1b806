// Names that exist on Object.prototype (or are its accessors): a model, tuple or context that uses
// them as types, relations, conditions, parameters or keys must behave like any other name.
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'] as const;

/** An ordinary name to compare against: the same model with `plain` everywhere. */
export const PLAIN_NAME = 'plain';

/**
 * One model using `n` as a type, as relations on two types, as a condition and as its parameter,
 * (`param`, default `n`) with every rewrite form (direct, wildcard, userset, conditional, computed, tuple-to-userset,
 * union, intersection, exclusion), in the DSL printer's own layout.
 */
export function prototypeNamesDsl(n: string, param = n): string {
  return `model
  schema 1.1

type user

type ${n}
  relations
    define ${n}: [user, user:*, ${n}#${n}, user with ${n}]

type doc
  relations
    define ${n}: [user, ${n}#${n}]
    define blocked: [user]
    define both: ${n} and viewer
    define can_view: viewer but not blocked
    define parent: [${n}]
    define viewer: ${n} or ${n} from parent

condition ${n}(${param}: string) {
  ${param} == "ok"
}
`;
}

/** A context object whose only key is `n` (computed keys stay own keys, even `__proto__`). */
export function contextWith(n: string, value: unknown): Record<string, unknown> {
  return { [n]: value };
}
