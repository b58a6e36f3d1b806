// Semantic errors of an authorization model, in openfga/language's shape: a kebab-case
// `errorType`, the offending `symbol`, and (when the DSL source is known) a 0-based line/column
// range plus the file of a modular model. Validators return these as a list; they never throw.

/** openfga/language's validation error kinds (pkg/js/errors.ts `ValidationError`), plus Relata's own. */
export type ModelErrorType =
  | 'schema-version-required'
  | 'schema-version-unsupported'
  | 'reserved-type-keywords'
  | 'reserved-relation-keywords'
  | 'invalid-name'
  | 'missing-definition'
  | 'invalid-relation-type'
  | 'invalid-relation-on-tupleset'
  | 'invalid-type'
  | 'relation-no-entry-point'
  | 'tupleuserset-not-direct'
  | 'duplicated-error'
  | 'assignable-relation-must-have-type'
  | 'invalid-schema'
  | 'type-wildcard-relation'
  | 'condition-not-defined'
  | 'condition-not-used'
  | 'different-nested-condition-name'
  | 'multiple-modules-in-file'
  // Relata: structural problems of an untrusted JSON model and condition declarations.
  | 'invalid-json-model'
  | 'invalid-condition-parameter'
  // Relata: rules only OpenFGA's server applies (WriteAuthorizationModel), see server-rules.ts.
  | 'non-assignable-relation-with-types'
  | 'relation-cycle';

/** A 0-based inclusive-start, exclusive-end range (the conformance corpus convention). */
export interface SourceRange {
  start: number;
  end: number;
}

export interface ModelError {
  message: string;
  errorType: ModelErrorType;
  /** The offending name or expression, e.g. `viewer`, `group#member`, `viewer from parent`. */
  symbol: string;
  /** 0-based line range; present only when the DSL source was given. */
  line?: SourceRange;
  /** 0-based column range within the line; present with `line`. */
  column?: SourceRange;
  /** Source file of a modular model (from `metadata.source_info.file`). */
  file?: string;
  module?: string;
  /** The type and relation the error belongs to, when there is one. */
  typeName?: string;
  relation?: string;
}
