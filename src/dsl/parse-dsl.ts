// The single-file entry points: DSL text -> AuthorizationModel, errors aggregated.
import type { AuthorizationModel } from '../model/types.js';
import { buildModel } from './build-model.js';
import { compileFile } from './compile.js';
import type { DslError } from './dsl-error.js';
import { DslSyntaxError } from './dsl-error.js';

export interface ParseResult {
  model: AuthorizationModel;
  /** Every syntax error and transformer rule violation, in source order; empty on success. */
  errors: DslError[];
}

/** Never throws on bad input: errors come back in `errors` (with an empty model when parsing failed). */
export function parseDsl(source: string): ParseResult {
  const { file, errors } = compileFile(source);
  if (!file) return { model: { schema_version: '1.1', type_definitions: [] }, errors };
  for (const type of file.types) {
    if (type.extend && !file.module) {
      errors.push({ message: 'extend can only be used in a modular model', kind: 'semantic', symbol: type.name, ...type.range });
    }
  }
  const model = buildModel(file.schemaVersion ?? '1.2', file.types, file.conditions);
  return { model, errors: sortErrors(errors) };
}

/** Like parseDsl, but throws a DslSyntaxError carrying every error. */
export function transformDslToModel(source: string): AuthorizationModel {
  const { model, errors } = parseDsl(source);
  if (errors.length > 0) throw new DslSyntaxError(errors);
  return model;
}

function sortErrors(errors: DslError[]): DslError[] {
  return [...errors].sort((a, b) => a.line.start - b.line.start || a.column.start - b.column.start);
}
