// No false positives: every model OpenFGA accepts (the transformer goldens, the server's engine
// test models) must pass validateModel with its DSL source and the write-time checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDsl } from '../../../src/dsl/index.js';
import { validateJsonModel, validateModelForWrite } from '../../../src/model/validate-json-model.js';
import { validateModel } from '../../../src/model/validate-model.js';
import { conformanceDir, counted, conformanceFiles, loadServerTests, newCounts, printScore } from '../../helpers/conformance.js';

/**
 * Transformer goldens test syntax only; these are not valid models, and OpenFGA (server and
 * openfga/language's validator) rejects them with these errors.
 */
const INVALID_GOLDENS: Record<string, string[]> = {
  '00-only-schema': ['invalid-json-model'], // no type definitions
  '14-mixed-operators': ['tupleuserset-not-direct'], // `relation3 from relation4`, relation4 is an exclusion
  '15-mixed-operators-with-direct-assignments-once-beginning-of-line': ['condition-not-defined', 'invalid-relation-type'],
};

const dir = conformanceDir();
const counts = newCounts();

function goldens(): { name: string; dsl: string; json: string }[] {
  if (!dir) return [];
  const root = join(dir, 'openfga-language/transformer');
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'authorization-model.json')))
    .map((name) => ({
      name,
      dsl: readFileSync(join(root, name, 'authorization-model.fga'), 'utf8'),
      json: readFileSync(join(root, name, 'authorization-model.json'), 'utf8'),
    }));
}

function engineModels(): { name: string; dsl: string }[] {
  if (!dir) return [];
  return conformanceFiles.flatMap((file) =>
    loadServerTests<{ model: string }>(dir, file).flatMap((test) =>
      test.stages.map((stage, i) => ({ name: `${file}: ${test.name} stage ${i}`, dsl: stage.model })),
    ),
  );
}

describe.skipIf(!dir)('conformance: valid models are accepted', () => {
  afterAll(() => printScore('valid-models-validation', counts));

  for (const golden of goldens()) {
    it(
      `transformer ${golden.name}`,
      counted(counts, () => {
        const { model, errors } = parseDsl(golden.dsl);
        expect(errors).toEqual([]);
        const invalid = INVALID_GOLDENS[golden.name];
        const jsonErrors = validateJsonModel(golden.json).errors.map((error) => error.errorType);
        if (invalid) {
          expect(jsonErrors).toEqual(invalid);
          return;
        }
        expect(validateModel(model, { source: golden.dsl })).toEqual([]);
        expect(jsonErrors).toEqual([]);
      }),
    );
  }

  for (const engine of engineModels()) {
    it(
      engine.name,
      counted(counts, () => {
        const { model, errors } = parseDsl(engine.dsl);
        expect(errors).toEqual([]);
        expect(validateModelForWrite(model)).toEqual([]);
      }),
    );
  }
});
