// openfga/language object-id-validation-cases.yaml: which object ids are valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isValidObjectId } from '../../../src/model/object-id.js';
import { conformanceDir, counted, newCounts, printScore } from '../../helpers/conformance.js';

interface ObjectIdCase {
  name: string;
  object_id: string;
  valid: boolean;
  skip?: boolean;
}

const dir = conformanceDir();
const cases: ObjectIdCase[] = dir ? (parse(readFileSync(join(dir, 'openfga-language/object-id-validation-cases.yaml'), 'utf8')) as ObjectIdCase[]) : [];
const counts = newCounts();
const skipped: string[] = [];

describe.skipIf(!dir)('conformance: object-id-validation-cases', () => {
  afterAll(() => printScore('object-id-validation', counts, skipped));

  for (const testCase of cases) {
    if (testCase.skip) {
      counts.skipped++;
      skipped.push(testCase.name);
      it.skip(testCase.name, () => undefined);
      continue;
    }
    it(testCase.name, counted(counts, () => {
      expect(isValidObjectId(testCase.object_id)).toBe(testCase.valid);
    }));
  }
});
