// Parsed file(s) -> AuthorizationModel in OpenFGA's JSON shape, field for field as
// openfga/language's transformer emits it (`relations: {}` and `metadata: null` for a type
// without relations, `directly_related_user_types: []` for a relation without direct types).
import { dictOf, newDict } from '../model/dict.js';
import type { AuthorizationModel, Condition, RelationMetadata, TypeDefinition, Userset } from '../model/types.js';
import type { ParsedCondition, ParsedType } from './to-model.js';

export function buildTypeDefinition(type: ParsedType): TypeDefinition {
  if (type.relations.length === 0) return { type: type.name, relations: newDict(), metadata: null };
  const relations = newDict<Userset>();
  const metadata = newDict<RelationMetadata>();
  for (const relation of type.relations) {
    relations[relation.name] = relation.rewrite;
    metadata[relation.name] = { directly_related_user_types: relation.directTypes };
  }
  return { type: type.name, relations, metadata: { relations: metadata } };
}

export function buildCondition(condition: ParsedCondition): Condition {
  return { name: condition.name, expression: condition.expression, parameters: condition.parameters };
}

export function buildModel(schemaVersion: string, types: ParsedType[], conditions: ParsedCondition[]): AuthorizationModel {
  const model: AuthorizationModel = { schema_version: schemaVersion, type_definitions: types.map(buildTypeDefinition) };
  if (conditions.length > 0) {
    model.conditions = dictOf(conditions.map((c) => [c.name, buildCondition(c)]));
  }
  return model;
}
