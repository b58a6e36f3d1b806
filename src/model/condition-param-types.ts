// The parameter types a condition may declare (OpenFGA's TYPE_NAME_* enum) and the DSL's spelling
// of each: one table for the JSON parser, the validator, the DSL printer and the CEL engine.
import type { ConditionTypeName } from './types.js';

/** Types without generics, by type name, spelled as in the DSL (`int`, `ipaddress`). */
export const SCALAR_PARAM_TYPES = {
  TYPE_NAME_ANY: 'any',
  TYPE_NAME_BOOL: 'bool',
  TYPE_NAME_STRING: 'string',
  TYPE_NAME_INT: 'int',
  TYPE_NAME_UINT: 'uint',
  TYPE_NAME_DOUBLE: 'double',
  TYPE_NAME_DURATION: 'duration',
  TYPE_NAME_TIMESTAMP: 'timestamp',
  TYPE_NAME_IPADDRESS: 'ipaddress',
} as const satisfies Partial<Record<ConditionTypeName, string>>;

/** Types that take exactly one generic type (`map<string>`, `list<int>`). */
export const GENERIC_PARAM_TYPES = {
  TYPE_NAME_MAP: 'map',
  TYPE_NAME_LIST: 'list',
} as const satisfies Partial<Record<ConditionTypeName, string>>;

/** The DSL spelling of a scalar type. */
export type ScalarParamKind = (typeof SCALAR_PARAM_TYPES)[keyof typeof SCALAR_PARAM_TYPES];

/** The DSL spelling of every type name but TYPE_NAME_UNSPECIFIED. */
export const PARAM_TYPE_DSL_NAMES: Readonly<Record<string, string>> = { ...SCALAR_PARAM_TYPES, ...GENERIC_PARAM_TYPES };
