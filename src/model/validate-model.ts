// Semantic validation of an authorization model: every rule openfga/language applies, in its
// order and with its messages, so that Relata rejects exactly the models OpenFGA rejects and
// points at the same place in the DSL. Stages short-circuit as in OpenFGA: naming and schema
// problems stop the reference checks, broken references stop the duplicate checks, and any
// error so far stops the entry-point analysis (a missing relation would only cascade into
// "no entrypoint" noise).

import { entryPoints } from './entry-points.js';
import { ModelErrorCollector } from './model-error-collector.js';
import type { Origin } from './model-error-collector.js';
import type { ModelError } from './model-error.js';
import { TypeDefinitionIndex, typeOrigin } from './type-definition-index.js';
import type { AuthorizationModel } from './types.js';
import { validateConditions } from './validate-conditions.js';
import { validateDuplicates } from './validate-duplicates.js';
import { DEFAULT_NAMING_RULES, validateNames } from './validate-names.js';
import { validateReferences } from './validate-references.js';

export interface NamingRules {
  /** Regular expression source for type names; default OpenFGA's `^[^:#@\*\s]{1,254}$`. */
  typeRule?: string;
  /** Regular expression source for relation names; default `^[^:#@\*\s]{1,50}$`. */
  relationRule?: string;
}

export interface ValidateModelOptions extends NamingRules {
  /** The DSL the model was compiled from: errors then carry line/column ranges. */
  source?: string;
  /** For modular models: each file's DSL, keyed by `metadata.source_info.file`. */
  sources?: Record<string, string>;
}

export const SUPPORTED_SCHEMA_VERSIONS: ReadonlySet<string> = new Set(['1.1', '1.2']);

/** All semantic errors of `model` (empty when valid). Never throws. */
export function validateModel(model: AuthorizationModel, options: ValidateModelOptions = {}): ModelError[] {
  const out = new ModelErrorCollector(options.source, options.sources);
  const index = new TypeDefinitionIndex(model);
  validateNames(index, out, {
    typeRule: options.typeRule ?? DEFAULT_NAMING_RULES.typeRule,
    relationRule: options.relationRule ?? DEFAULT_NAMING_RULES.relationRule,
  });

  const schema = model.schema_version;
  if (!schema) {
    out.onStart({ message: 'schema version required', errorType: 'schema-version-required', symbol: '' });
  } else if (!SUPPORTED_SCHEMA_VERSIONS.has(schema)) {
    out.onSchema(schema, { message: `invalid schema ${schema}`, errorType: 'invalid-schema', symbol: schema });
  } else if (out.count === 0) {
    validateSemantics(index, out);
  }

  for (const [file, modules] of modulesByFile(index)) {
    if (modules.length > 1) {
      out.plain(
        {
          message: `file ${file} would contain multiple module definitions (${modules.join(', ')}) when transforming to DSL. Only one module can be defined per file.`,
          errorType: 'multiple-modules-in-file',
          symbol: file,
        },
        { file },
      );
    }
  }
  return out.errors;
}

function validateSemantics(index: TypeDefinitionIndex, out: ModelErrorCollector): void {
  validateReferences(index, out);
  if (out.count === 0) validateDuplicates(index, out);
  if (out.count === 0) {
    const entryPointOf = entryPoints(index);
    for (const typeDef of index.model.type_definitions ?? []) {
      for (const relation of Object.keys(typeDef.relations ?? {})) {
        const { hasEntry, loop } = entryPointOf(typeDef.type, relation);
        if (hasEntry) continue;
        out.onRelation(
          typeDef.type,
          relation,
          index.relationOrigin(typeDef.type, relation),
          {
            message: `\`${relation}\` is an impossible relation for \`${typeDef.type}\` (${loop ? 'potential loop' : 'no entrypoint'}).`,
            errorType: 'relation-no-entry-point',
            symbol: relation,
            typeName: typeDef.type,
            relation,
          },
          'name',
        );
      }
    }
  }
  validateConditions(index, out);
}

/** Modules seen per file, in order: types first, then relations of extended types, then conditions. */
function modulesByFile(index: TypeDefinitionIndex): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  const add = (origin: Origin) => {
    if (!origin.file || !origin.module) return;
    const modules = byFile.get(origin.file) ?? [];
    if (!modules.includes(origin.module)) modules.push(origin.module);
    byFile.set(origin.file, modules);
  };
  const typeDefs = index.model.type_definitions ?? [];
  for (const typeDef of typeDefs) add(typeOrigin(typeDef));
  for (const typeDef of typeDefs) {
    for (const relation of Object.keys(typeDef.relations ?? {})) add(index.relationOrigin(typeDef.type, relation));
  }
  for (const condition of Object.values(index.model.conditions ?? {})) {
    add({ file: condition.metadata?.source_info?.file, module: condition.metadata?.module });
  }
  return byFile;
}
