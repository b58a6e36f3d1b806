// Runs the storage suite on a real PostgreSQL, in a schema of its own (created by migrate(),
// dropped at the end) so that parallel suites never see each other's tables.
import { afterAll } from 'vitest';
import { createPostgresDatastore } from '../../../src/storage/postgres/index.js';
import { dropTestSchema, testDatabaseUrl } from '../../helpers/services.js';
import { runStorageConformance } from './storage-suite.js';

const schema = `relata_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

// A small closure bound, so that the stale path runs (closure-suite.ts); the suite's other chains stay under it.
const closureMaxWorkPerWrite = 200;
runStorageConformance('postgres', () => createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4, closureMaxWorkPerWrite }), { closureMaxWorkPerWrite });

afterAll(() => dropTestSchema(schema));
