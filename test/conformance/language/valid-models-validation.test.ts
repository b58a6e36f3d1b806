// No false positives: every model OpenFGA accepts (the transformer goldens, the server's engine
// test models) must pass validateModel with its DSL source and the write-time checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDsl } from '../../../src/dsl/index.js';
import { validateJsonModel, validateModelForWrite } from '../../../src/model/validate-json-model.js';
import { validateModel } from '../../../src/model/validate-model.js';
import { conformanceDir, printScore } from '../../helpers/conformance.js';

interface EngineTests {
  tests: { name: string; stages: { model: string }[] }[];
}

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
const counts = { passed: 0, failed: 0, skipped: 0 };

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
  return ['consolidated_1_1_tests.yaml', 'abac_tests.yaml'].flatMap((file) =>
    (parse(readFileSync(join(dir, 'openfga-server', file), 'utf8')) as EngineTests).tests.flatMap((test) =>
      test.stages.map((stage, i) => ({ name: `${file}: ${test.name} stage ${i}`, dsl: stage.model })),
    ),
  );
}

function counted(fn: () => void): () => void {
  return () => {
    try {
      fn();
      counts.passed++;
    } catch (error) {
      counts.failed++;
      throw error;
    }
  };
}

describe.skipIf(!dir)('conformance: valid models are accepted', () => {
  afterAll(() => printScore('valid-models-validation', counts));

  for (const golden of goldens()) {
    it(
      `transformer ${golden.name}`,
      counted(() => {
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
      counted(() => {
        const { model, errors } = parseDsl(engine.dsl);
        expect(errors).toEqual([]);
        expect(validateModelForWrite(model)).toEqual([]);
      }),
    );
  }
});
