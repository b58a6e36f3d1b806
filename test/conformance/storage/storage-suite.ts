// One storage conformance suite, run by every backend (memory.test.ts, pglite.test.ts,
// postgres.test.ts): the executable form of the contract in src/storage/datastore.ts, split by
// role as OpenFGA's pkg/storage/test/ is. This file only opens the backend and calls each role.
// The factory is called once per backend; every test works in its own fresh store ids, so the
// backends' suites may share one database with other suites running in parallel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { Datastore } from '../../../src/storage/datastore.js';
import { apiClientsSuite } from './api-clients-suite.js';
import { assertionsSuite } from './assertions-suite.js';
import { auditSuite } from './audit-suite.js';
import { changelogSuite } from './changelog-suite.js';
import { closureSuite } from './closure-suite.js';
import { expirySuite } from './expiry-suite.js';
import { runCorpusRoundTrip } from './corpus-round-trip.js';
import { modelsSuite } from './models-suite.js';
import { settingsSuite } from './settings-suite.js';
import { storeSettingsSuite } from './store-settings-suite.js';
import type { StorageSuite } from './storage-fixtures.js';
import { storesSuite } from './stores-suite.js';
import { tupleReaderSuite } from './tuple-reader-suite.js';
import { tuplesSuite } from './tuples-suite.js';

/** `options.closureMaxWorkPerWrite`: the bound the factory gave the backend (StorageSuite). */
export function runStorageConformance(name: string, factory: () => Promise<Datastore>, options: { closureMaxWorkPerWrite?: number } = {}): void {
  describe(`storage conformance: ${name}`, () => {
    let ds: Datastore;
    let opened: Promise<Datastore> | undefined;
    const datastore = (): Promise<Datastore> =>
      (opened ??= (async () => {
        const created = await factory();
        await created.migrate();
        await created.migrate(); // idempotent
        return created;
      })());
    const suite: StorageSuite = {
      datastore,
      newStore: async () => (await (await datastore()).createStore({ id: ulid(), name: `s-${name}` })).id,
      closureMaxWorkPerWrite: options.closureMaxWorkPerWrite,
    };

    beforeAll(async () => {
      ds = await datastore();
    });
    afterAll(async () => {
      await ds?.close();
    });

    it('answers ping and reports its kind', async () => {
      await ds.ping();
      expect(ds.kind).toBe(name);
    });

    storesSuite(suite);
    modelsSuite(suite);
    tuplesSuite(suite);
    changelogSuite(suite);
    tupleReaderSuite(suite);
    closureSuite(suite);
    expirySuite(suite);
    assertionsSuite(suite);
    settingsSuite(suite);
    apiClientsSuite(suite);
    storeSettingsSuite(suite);
    auditSuite(suite);

    it('round-trips the tuples of the OpenFGA conformance corpus', async () => {
      await runCorpusRoundTrip(name, ds, suite.newStore);
    });
  });
}
