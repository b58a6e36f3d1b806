// Errors raised by the storage layer itself; drivers' own errors never leave it (see
// sql/sanitize-error.ts), so callers only ever see these or the model's typed errors.
import { ErrorCode, RelataError, ValidationError, preview } from '../model/index.js';
import type { TupleKey } from '../model/index.js';

// OpenFGA appends this reason to both messages; clients match on the full text.
const invalidWriteReason = 'tuple to be written already existed or the tuple to be deleted did not exist';

function describe(key: TupleKey): string {
  return `user: '${preview(key.user)}', relation: '${preview(key.relation)}', object: '${preview(key.object)}'`;
}

/** A write (policy 'error') of a tuple that exists, or (policy 'ignore') exists with another condition. */
export class TupleAlreadyExistsError extends RelataError {
  readonly tupleKey: TupleKey;

  constructor(key: TupleKey) {
    super(ErrorCode.WriteFailedDueToInvalidInput, `cannot write a tuple which already exists: ${describe(key)}: ${invalidWriteReason}`);
    this.name = 'TupleAlreadyExistsError';
    this.tupleKey = key;
  }
}

/** A delete (policy 'error') of a tuple that does not exist. */
export class TupleNotFoundError extends RelataError {
  readonly tupleKey: TupleKey;

  constructor(key: TupleKey) {
    super(ErrorCode.WriteFailedDueToInvalidInput, `cannot delete a tuple which does not exist: ${describe(key)}: ${invalidWriteReason}`);
    this.name = 'TupleNotFoundError';
    this.tupleKey = key;
  }
}

/** createStore with an id that is taken (even by a deleted store: ids are never reused). */
export class StoreAlreadyExistsError extends RelataError {
  constructor(id: string) {
    super(ErrorCode.AlreadyExists, `store id already exists: '${id}'`);
    this.name = 'StoreAlreadyExistsError';
  }
}

/** writeModel with an id that is taken in the store: model versions are immutable. */
export class ModelAlreadyExistsError extends RelataError {
  constructor(storeId: string, modelId: string) {
    super(ErrorCode.AlreadyExists, `authorization model id already exists in store '${storeId}': '${modelId}'`);
    this.name = 'ModelAlreadyExistsError';
  }
}

export function invalidContinuationToken(): ValidationError {
  return new ValidationError(ErrorCode.InvalidContinuationToken, 'invalid continuation token: continuation_token');
}
