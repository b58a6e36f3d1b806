// DSL -> model -> validation -> DSL for models whose names are Object.prototype's own
// (`constructor`, `__proto__`, ...): each is an ordinary name, never a prototype lookup.
import { describe, expect, it } from 'vitest';
import { hasKey } from '../model/dict.js';
import type { AuthorizationModel } from '../model/types.js';
import { parseJsonModel } from '../model/parse-json-model.js';
import { validateModel } from '../model/validate-model.js';
import { PLAIN_NAME, PROTOTYPE_NAMES, prototypeNamesDsl } from '../../test/helpers/prototype-names.js';
import { parseDsl, printModel, transformModuleFiles } from './index.js';

describe.each([...PROTOTYPE_NAMES, PLAIN_NAME])('a model named %s', (n) => {
  const dsl = prototypeNamesDsl(n);

  it('parses with every name as an own key, validates and prints back unchanged', () => {
    const { model, errors } = parseDsl(dsl);
    expect(errors).toEqual([]);
    const typeDef = model.type_definitions.find((def) => def.type === n)!;
    expect(typeDef).toBeDefined();
    expect(hasKey(typeDef.relations, n)).toBe(true);
    expect(Object.keys(typeDef.relations!)).toEqual([n]);
    expect(Object.keys(typeDef.metadata!.relations!)).toEqual([n]);
    const doc = model.type_definitions.find((def) => def.type === 'doc')!;
    expect(Object.keys(doc.relations!)).toEqual([n, 'blocked', 'both', 'can_view', 'parent', 'viewer']);
    expect(Object.keys(model.conditions!)).toEqual([n]);
    expect(Object.keys(model.conditions![n]!.parameters!)).toEqual([n]);
    expect(validateModel(model)).toEqual([]);
    expect(printModel(model)).toBe(dsl);
  });

  it('survives JSON (a stored model) with the same keys', () => {
    const { model } = parseDsl(dsl);
    const json = JSON.stringify(model);
    expect(json).toContain(`"${n}":{"this":{}}`);
    const parsed = parseJsonModel(json);
    expect(parsed.errors).toEqual([]);
    const shape = (m: AuthorizationModel) => JSON.stringify([m.type_definitions.map((d) => [d.type, d.relations, d.metadata?.relations]), m.conditions]);
    expect(shape(parsed.model!)).toBe(shape(model));
    expect(validateModel(parsed.model!)).toEqual([]);
    expect(printModel(parsed.model!)).toBe(dsl);
  });

  it('rejects a relation defined twice with the normal error', () => {
    const { errors } = parseDsl(dsl.replace(`    define blocked: [user]\n`, `    define blocked: [user]\n    define ${n}: [user]\n`));
    expect(errors.map((e) => e.message)).toEqual([`'${n}' is already defined in 'doc'`]);
  });

  it('rejects a condition parameter defined twice with the normal error', () => {
    const { errors } = parseDsl(dsl.replace(`(${n}: string)`, `(${n}: string, ${n}: int)`));
    expect(errors.map((e) => e.message)).toEqual([`parameter '${n}' is already defined in the condition '${n}'`]);
  });

  it('composes a modular model whose extension and condition use the name', () => {
    const files = [
      { name: 'core.fga', contents: `module core\n\ntype user\n\ntype ${n}\n  relations\n    define member: [user]\n` },
      {
        name: 'ext.fga',
        contents: `module ext\n\nextend type ${n}\n  relations\n    define ${n}: [user with ${n}] or member\n\ncondition ${n}(${n}: string) {\n  ${n} == "ok"\n}\n`,
      },
    ];
    const { model, errors } = transformModuleFiles(files, `schema: '1.2'\ncontents:\n  - core.fga\n  - ext.fga\n`);
    expect(errors).toEqual([]);
    const typeDef = model.type_definitions.find((def) => def.type === n)!;
    expect(Object.keys(typeDef.relations!)).toEqual(['member', n]);
    expect(typeDef.metadata!.relations![n]!.module).toBe('ext');
    expect(Object.keys(model.conditions!)).toEqual([n]);
    expect(validateModel(model)).toEqual([]);
    const printed = printModel(model);
    expect(printed).toContain(`condition ${n}(${n}: string) {`);
    expect(printed).toContain(`define ${n}: [user with ${n}] or member`);
  });
});
