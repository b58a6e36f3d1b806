// Fails store-scoped calls on an unknown (or deleted) store with StoreIdNotFound. Existence is
// cached for a short time so that the hot path (Check) does not pay a query per call; this
// replica's own DeleteStore drops the entry at once, other replicas within `ttlMs`.
import { LRUCache } from 'lru-cache';
import { ErrorCode, NotFoundError } from '../model/index.js';
import type { StoreRepository } from '../storage/datastore.js';

export class StoreGuard {
  private readonly repository: StoreRepository;
  private readonly known: LRUCache<string, true>;

  constructor(repository: StoreRepository, ttlMs = 5000) {
    this.repository = repository;
    this.known = new LRUCache({ max: 100_000, ttl: ttlMs });
  }

  async require(storeId: string): Promise<void> {
    if (this.known.has(storeId)) return;
    const store = await this.repository.getStore(storeId);
    if (!store) throw storeNotFound();
    this.known.set(storeId, true);
  }

  created(storeId: string): void {
    this.known.set(storeId, true);
  }

  deleted(storeId: string): void {
    this.known.delete(storeId);
  }
}

export function storeNotFound(): NotFoundError {
  return new NotFoundError(ErrorCode.StoreIdNotFound, 'Store ID not found');
}
