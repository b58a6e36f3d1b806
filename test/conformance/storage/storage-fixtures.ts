// Shared fixtures of the storage suites: the runner's handle on the backend, tuple keys and typed-error checks.
import { expect } from 'vitest';
import { RelataError } from '../../../src/model/index.js';
import type { ErrorCode, TupleKey } from '../../../src/model/index.js';
import type { Datastore, StoredTuple } from '../../../src/storage/datastore.js';

/** What each role's suite gets from runStorageConformance. */
export interface StorageSuite {
  /** The backend, opened and migrated once; a promise so that no suite depends on the order its hooks run in. */
  datastore(): Promise<Datastore>;
  /** A fresh store id: every test works in stores of its own, so backends may share one database. */
  newStore(): Promise<string>;
  /**
   * The backend's bound on closure-index maintenance per write (closureMaxWorkPerWrite), small
   * in the runners so that the stale path runs; undefined for a backend that computes the
   * closure on demand (memory).
   */
  closureMaxWorkPerWrite?: number;
}

export const tk = (object: string, relation: string, user: string, condition?: TupleKey['condition']): TupleKey =>
  condition ? { object, relation, user, condition } : { object, relation, user };

export const keysOf = (items: StoredTuple[]): TupleKey[] => items.map((t) => t.key);

export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<RelataError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(RelataError);
  expect((error as RelataError).code).toBe(code);
  return error as RelataError;
}
