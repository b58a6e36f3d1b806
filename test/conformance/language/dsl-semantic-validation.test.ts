// openfga/language dsl-semantic-validation-cases.yaml: models that parse but are invalid, with
// the exact message, errorType, symbol and 0-based line/column range of every error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDsl } from '../../../src/dsl/index.js';
import type { ModelError } from '../../../src/model/model-error.js';
import { validateModel } from '../../../src/model/validate-model.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

interface Range {
  start: number;
  end: number;
}
interface ExpectedError {
  msg: string;
  line?: Range;
  column?: Range;
  metadata?: { symbol?: string; errorType?: string };
}
interface SemanticCase {
  name: string;
  dsl: string;
  skip?: boolean;
  expected_errors?: ExpectedError[] | null;
}

const dir = conformanceDir();
const cases: SemanticCase[] = dir ? (parse(readFileSync(join(dir, 'openfga-language/dsl-semantic-validation-cases.yaml'), 'utf8')) as SemanticCase[]) : [];
const counts = newCounts();
const skipped: string[] = [];

/** Validates DSL text the way openfga/language's validateDSL does: parse, then validate the model against its source. */
function validateDslSource(dsl: string): ModelError[] {
  const { model, errors } = parseDsl(dsl);
  const syntax = errors.filter((error) => error.kind === 'syntax');
  if (syntax.length) throw new Error(`unexpected syntax errors: ${JSON.stringify(syntax)}`);
  // A lone module file has no `schema` line; parseDsl assumes 1.2 for it, openfga/language
  // validates it as schema-less (and reports "schema version required").
  const schemaless = !/^\s*schema\s/m.test(dsl);
  return validateModel(schemaless ? { ...model, schema_version: '' } : model, { source: dsl });
}

/** Only the fields a case states are compared (some cases leave out `symbol`). */
function comparable(actual: ModelError, expected: ExpectedError): ExpectedError {
  const out: ExpectedError = { msg: actual.message };
  if (expected.line) out.line = actual.line;
  if (expected.column) out.column = actual.column;
  if (expected.metadata) {
    out.metadata = {};
    if (expected.metadata.symbol !== undefined) out.metadata.symbol = actual.symbol;
    if (expected.metadata.errorType !== undefined) out.metadata.errorType = actual.errorType;
  }
  return out;
}

function matches(testCase: SemanticCase): boolean {
  try {
    const expected = testCase.expected_errors ?? [];
    const actual = validateDslSource(testCase.dsl);
    return JSON.stringify(actual.map((error, i) => comparable(error, expected[i] ?? { msg: '' }))) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

describe.skipIf(!dir)('conformance: dsl-semantic-validation-cases', () => {
  afterAll(() => printScore('dsl-semantic-validation', counts, skipped));

  for (const testCase of cases) {
    if (testCase.skip) {
      counts.skipped++;
      const verdict = matches(testCase) ? 'Relata passes it anyway' : 'Relata does not pass it either';
      skipped.push(`${testCase.name} (marked skip in the corpus; ${verdict})`);
      it.skip(testCase.name, () => undefined);
      continue;
    }
    it(testCase.name, counted(counts, () => {
      const expected = testCase.expected_errors ?? [];
      const actual = validateDslSource(testCase.dsl);
      const shown = actual.map((error, i) => comparable(error, expected[i] ?? { msg: '' }));
      expect(shown).toEqual(expected);
    }));
  }
});
