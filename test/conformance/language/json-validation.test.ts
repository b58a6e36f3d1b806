// openfga/language json-validation-cases.yaml: JSON models and the exact errors they must yield.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseJsonModel } from '../../../src/model/parse-json-model.js';
import { validateModel } from '../../../src/model/validate-model.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

interface ExpectedError {
  msg: string;
  metadata?: { symbol?: string; errorType?: string };
}
interface JsonCase {
  name: string;
  json: string;
  skip?: boolean;
  expected_errors?: ExpectedError[] | null;
}

const dir = conformanceDir();
const cases: JsonCase[] = dir ? (parse(readFileSync(join(dir, 'openfga-language/json-validation-cases.yaml'), 'utf8')) as JsonCase[]) : [];
const counts = newCounts();
const skipped: string[] = [];

describe.skipIf(!dir)('conformance: json-validation-cases', () => {
  afterAll(() => printScore('json-validation', counts, skipped));

  for (const testCase of cases) {
    const run = testCase.skip ? it.skip : it;
    if (testCase.skip) {
      counts.skipped++;
      skipped.push(testCase.name);
    }
    run(testCase.name, counted(counts, () => {
      const parsed = parseJsonModel(testCase.json);
      expect(parsed.errors).toEqual([]);
      const expected = testCase.expected_errors ?? [];
      // Only the fields a case states are compared.
      const actual = validateModel(parsed.model!).map((error, i) => {
        const stated = expected[i]?.metadata ?? {};
        const metadata: ExpectedError['metadata'] = {};
        if (stated.symbol !== undefined) metadata.symbol = error.symbol;
        if (stated.errorType !== undefined) metadata.errorType = error.errorType;
        return expected[i]?.metadata ? { msg: error.message, metadata } : { msg: error.message };
      });
      expect(actual).toEqual(expected);
    }));
  }
});
