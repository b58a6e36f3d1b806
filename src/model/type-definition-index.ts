// Lookups the semantic rules share: type definitions by name (the last definition of a
// duplicated type wins, as in openfga/language, which reports the duplicate separately), the
// string form of type restrictions, and where an element came from in a modular model.

import { ownValue } from './dict.js';
import type { Origin } from './model-error-collector.js';
import type { AuthorizationModel, RelationMetadata, RelationReference, TypeDefinition, Userset } from './types.js';

export class TypeDefinitionIndex {
  readonly types: Map<string, TypeDefinition>;

  constructor(readonly model: AuthorizationModel) {
    this.types = new Map((model.type_definitions ?? []).map((typeDef) => [typeDef.type, typeDef]));
  }

  rewrite(typeName: string, relation: string): Userset | undefined {
    return ownValue(this.types.get(typeName)?.relations, relation);
  }

  metadata(typeName: string, relation: string): RelationMetadata | undefined {
    return ownValue(this.types.get(typeName)?.metadata?.relations, relation);
  }

  restrictions(typeName: string, relation: string): RelationReference[] {
    return this.metadata(typeName, relation)?.directly_related_user_types ?? [];
  }

  /** File and module of a relation: its own (an `extend type` in another module) or its type's. */
  relationOrigin(typeName: string, relation: string): Origin {
    const own = this.metadata(typeName, relation);
    const typeMeta = this.types.get(typeName)?.metadata;
    return definedOnly({
      file: own?.source_info?.file || typeMeta?.source_info?.file,
      module: own?.module || typeMeta?.module,
    });
  }
}

export function typeOrigin(typeDef: TypeDefinition): Origin {
  return definedOnly({ file: typeDef.metadata?.source_info?.file, module: typeDef.metadata?.module });
}

export function definedOnly(origin: Origin): Origin {
  const out: Origin = {};
  if (origin.file) out.file = origin.file;
  if (origin.module) out.module = origin.module;
  return out;
}

/** `user`, `user:*`, `group#member`, each optionally followed by ` with cond` (the DSL spelling). */
export function restrictionText(ref: RelationReference, withCondition = true): string {
  let text = ref.type;
  if (ref.wildcard) text += ':*';
  else if (ref.relation) text += `#${ref.relation}`;
  if (withCondition && ref.condition) text += ` with ${ref.condition}`;
  return text;
}
