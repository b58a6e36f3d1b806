// In-memory backend: same contract as the SQL backends, nothing persisted.
import type { Datastore } from '../datastore.js';
import { MemoryDatastore } from './memory-datastore.js';

export function createMemoryDatastore(options: { closureIndex?: boolean } = {}): Datastore {
  return new MemoryDatastore(options);
}

export { MemoryDatastore } from './memory-datastore.js';
