// Assertions contract: a model's assertions are replaced as a whole and read back exactly (OpenFGA pkg/storage/test/assertions.go).
import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { Datastore } from '../../../src/storage/datastore.js';
import { tk } from './storage-fixtures.js';
import type { StorageSuite } from './storage-fixtures.js';

export function assertionsSuite(suite: StorageSuite): void {
  const { newStore } = suite;
  let ds: Datastore;
  beforeAll(async () => {
    ds = await suite.datastore();
  });

  describe('assertions', () => {
    it('replaces and reads a model\'s assertions', async () => {
      const store = await newStore();
      const modelId = ulid();
      expect(await ds.readAssertions(store, modelId)).toEqual([]);
      const assertions = [
        { tupleKey: tk('doc:1', 'viewer', 'user:anne'), expectation: true },
        { tupleKey: tk('doc:1', 'viewer', 'user:bob'), expectation: false, contextualTuples: [tk('doc:1', 'viewer', 'user:bob')], context: { ip: '10.0.0.1' } },
      ];
      await ds.writeAssertions(store, modelId, assertions);
      expect(await ds.readAssertions(store, modelId)).toEqual(assertions);
      await ds.writeAssertions(store, modelId, [assertions[0]]);
      expect(await ds.readAssertions(store, modelId)).toEqual([assertions[0]]);
      expect(await ds.readAssertions(store, ulid())).toEqual([]);
    });
  });
}
