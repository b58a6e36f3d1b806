// OpenFGA's consolidated + abac check assertions through the service layer (the use cases the
// transports call) on the embedded backends: memory and PGlite. The same assertions run over
// gRPC on PostgreSQL in test/integration/grpc-conformance.test.ts.
import { afterAll, beforeAll, describe } from 'vitest';
import { transformDslToModel } from '../../../src/dsl/index.js';
import { silentLogger } from '../../../src/observability/index.js';
import { createRelataService, type RelataService } from '../../../src/service/relata-service.js';
import type { Datastore } from '../../../src/storage/datastore.js';
import { createMemoryDatastore } from '../../../src/storage/memory/index.js';
import { createPgliteDatastore } from '../../../src/storage/pglite/index.js';
import { conformanceDir } from '../../helpers/conformance.js';
import { describeCheckConformance, type CheckDriver } from './consolidated-runner.js';

const corpus = conformanceDir();

function serviceDriver(service: () => RelataService): CheckDriver {
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
          return allowed;
        },
      };
    },
  };
}

const backends: [string, () => Promise<Datastore>][] = [
  ['memory', async () => createMemoryDatastore()],
  ['pglite', () => createPgliteDatastore()],
];

for (const [backend, open] of backends) {
  describe.skipIf(!corpus)(`conformance through the service layer on ${backend}`, () => {
    let datastore: Datastore;
    let service: RelataService;
    beforeAll(async () => {
      datastore = await open();
      await datastore.migrate();
      service = createRelataService({ datastore, logger: silentLogger() });
    });
    afterAll(async () => {
      await datastore?.close();
    });

    describeCheckConformance(corpus, `service check ${backend}`, () => serviceDriver(() => service));
  });
}
