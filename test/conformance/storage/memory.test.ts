import { createMemoryDatastore } from '../../../src/storage/memory/index.js';
import { runStorageConformance } from './storage-suite.js';

runStorageConformance('memory', () => Promise.resolve(createMemoryDatastore()));
