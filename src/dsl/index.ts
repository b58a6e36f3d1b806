// The OpenFGA modeling language: DSL -> AuthorizationModel (single files and fga.mod modular
// models), AuthorizationModel -> DSL, with aggregated, positioned errors.
export { parseDsl, transformDslToModel } from './parse-dsl.js';
export type { ParseResult } from './parse-dsl.js';
export { printModel } from './print.js';
export { modelJsonObject, modelJsonText } from './model-json.js';
export type { AuthorizationModelJson } from './model-json.js';
export type { PrintOptions } from './print.js';
export { DslSyntaxError, formatDslError } from './dsl-error.js';
export type { DslError, SourceRange } from './dsl-error.js';
export { transformModuleFiles, transformModuleFilesToModel } from './modules.js';
export type { ModuleFile, ModuleTransformOptions, ModuleTransformResult } from './modules.js';
export { parseFgaMod } from './fga-mod.js';
export type { ModFile, ModFileValue } from './fga-mod.js';
