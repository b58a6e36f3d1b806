import { createPgliteDatastore } from '../../../src/storage/pglite/index.js';
import { runStorageConformance } from './storage-suite.js';

runStorageConformance('pglite', () => createPgliteDatastore());
