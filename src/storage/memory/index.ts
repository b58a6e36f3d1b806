// In-memory backend: same contract as the SQL backends, nothing persisted.
import type { Datastore } from '../datastore.js';
import { MemoryDatastore } from './memory-datastore.js';

export function createMemoryDatastore(): Datastore {
  return new MemoryDatastore();
}

export { MemoryDatastore } from './memory-datastore.js';
