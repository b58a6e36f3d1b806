// openfga/language json-syntax-transformer-validation-cases.yaml: JSON models the DSL printer must
// accept, or reject with OpenFGA's message.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDsl, printModel } from '../../../src/dsl/index.js';
import type { AuthorizationModel } from '../../../src/model/types.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

interface JsonCase {
  name: string;
  json: string;
  valid?: boolean;
  error_message?: string;
}

const root = conformanceDir();
const file = root && join(root, 'openfga-language', 'json-syntax-transformer-validation-cases.yaml');
const cases = file && existsSync(file) ? (parse(readFileSync(file, 'utf8')) as JsonCase[]) : [];
const counts = newCounts();

describe.skipIf(cases.length === 0)('conformance: openfga-language JSON -> DSL validation', () => {
  afterAll(() => printScore('language json-syntax', counts));
  cases.forEach((c, i) => {
    it(`${i}: ${c.name}`, counted(counts, () => {
      const model = JSON.parse(c.json) as AuthorizationModel;
      if (c.error_message) {
        expect(() => printModel(model)).toThrow(c.error_message);
      } else {
        const { errors } = parseDsl(printModel(model));
        expect(errors).toEqual([]);
      }
    }));
  });
});
