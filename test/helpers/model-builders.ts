// Hand-built JSON models for engine and cache tests that must not depend on the DSL compiler:
// rewrite builders and a compact model spec.
import type { AuthorizationModel, RelationReference, Userset } from '../../src/model/index.js';

export const self: Userset = { this: {} };
export const computed = (relation: string): Userset => ({ computedUserset: { relation } });
export const ttu = (tupleset: string, relation: string): Userset => ({ tupleToUserset: { tupleset: { relation: tupleset }, computedUserset: { relation } } });
export const or = (...child: Userset[]): Userset => ({ union: { child } });
export const and = (...child: Userset[]): Userset => ({ intersection: { child } });
export const butNot = (base: Userset, subtract: Userset): Userset => ({ difference: { base, subtract } });

/** A directly related user type from `user`, `user:*`, `group#member` or `user with cond`. */
export const ref = (spec: string): RelationReference => {
  const [head, condition] = spec.split(' with ');
  const [type, relation] = head.split('#');
  const out: RelationReference = type.endsWith(':*') ? { type: type.slice(0, -2), wildcard: {} } : relation ? { type, relation } : { type };
  return condition ? { ...out, condition } : out;
};

/**
 * A model from `{type: {relation: [rewrite, ['user', 'user:*', 'group#member', 'user with cond']]}}`;
 * each named condition takes `x: int` and holds when `x < 100`.
 */
export function model(spec: Record<string, Record<string, [Userset, string[]?]>>, conditions: string[] = []): AuthorizationModel {
  return {
    schema_version: '1.1',
    type_definitions: Object.entries(spec).map(([type, relations]) => ({
      type,
      relations: Object.fromEntries(Object.entries(relations).map(([name, [rewrite]]) => [name, rewrite])),
      metadata: {
        relations: Object.fromEntries(
          Object.entries(relations).map(([name, [, refs]]) => [name, { directly_related_user_types: (refs ?? []).map(ref) }]),
        ),
      },
    })),
    conditions: Object.fromEntries(conditions.map((name) => [name, { name, expression: 'x < 100', parameters: { x: { type_name: 'TYPE_NAME_INT' } } }])),
  };
}

/** `type user` and `type document` with `define viewer: [user]`: the model of tests about anything but the model. */
export const documentViewerModel: AuthorizationModel = model({ user: {}, document: { viewer: [self, ['user']] } });
