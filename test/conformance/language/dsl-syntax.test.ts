// openfga/language dsl-syntax-validation-cases.yaml: snippets that must parse, or fail with exactly
// the listed errors (message, 0-based line and column range).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDsl } from '../../../src/dsl/index.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

interface ExpectedError {
  msg: string;
  line: { start: number; end: number };
  column: { start: number; end: number };
}

interface SyntaxCase {
  name: string;
  dsl: string;
  expected_errors?: ExpectedError[];
}

const root = conformanceDir();
const file = root && join(root, 'openfga-language', 'dsl-syntax-validation-cases.yaml');
const cases = file && existsSync(file) ? (parse(readFileSync(file, 'utf8')) as SyntaxCase[]) : [];
const counts = newCounts();

describe.skipIf(cases.length === 0)('conformance: openfga-language DSL syntax validation', () => {
  afterAll(() => printScore('language dsl-syntax', counts));
  cases.forEach((c, i) => {
    it(`${i}: ${c.name}`, counted(counts, () => {
      const { errors } = parseDsl(c.dsl);
      const actual = errors.map((e) => ({ msg: e.message, line: e.line, column: e.column }));
      const expected = (c.expected_errors ?? []).map((e) => ({ msg: e.msg, line: e.line, column: e.column }));
      expect(actual).toEqual(expected);
    }));
  });
});
