// Modular models: several `module x` files (listed by an fga.mod) combined into one schema 1.2
// model. Types, relations and conditions carry `module` and `source_info.file` metadata;
// `extend type` adds relations to a type of another file. Errors name their file.
import { newDict } from '../model/dict.js';
import { validateModel } from '../model/validate-model.js';
import type { AuthorizationModel, Condition, RelationMetadata, TypeDefinition } from '../model/types.js';
import { buildCondition, buildTypeDefinition } from './build-model.js';
import { compileFile } from './compile.js';
import type { DslError } from './dsl-error.js';
import { DslSyntaxError } from './dsl-error.js';
import { parseFgaMod } from './fga-mod.js';
import type { ParsedType } from './to-model.js';

export interface ModuleFile {
  /** Path as written in fga.mod `contents` (also `source_info.file`). */
  name: string;
  contents: string;
}

export interface ModuleTransformResult {
  model: AuthorizationModel;
  /** Syntax, module and (with `validate`) semantic errors, each with its `file`. */
  errors: DslError[];
  /** Module names found, sorted. */
  modules: string[];
}

export interface ModuleTransformOptions {
  /** Also run semantic validation (validateModel) on the combined model; default true. */
  validate?: boolean;
}

const origin = { line: { start: 0, end: 0 }, column: { start: 0, end: 0 } };

/**
 * Combines module files into one model. With `fgaMod`, the manifest is checked and only (and
 * all of) its `contents` are used, in its order; without it, `files` are used as given.
 */
export function transformModuleFiles(files: ModuleFile[], fgaMod?: string, options: ModuleTransformOptions = {}): ModuleTransformResult {
  const errors: DslError[] = [];
  let selected = files;
  if (fgaMod !== undefined) {
    const { mod, errors: modErrors } = parseFgaMod(fgaMod);
    errors.push(...modErrors.map((e) => ({ ...e, file: 'fga.mod' })));
    if (mod) {
      const byName = new Map(files.map((f) => [f.name, f]));
      selected = [];
      const listed = new Set<string>();
      for (const item of mod.contents.value) {
        if (listed.has(item.value)) continue;
        listed.add(item.value);
        const file = byName.get(item.value);
        if (file) selected.push(file);
        else errors.push({ message: `file ${item.value} does not exist`, kind: 'module', file: 'fga.mod', line: item.line, column: item.column });
      }
    }
  }

  const typeDefs = new Map<string, TypeDefinition>();
  const conditions = newDict<Condition>();
  const extensions: { type: ParsedType; file: string; module: string }[] = [];
  const modules = new Set<string>();
  const sources = newDict<string>();

  for (const file of selected) {
    sources[file.name] = file.contents;
    const compiled = compileFile(file.contents);
    errors.push(...compiled.errors.map((e) => ({ ...e, file: file.name })));
    const parsed = compiled.file;
    if (!parsed) continue;
    if (!parsed.module) {
      errors.push({ message: 'file is not a module', kind: 'module', file: file.name, ...origin });
      continue;
    }
    const module = parsed.module.name;
    modules.add(module);
    for (const type of parsed.types) {
      if (type.extend) {
        extensions.push({ type, file: file.name, module });
        continue;
      }
      if (typeDefs.has(type.name)) {
        errors.push({ message: `duplicate type ${type.name}`, kind: 'module', file: file.name, symbol: type.name, ...type.range });
        continue;
      }
      const def = buildTypeDefinition(type);
      def.metadata = { ...(def.metadata ?? {}), module, source_info: { file: file.name } };
      typeDefs.set(type.name, def);
    }
    for (const condition of parsed.conditions) {
      if (Object.hasOwn(conditions, condition.name)) {
        errors.push({ message: `duplicate condition ${condition.name}`, kind: 'module', file: file.name, symbol: condition.name, ...condition.range });
        continue;
      }
      conditions[condition.name] = { ...buildCondition(condition), metadata: { module, source_info: { file: file.name } } };
    }
  }

  for (const { type, file, module } of extensions) {
    const def = typeDefs.get(type.name);
    if (!def) {
      errors.push({ message: `extended type ${type.name} does not exist`, kind: 'module', file, symbol: type.name, ...type.range });
      continue;
    }
    def.relations ??= newDict();
    const metadata = (def.metadata ??= {});
    const relationsMeta: Record<string, RelationMetadata> = (metadata.relations ??= newDict());
    for (const relation of type.relations) {
      if (Object.hasOwn(def.relations, relation.name)) {
        errors.push({
          message: `relation ${relation.name} already exists on type ${type.name}`,
          kind: 'module',
          file,
          symbol: relation.name,
          ...relation.range,
        });
        continue;
      }
      def.relations[relation.name] = relation.rewrite;
      relationsMeta[relation.name] = { directly_related_user_types: relation.directTypes, module, source_info: { file } };
    }
  }

  const model: AuthorizationModel = { schema_version: '1.2', type_definitions: [...typeDefs.values()] };
  if (Object.keys(conditions).length > 0) model.conditions = conditions;
  if (options.validate !== false) {
    for (const error of validateModel(model, { sources })) {
      errors.push({
        message: error.message,
        kind: 'semantic',
        symbol: error.symbol,
        errorType: error.errorType,
        file: error.file,
        line: error.line ?? origin.line,
        column: error.column ?? origin.column,
      });
    }
  }
  return { model, errors, modules: [...modules].sort() };
}

/** Like transformModuleFiles, but throws a DslSyntaxError carrying every error. */
export function transformModuleFilesToModel(files: ModuleFile[], fgaMod?: string): AuthorizationModel {
  const { model, errors } = transformModuleFiles(files, fgaMod);
  if (errors.length > 0) throw new DslSyntaxError(errors);
  return model;
}
