// openfga/language transformer goldens: DSL -> JSON must equal authorization-model.json, and
// JSON -> DSL must reproduce authorization-model.fga (and compile back to the same JSON).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelJsonText, parseDsl, printModel } from '../../../src/dsl/index.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

const root = conformanceDir();
const dir = root && join(root, 'openfga-language', 'transformer');
const cases = dir && existsSync(dir) ? readdirSync(dir).sort() : [];
const counts = newCounts();

/** The transformer's JSON output (no `type_definitions` key without types), as a plain value. */
function normalize(model: Parameters<typeof modelJsonText>[0]): unknown {
  return JSON.parse(modelJsonText(model)) as unknown;
}

describe.skipIf(!dir)('conformance: openfga-language transformer', () => {
  afterAll(() => printScore('language transformer', counts));
  for (const name of cases) {
    const fga = readFileSync(join(dir!, name, 'authorization-model.fga'), 'utf8');
    const json = JSON.parse(readFileSync(join(dir!, name, 'authorization-model.json'), 'utf8')) as unknown;
    it(`${name}: DSL -> JSON`, counted(counts, () => {
      const { model, errors } = parseDsl(fga);
      expect(errors).toEqual([]);
      expect(normalize(model)).toEqual(json);
    }));
    it(`${name}: JSON -> DSL`, counted(counts, () => {
      const printed = printModel(json as Parameters<typeof printModel>[0]);
      expect(printed).toEqual(fga);
      expect(normalize(parseDsl(printed).model)).toEqual(json);
    }));
  }
});
