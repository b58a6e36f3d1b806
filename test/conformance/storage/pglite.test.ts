import { createPgliteDatastore } from '../../../src/storage/pglite/index.js';
import { runStorageConformance } from './storage-suite.js';

// A small closure bound, so that the stale path runs (closure-suite.ts); the suite's other chains stay under it.
const closureMaxWorkPerWrite = 200;
runStorageConformance('pglite', () => createPgliteDatastore({ closureMaxWorkPerWrite }), { closureMaxWorkPerWrite });
