// Hand-built JSON models for the cache tests (the cache must not depend on the DSL compiler).
import type { AuthorizationModel, RelationReference, TypeDefinition, Userset } from '../../src/model/index.js';
import { and as allOf, butNot, computed, or as anyOf, self, ttu as fromParent } from '../helpers/model-builders.js';

export { allOf, anyOf, butNot, computed, fromParent, self };

type RelationSpec = [Userset, RelationReference[]?];

export function typeDef(type: string, relations: Record<string, RelationSpec> = {}): TypeDefinition {
  const entries = Object.entries(relations);
  return {
    type,
    relations: Object.fromEntries(entries.map(([name, [rewrite]]) => [name, rewrite])),
    metadata: entries.length
      ? { relations: Object.fromEntries(entries.map(([name, [, types]]) => [name, { directly_related_user_types: types ?? [] }])) }
      : null,
  };
}

const user: RelationReference = { type: 'user' };

/**
 * group#member (nested groups); folder with owner, parent, viewer (incl. group members and
 * the parent's viewers); document with parent folder, editor, viewer, a blocked list and an
 * intersection; invoice unrelated to all of it.
 */
export const docsModel: AuthorizationModel & { id: string } = {
  id: '01JDOCSMODEL000000000000001',
  schema_version: '1.1',
  type_definitions: [
    typeDef('user'),
    typeDef('group', { member: [self, [user, { type: 'group', relation: 'member' }]] }),
    typeDef('folder', {
      owner: [self, [user]],
      parent: [self, [{ type: 'folder' }]],
      viewer: [anyOf(self, computed('owner'), fromParent('parent', 'viewer')), [user, { type: 'group', relation: 'member' }]],
    }),
    typeDef('document', {
      parent: [self, [{ type: 'folder' }]],
      owner: [self, [user]],
      editor: [anyOf(self, computed('owner')), [user]],
      viewer: [anyOf(self, computed('editor'), fromParent('parent', 'viewer')), [user, { type: 'user', wildcard: {} }, { type: 'group', relation: 'member' }]],
      blocked: [self, [user]],
      can_view: [butNot(computed('viewer'), computed('blocked'))],
      can_share: [allOf(computed('editor'), computed('owner'))],
    }),
    typeDef('invoice', {
      approver: [self, [user]],
      auditor: [allOf(self, computed('approver')), [user]],
    }),
  ],
};

/** A second model of docsModel's store in which document#viewer also inherits from a parent document (a crossing). */
export const crossingDocsModel: AuthorizationModel & { id: string } = {
  id: '01JCROSSINGMODEL0000000001',
  schema_version: '1.1',
  type_definitions: [
    typeDef('user'),
    typeDef('document', {
      parent: [self, [{ type: 'document' }]],
      owner: [self, [{ type: 'user' }]],
      viewer: [anyOf(self, computed('owner'), fromParent('parent', 'viewer')), [{ type: 'user' }]],
    }),
  ],
};
