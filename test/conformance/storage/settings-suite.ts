// Settings contract: ensureSetting keeps the first value written, also under concurrent callers.
import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { Datastore } from '../../../src/storage/datastore.js';
import type { StorageSuite } from './storage-fixtures.js';

export function settingsSuite(suite: StorageSuite): void {
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('settings', () => {
    it('keeps the first value of a setting; concurrent callers all get the one that won', async () => {
      const name = `test_${ulid()}`;
      const values = await Promise.all(Array.from({ length: 8 }, (_, i) => ds.ensureSetting(name, `value-${i}`)));
      expect(new Set(values).size).toBe(1);
      expect(values[0]).toMatch(/^value-[0-7]$/);
      expect(await ds.ensureSetting(name, 'later')).toBe(values[0]);
      expect(await ds.ensureSetting(`${name}_other`, 'other')).toBe('other');
    });
  });
}
