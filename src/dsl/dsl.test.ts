import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../model/validate-model.js';
import type { AuthorizationModel } from '../model/types.js';
import {
  DslSyntaxError,
  formatDslError,
  parseDsl,
  parseFgaMod,
  printModel,
  transformDslToModel,
  transformModuleFiles,
} from './index.js';

const header = 'model\n  schema 1.1\n';

describe('parseDsl', () => {
  it('compiles every rewrite form into OpenFGA JSON', () => {
    const { model, errors } = parseDsl(`${header}
type user
type group
  relations
    define member: [user, user:*, group#member, user with c, user:* with c]
type doc
  relations
    define parent: [doc]
    define owner: [user]
    define editor: [user] or owner
    define viewer: editor or viewer from parent
    define both: owner and editor
    define limited: ([user] and owner) but not (editor or viewer)

condition c(p: int, q: list<string>, r: map<timestamp>, s: ipaddress) {
  p < 3 && "}" in q
}
`);
    expect(errors).toEqual([]);
    const doc = model.type_definitions[2]!;
    expect(doc.relations?.viewer).toEqual({
      union: {
        child: [
          { computedUserset: { relation: 'editor' } },
          { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } },
        ],
      },
    });
    expect(doc.relations?.limited).toEqual({
      difference: {
        base: { intersection: { child: [{ this: {} }, { computedUserset: { relation: 'owner' } }] } },
        subtract: { union: { child: [{ computedUserset: { relation: 'editor' } }, { computedUserset: { relation: 'viewer' } }] } },
      },
    });
    expect(model.type_definitions[1]!.metadata?.relations?.member?.directly_related_user_types).toEqual([
      { type: 'user' },
      { type: 'user', wildcard: {} },
      { type: 'group', relation: 'member' },
      { type: 'user', condition: 'c' },
      { type: 'user', wildcard: {}, condition: 'c' },
    ]);
    expect(model.conditions?.c).toEqual({
      name: 'c',
      expression: 'p < 3 && "}" in q',
      parameters: {
        p: { type_name: 'TYPE_NAME_INT' },
        q: { type_name: 'TYPE_NAME_LIST', generic_types: [{ type_name: 'TYPE_NAME_STRING' }] },
        r: { type_name: 'TYPE_NAME_MAP', generic_types: [{ type_name: 'TYPE_NAME_TIMESTAMP' }] },
        s: { type_name: 'TYPE_NAME_IPADDRESS' },
      },
    });
  });

  it('accepts comments, blank lines and extended identifiers', () => {
    const { model, errors } = parseDsl(`# leading comment
model
  # indented comment
  schema 1.1

type user # trailing comment


type a.b/c-d
  relations
    # comment between relations
    define x.y: [user] # trailing
`);
    expect(errors).toEqual([]);
    expect(model.type_definitions.map((t) => t.type)).toEqual(['user', 'a.b/c-d']);
  });

  it('aggregates errors with 0-based positions and OpenFGA messages', () => {
    const { errors } = parseDsl(`${header}type user
  relations
    define viewer: [user] or [user]
`);
    expect(errors.map((e) => [e.message, e.line.start, e.column.start])).toEqual([
      ["extraneous input '[' expecting {'(', IDENTIFIER, 'module', 'model', 'schema', 'extend', 'type', 'relation', EXTENDED_IDENTIFIER}", 4, 29],
      ["extraneous input ']' expecting {<EOF>, NEWLINE}", 4, 34],
    ]);
    expect(formatDslError(errors[0]!, 'm.fga')).toMatch(/^m\.fga:5:30: extraneous input/);
  });

  it('reports duplicate relations, conditions and parameters', () => {
    const { errors } = parseDsl(`${header}type user
  relations
    define a: [user]
    define a: [user]
condition c(x: int, x: int) {
  x < 1
}
condition c(y: int) {
  y < 1
}
`);
    expect(errors.map((e) => e.message)).toEqual([
      "'a' is already defined in 'user'",
      "parameter 'x' is already defined in the condition 'c'",
      "condition 'c' is already defined in the model",
    ]);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseDsl(text);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects hostile nesting with an error instead of overflowing the stack', () => {
    const deep = `${header}type user\n  relations\n    define a: [user]\n    define b: ${'('.repeat(5000)}a${')'.repeat(5000)}\n`;
    expect(parseDsl(deep).errors.map((e) => e.message)).toEqual(['parentheses nested more than 256 levels deep']);
  });

  it('never throws on mutated models', () => {
    const base = `${header}type user\ntype doc\n  relations\n    define v: [user, user:*, doc#v with c] or (v and v) but not v from v\ncondition c(x: list<int>) {\n  x[0] > 1\n}\n`;
    const pieces = [' ', '\n', '(', ')', '[', ']', ',', ':', '#', '*', 'or', 'and', 'but not', 'from', 'define', 'type', '{', '}', 'x', '<', '>'];
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(4), fc.constantFrom(...pieces), (at, cut, piece) => {
        const mutated = base.slice(0, at) + piece + base.slice(at + cut);
        const result = parseDsl(mutated);
        for (const error of result.errors) expect(error.line.start).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('transformDslToModel', () => {
  it('throws one DslSyntaxError carrying every error', () => {
    expect(() => transformDslToModel('type user\n')).toThrow(DslSyntaxError);
    try {
      transformDslToModel('type user\n');
    } catch (error) {
      expect((error as DslSyntaxError).errors).toHaveLength(3);
      expect((error as DslSyntaxError).code).toBe(2056);
    }
  });
});

describe('printModel', () => {
  it('round-trips DSL text', () => {
    const source = `${header}
type user

type doc
  relations
    define owner: [user, user:*]
    define viewer: [user with c] or owner or viewer from owner
    define x: (owner and viewer) but not owner

condition c(a: int, b: map<string>) {
  a < 1
}
`;
    expect(printModel(transformDslToModel(source))).toBe(source);
  });

  it('rejects rewrites the DSL cannot express', () => {
    const model: AuthorizationModel = {
      schema_version: '1.1',
      type_definitions: [
        { type: 'user', relations: { a: { this: {} }, b: { difference: { base: { computedUserset: { relation: 'a' } }, subtract: { this: {} } } } } },
      ],
    };
    expect(() => printModel(model)).toThrow("the 'b' relation definition under the 'user' type is not supported by the OpenFGA DSL syntax yet");
  });

  it('round-trips generated models (property)', () => {
    const names = fc.constantFrom('a', 'b', 'c', 'd');
    const leaf = fc.oneof(
      names.map((relation) => ({ computedUserset: { relation } })),
      fc.tuple(names, names).map(([relation, tupleset]) => ({ tupleToUserset: { tupleset: { relation: tupleset }, computedUserset: { relation } } })),
    );
    const rewrite = fc.oneof(
      leaf,
      fc.array(leaf, { minLength: 2, maxLength: 3 }).map((child) => ({ union: { child } })),
      fc.array(leaf, { minLength: 2, maxLength: 3 }).map((child) => ({ intersection: { child } })),
      fc.tuple(leaf, leaf).map(([base, subtract]) => ({ difference: { base, subtract } })),
    );
    fc.assert(
      fc.property(rewrite, (userset) => {
        const model: AuthorizationModel = {
          schema_version: '1.1',
          type_definitions: [
            { type: 'user', relations: {}, metadata: null },
            {
              type: 'doc',
              relations: { a: { this: {} }, r: userset },
              metadata: { relations: { a: { directly_related_user_types: [{ type: 'user' }] }, r: { directly_related_user_types: [] } } },
            },
          ],
        };
        expect(transformDslToModel(printModel(model))).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });
});

describe('modular models', () => {
  const core = { name: 'core.fga', contents: 'module core\n\ntype user\n\ntype org\n  relations\n    define member: [user]\n' };
  const docs = {
    name: 'docs/docs.fga',
    contents: 'module docs\n\nextend type org\n  relations\n    define admin: [user]\n\ntype doc\n  relations\n    define org: [org]\n    define viewer: member from org\n',
  };
  const mod = "schema: '1.2'\ncontents:\n  - core.fga\n  - docs/docs.fga\n";

  it('combines files with module and source_info metadata', () => {
    const { model, errors, modules } = transformModuleFiles([core, docs], mod);
    expect(errors).toEqual([]);
    expect(modules).toEqual(['core', 'docs']);
    expect(model.schema_version).toBe('1.2');
    const org = model.type_definitions.find((t) => t.type === 'org')!;
    expect(org.metadata?.module).toBe('core');
    expect(org.metadata?.relations?.admin).toEqual({ directly_related_user_types: [{ type: 'user' }], module: 'docs', source_info: { file: 'docs/docs.fga' } });
  });

  it('reports files missing from the manifest list and per-file errors', () => {
    const broken = { name: 'docs/docs.fga', contents: 'module docs\n\nextend type nope\n' };
    const { errors } = transformModuleFiles([core, broken], `${mod}  - missing.fga\n`);
    expect(errors.map((e) => [e.file, e.message])).toEqual([
      ['fga.mod', 'file missing.fga does not exist'],
      ['docs/docs.fga', 'extended type nope does not exist'],
    ]);
  });

  it('checks the fga.mod manifest with positions', () => {
    expect(parseFgaMod('contents:\n  - a.fga\n').errors.map((e) => e.message)).toEqual(['missing schema field']);
    expect(parseFgaMod("schema: '1.2'\ncontents:\n  - ../a.fga\n").errors[0]).toMatchObject({
      message: 'invalid contents item ../a.fga',
      line: { start: 2, end: 2 },
    });
  });
});

describe('schema-examples/multi-tenant', () => {
  it('parses and passes semantic validation', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../schema-examples/multi-tenant/model.fga'), 'utf8');
    const { model, errors } = parseDsl(source);
    expect(errors).toEqual([]);
    expect(validateModel(model, { source })).toEqual([]);
  });
});
