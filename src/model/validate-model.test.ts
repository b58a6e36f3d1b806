import { describe, expect, it } from 'vitest';
import type { AuthorizationModel, RelationReference, TypeDefinition, Userset } from './types.js';
import { validateModel } from './validate-model.js';

const direct: Userset = { this: {} };
const computed = (relation: string): Userset => ({ computedUserset: { relation } });
const ttu = (tupleset: string, relation: string): Userset => ({ tupleToUserset: { tupleset: { relation: tupleset }, computedUserset: { relation } } });
const union = (...child: Userset[]): Userset => ({ union: { child } });

function type(name: string, relations: Record<string, [Userset, RelationReference[]?]> = {}): TypeDefinition {
  const def: TypeDefinition = { type: name, relations: {}, metadata: { relations: {} } };
  for (const [relation, [rewrite, types]] of Object.entries(relations)) {
    def.relations![relation] = rewrite;
    def.metadata!.relations![relation] = { directly_related_user_types: types ?? [] };
  }
  return def;
}

const model = (...type_definitions: TypeDefinition[]): AuthorizationModel => ({ schema_version: '1.1', type_definitions });
const kinds = (m: AuthorizationModel) => validateModel(m).map((e) => `${e.errorType}: ${e.message}`);

describe('validateModel', () => {
  it('accepts a valid model', () => {
    const m = model(
      type('user'),
      type('group', { member: [direct, [{ type: 'user' }, { type: 'group', relation: 'member' }]] }),
      type('folder', { parent: [direct, [{ type: 'folder' }]], viewer: [union(direct, ttu('parent', 'viewer')), [{ type: 'group', relation: 'member' }, { type: 'user', wildcard: {} }]] }),
    );
    expect(validateModel(m)).toEqual([]);
  });

  it('reports undefined types and relations in type restrictions', () => {
    const m = model(type('user'), type('doc', { viewer: [direct, [{ type: 'team' }, { type: 'user', relation: 'owner' }]] }));
    expect(kinds(m)).toEqual([
      'invalid-type: `team` is not a valid type.',
      'invalid-relation-type: `owner` is not a valid relation for `user`.',
    ]);
  });

  it('reports a computed relation that does not exist', () => {
    expect(kinds(model(type('user'), type('doc', { viewer: [computed('editor')] })))).toEqual(['missing-definition: the relation `editor` does not exist.']);
  });

  it('requires tuplesets to be direct, of concrete types, with the computed relation on some type', () => {
    const notDirect = model(type('user'), type('doc', { parent: [computed('owner')], owner: [direct, [{ type: 'doc' }]], viewer: [ttu('parent', 'owner')] }));
    expect(kinds(notDirect)).toEqual(['tupleuserset-not-direct: `parent` relation used inside from allows only direct relation.']);
    const missing = model(type('user'), type('doc', { parent: [direct, [{ type: 'user' }]], viewer: [ttu('parent', 'owner')] }));
    expect(kinds(missing)).toEqual([
      'invalid-relation-on-tupleset: the `owner` relation definition on type `doc` is not valid: `owner` does not exist on `parent`, which is of type `user`.',
    ]);
    const noTupleset = model(type('doc', { viewer: [ttu('parent', 'viewer')] }));
    expect(kinds(noTupleset)).toEqual(['invalid-relation-type: `parent` is not a valid relation for `doc`.']);
  });

  it('reports reserved and invalid names', () => {
    expect(kinds(model(type('self'), type('doc', { this: [direct, [{ type: 'doc' }]] })))).toEqual([
      "reserved-type-keywords: a type cannot be named 'self' or 'this'.",
      "reserved-relation-keywords: a relation cannot be named 'self' or 'this'.",
    ]);
    expect(kinds(model(type('a:b')))[0]).toMatch(/^invalid-name: type 'a:b' does not match naming rule/);
  });

  it('reports relations without an entry point, distinguishing loops', () => {
    expect(kinds(model(type('doc', { a: [computed('b')], b: [computed('a')] })))).toEqual([
      'relation-no-entry-point: `a` is an impossible relation for `doc` (potential loop).',
      'relation-no-entry-point: `b` is an impossible relation for `doc` (potential loop).',
    ]);
    expect(kinds(model(type('group', { viewer: [direct, [{ type: 'group', relation: 'viewer' }]] })))).toEqual([
      'relation-no-entry-point: `viewer` is an impossible relation for `group` (no entrypoint).',
    ]);
  });

  it('reports duplicates', () => {
    const m = model(type('user'), type('doc', { viewer: [direct, [{ type: 'user' }, { type: 'user' }]], editor: [union(computed('viewer'), computed('viewer'))] }));
    expect(kinds(m)).toEqual([
      'duplicated-error: the type restriction `user` is a duplicate in the relation `viewer`.',
      'duplicated-error: the partial relation definition `viewer` is a duplicate in the relation `editor`.',
    ]);
    expect(kinds(model(type('user'), type('user')))).toEqual(['duplicated-error: the type `user` is a duplicate.']);
  });

  it('checks conditions: defined, used, named consistently, typed parameters', () => {
    const m: AuthorizationModel = {
      ...model(type('user'), type('doc', { viewer: [direct, [{ type: 'user', condition: 'missing' }]] })),
      conditions: { spare: { name: 'spare', expression: 'x < 1', parameters: { x: { type_name: 'TYPE_NAME_INT' } } } },
    };
    expect(kinds(m)).toEqual([
      'condition-not-defined: `missing` is not a defined condition in the model.',
      'condition-not-used: `spare` condition is not used in the model.',
    ]);
    const params: AuthorizationModel = {
      ...model(type('user'), type('doc', { viewer: [direct, [{ type: 'user', condition: 'c' }]] })),
      conditions: { c: { name: 'other', expression: 'true', parameters: { m: { type_name: 'TYPE_NAME_MAP' } } } },
    };
    expect(kinds(params)).toEqual([
      'different-nested-condition-name: condition key is `c` but nested name property is other',
      'invalid-condition-parameter: condition `c` parameter `m` of type TYPE_NAME_MAP needs exactly one generic type',
    ]);
  });

  it('enforces the schema version', () => {
    expect(kinds({ schema_version: '', type_definitions: [] })).toEqual(['schema-version-required: schema version required']);
    expect(kinds({ schema_version: '1.0', type_definitions: [] })).toEqual(['invalid-schema: invalid schema 1.0']);
    expect(kinds({ schema_version: '1.2', type_definitions: [type('user')] })).toEqual([]);
  });

  it('positions errors in the DSL source (0-based), and in per-file sources for modules', () => {
    const source = ['model', '  schema 1.1', 'type user', 'type doc # a comment', '  relations', '    define viewer: [user] or editor'].join('\n');
    const m = model(type('user'), type('doc', { viewer: [union(direct, computed('editor')), [{ type: 'user' }]] }));
    expect(validateModel(m, { source })).toEqual([
      {
        message: 'the relation `editor` does not exist.',
        errorType: 'missing-definition',
        symbol: 'editor',
        typeName: 'doc',
        relation: 'viewer',
        line: { start: 5, end: 5 },
        column: { start: 29, end: 35 },
      },
    ]);
    const modular = model(type('user'), { ...type('doc', { viewer: [computed('nope')] }), metadata: { module: 'm', source_info: { file: 'doc.fga' }, relations: { viewer: {} } } });
    const [error] = validateModel(modular, { sources: { 'doc.fga': 'module m\ntype doc\n  relations\n    define viewer: nope' } });
    expect(error).toMatchObject({ file: 'doc.fga', module: 'm', line: { start: 3, end: 3 }, column: { start: 19, end: 23 } });
  });

  it('reports a file holding several modules', () => {
    const m = model(
      { type: 'user', metadata: { module: 'a', source_info: { file: 'x.fga' } } },
      { type: 'team', metadata: { module: 'b', source_info: { file: 'x.fga' } } },
    );
    expect(kinds(m)).toEqual([
      'multiple-modules-in-file: file x.fga would contain multiple module definitions (a, b) when transforming to DSL. Only one module can be defined per file.',
    ]);
  });
});
