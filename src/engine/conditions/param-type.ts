// The parameter types a condition may declare (OpenFGA's ConditionParamTypeRef), decoded once per
// model into a small tree that both the static checker and the context converter walk.

import { SCALAR_PARAM_TYPES } from '../../model/index.js';
import type { ConditionParamTypeRef, ConditionTypeName, ScalarParamKind } from '../../model/index.js';

export type ScalarKind = ScalarParamKind;

export type ParamType =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'list'; readonly element: ParamType }
  | { readonly kind: 'map'; readonly value: ParamType };

const scalarByTypeName: Partial<Record<ConditionTypeName, ScalarKind>> = SCALAR_PARAM_TYPES;

// Shared instances keep decoded trees small and let callers compare scalars by identity.
const scalars = new Map<ScalarKind, ParamType>(
  Object.values(scalarByTypeName).map((kind) => [kind, { kind }] as const),
);

/** Thrown by decodeParamType; the caller wraps it with the condition and parameter names. */
export class ParamTypeDecodeError extends Error {}

/**
 * Decodes a declared parameter type. Unknown type names and wrong generic counts are errors,
 * as in OpenFGA (`map` and `list` take exactly one generic type, every other type none).
 */
export function decodeParamType(ref: ConditionParamTypeRef): ParamType {
  if (typeof ref !== 'object' || ref === null) throw new ParamTypeDecodeError('parameter type must be an object');
  const name: unknown = ref.type_name;
  const generics: unknown = ref.generic_types ?? [];
  if (!Array.isArray(generics)) throw new ParamTypeDecodeError('generic_types must be a list');
  const expectedGenerics = name === 'TYPE_NAME_LIST' || name === 'TYPE_NAME_MAP' ? 1 : 0;
  const scalar = typeof name === 'string' && Object.hasOwn(scalarByTypeName, name) ? scalarByTypeName[name as ConditionTypeName] : undefined;
  if (!scalar && expectedGenerics === 0) {
    throw new ParamTypeDecodeError(`unknown condition parameter type \`${String(name)}\``);
  }
  if (generics.length !== expectedGenerics) {
    throw new ParamTypeDecodeError(
      `condition parameter type \`${String(name)}\` requires ${expectedGenerics} generic types; found ${generics.length}`,
    );
  }
  if (scalar) return scalars.get(scalar)!;
  const inner = decodeParamType(generics[0] as ConditionParamTypeRef);
  return name === 'TYPE_NAME_LIST' ? { kind: 'list', element: inner } : { kind: 'map', value: inner };
}

/** The DSL spelling of a type (`int`, `list<string>`, `map<ipaddress>`), for messages. */
export function formatParamType(type: ParamType): string {
  if (type.kind === 'list') return `list<${formatParamType(type.element)}>`;
  if (type.kind === 'map') return `map<${formatParamType(type.value)}>`;
  return type.kind;
}
