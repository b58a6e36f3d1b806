// openfga/language modular models: transformer-module/NN-*/ (module files -> combined JSON model,
// or the expected errors with their files and positions) and fga-mod-transformer-cases.yaml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFgaMod, printModel, transformModuleFiles } from '../../../src/dsl/index.js';
import type { DslError } from '../../../src/dsl/index.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

interface ExpectedError {
  msg: string;
  file?: string;
  line: { start: number; end: number };
  column: { start: number; end: number };
}

interface ModCase {
  name: string;
  modFile: string;
  json?: string;
  expected_errors?: ExpectedError[];
}

const root = conformanceDir();
const moduleDir = root && join(root, 'openfga-language', 'transformer-module');
const moduleCases = moduleDir && existsSync(moduleDir) ? readdirSync(moduleDir).sort() : [];
const modFile = root && join(root, 'openfga-language', 'fga-mod-transformer-cases.yaml');
const modCases = modFile && existsSync(modFile) ? (parse(readFileSync(modFile, 'utf8')) as ModCase[]) : [];

const counts = newCounts();
const skipped: string[] = [];

function comparable(errors: (DslError | ExpectedError)[]): string[] {
  return errors
    .map((e) => JSON.stringify(['message' in e ? e.message : e.msg, e.file ?? '', e.line, e.column]))
    .sort();
}

describe.skipIf(!moduleDir)('conformance: openfga-language modular models', () => {
  afterAll(() => printScore('language modules', counts, skipped));
  for (const name of moduleCases) {
    const caseDir = join(moduleDir!, name);
    const filesDir = join(caseDir, 'module');
    if (!existsSync(filesDir)) {
      it.skip(`${name} (corpus has no module/ folder for this case)`, () => {});
      counts.skipped++;
      skipped.push(`${name}: the corpus copy has no module/ files, only the expected output`);
      continue;
    }
    const files = readdirSync(filesDir)
      .sort()
      .map((file) => ({ name: file, contents: readFileSync(join(filesDir, file), 'utf8') }));
    it(name, counted(counts, () => {
      const result = transformModuleFiles(files);
      const expectedErrors = join(caseDir, 'expected_errors.json');
      if (existsSync(expectedErrors)) {
        const expected = JSON.parse(readFileSync(expectedErrors, 'utf8')) as ExpectedError[];
        expect(comparable(result.errors)).toEqual(comparable(expected));
        return;
      }
      expect(result.errors).toEqual([]);
      expect(result.model).toEqual(JSON.parse(readFileSync(join(caseDir, 'authorization-model.json'), 'utf8')));
      expect(result.modules).toEqual(JSON.parse(readFileSync(join(caseDir, 'expected_modules.json'), 'utf8')));
    }));
    for (const [golden, includeSourceInformation] of [['combined.fga', false], ['combined-sourceinfo.fga', true]] as const) {
      const goldenFile = join(caseDir, golden);
      if (!existsSync(goldenFile)) continue;
      it(`${name}: JSON -> ${golden}`, counted(counts, () => {
        const model = JSON.parse(readFileSync(join(caseDir, 'authorization-model.json'), 'utf8')) as Parameters<typeof printModel>[0];
        expect(printModel(model, { includeSourceInformation })).toBe(readFileSync(goldenFile, 'utf8'));
      }));
    }
  }

  modCases.forEach((c, i) => {
    it(`fga.mod ${i}: ${c.name}`, counted(counts, () => {
      const { mod, errors } = parseFgaMod(c.modFile);
      if (c.json) {
        expect(errors).toEqual([]);
        expect(mod).toEqual(JSON.parse(c.json));
      } else {
        const actual = errors.map((e) => ({ msg: e.message, line: e.line, column: e.column }));
        expect(actual).toEqual((c.expected_errors ?? []).map((e) => ({ msg: e.msg, line: e.line, column: e.column })));
      }
    }));
  });
});
