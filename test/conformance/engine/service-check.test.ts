// OpenFGA's consolidated + abac check assertions through the service layer (the use cases the
// transports call) on the embedded backends: memory and PGlite. The same assertions run over
// gRPC on PostgreSQL in test/integration/grpc-conformance.test.ts.
import { afterAll, beforeAll, describe } from 'vitest';
import { transformDslToModel } from '../../../src/dsl/index.js';
import { silentLogger } from '../../../src/observability/index.js';
import { createDecisionCache } from '../../../src/cache/index.js';
import { createRelataService, type RelataService } from '../../../src/service/relata-service.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { createMemoryDatastore } from '../../../src/storage/memory/index.js';
import { createPgliteDatastore } from '../../../src/storage/pglite/index.js';
import { conformanceDir } from '../../helpers/conformance.js';
import { describeCheckConformance, type CheckDriver } from './consolidated-runner.js';

const corpus = conformanceDir();

/** `twice`: every assertion is asked again, so that the second answer rests on reused sub-results. */
function serviceDriver(service: () => RelataService, twice = false): CheckDriver {
  return {
    async openStore(testName) {
      const { id: storeId } = await service().createStore({ name: `conf-${testName}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60) });
      return {
        async writeModel(dsl) {
          await service().writeAuthorizationModel({ storeId, model: transformDslToModel(dsl) });
        },
        async writeTuples(tuples) {
          for (let i = 0; i < tuples.length; i += 100) await service().write({ storeId, writes: { tupleKeys: tuples.slice(i, i + 100) } });
        },
        async check({ tuple, contextualTuples, context }) {
          const { allowed } = await service().check({ storeId, tupleKey: tuple, contextualTuples, context });
          if (!twice) return allowed;
          const again = await service().check({ storeId, tupleKey: tuple, contextualTuples, context });
          if (again.allowed !== allowed) throw new Error(`asked again with sub-results: ${again.allowed}, first ${allowed}`);
          return allowed;
        },
      };
    },
  };
}

// The third: sub-problem results reused across Checks (decision L1 off, so no answer is reused whole).
const backends: [string, () => Promise<Datastore>, boolean][] = [
  ['memory', async () => createMemoryDatastore(), false],
  ['pglite', () => createPgliteDatastore(), false],
  ['memory with sub-results', async () => createMemoryDatastore(), true],
];

for (const [backend, open, subResults] of backends) {
  describe.skipIf(!corpus)(`conformance through the service layer on ${backend}`, () => {
    let datastore: Datastore;
    let service: RelataService;
    const cache = subResults ? createDecisionCache({ l1MaxEntries: 0 }) : undefined;
    beforeAll(async () => {
      datastore = await open();
      await datastore.migrate();
      service = createRelataService({ datastore, logger: silentLogger(), cache });
    });
    afterAll(async () => {
      if (cache) console.log(`[conformance] sub-results: ${JSON.stringify(cache.subResultStats())}`);
      await cache?.close();
      await datastore?.close();
    });

    describeCheckConformance(corpus, `service check ${backend}`, () => serviceDriver(() => service, subResults));
  });
}
