// Bulk loading of tuples (`relata tuples import`, `relata store import`): a session bound to one
// store and model version that validates every tuple against the model, as Write does (and its
// expiry, as WriteTuples does), and writes atomic batches through the datastore's bulk path.
// Batches are idempotent (a tuple already stored with the same condition and expiry is skipped), so an import that failed half way is run
// again from its last committed batch, or from the start.
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { AuthorizationModel, TupleKey } from '../../model/index.js';
import type { WriteTupleKey } from '../../storage/datastore.js';
import { ImportSequence } from '../../storage/tuple-import.js';
import type { ImportAudit } from '../../storage/tuple-import.js';
import type { Caller } from '../caller.js';
import type { ServiceContext } from '../context.js';
import { checkWriteTupleWhole } from '../tuple-checks.js';
import { optionalUlid, requireUlid } from '../validation.js';
import { checkConditionContextSize } from '../write.js';
import { parseTupleExpiry } from '../write-tuples.js';

export const maxImportBatchSize = 10_000;

export interface TupleImportInput {
  storeId: string;
  /** Default: the store's latest model. */
  authorizationModelId?: string;
}

/** A tuple to import; `expiresAt` (a Date or an RFC 3339 timestamp) makes it an expiring grant. */
export type ImportTuple = TupleKey & { expiresAt?: Date | string };

export interface ImportBatchOutput {
  /** New tuples; undefined when the backend has no bulk path and cannot tell. */
  inserted: number | undefined;
  consistencyToken: string;
}

/** A tuple of a batch that cannot be written; `index` is its position in the batch. */
export class ImportTupleError extends ValidationError {
  constructor(readonly index: number, readonly error: ValidationError) {
    super(error.code, error.message, { cause: error });
    this.name = 'ImportTupleError';
  }
}

export interface TupleImport {
  readonly storeId: string;
  readonly authorizationModelId: string;
  /**
   * How many prepared batches a caller may have written at once (PostgreSQL: 2; else 1). Their
   * changelog rows keep the order of the write() calls, and a batch whose predecessor failed
   * writes nothing, so what an import leaves is a prefix of its batches.
   */
  readonly concurrency: number;
  /** Checks tuples as writeBatch does, writing nothing: ImportTupleError for the first bad one. */
  validate(tuples: readonly ImportTuple[]): void;
  /**
   * Validates a batch now, as writeBatch does, throwing at once (ImportTupleError, or
   * ValidationError for a batch size outside 1..10 000), and returns its write, to be started
   * later: a caller validates the next batch while the database works on the current one. The
   * batch's instant (expiries, stored expired tuples) is taken here.
   */
  prepareBatch(tuples: readonly ImportTuple[]): PreparedImportBatch;
  /**
   * prepareBatch for tuples whose model checks ran elsewhere (e.g. on a worker thread): each one
   * passed `validateTupleForWrite(new TypeSystem(model), tuple)` against this session's `model`.
   * Only what that leaves out is checked here: the condition context's size and the expiry.
   */
  prepareModelCheckedBatch(tuples: readonly ImportTuple[]): PreparedImportBatch;
  /** The model version the tuples are checked against. */
  readonly model: AuthorizationModel;
  /**
   * Validates all tuples first (an invalid one -> ImportTupleError with its index, nothing
   * written), then writes them in one transaction. 1..10 000 distinct tuples. An expiry must lie
   * after the batch's instant (the service clock, read once per batch) and at most 10 years on.
   */
  writeBatch(tuples: readonly ImportTuple[]): Promise<ImportBatchOutput>;
}

/** A validated batch (TupleImport.prepareBatch): `write()` writes it in one transaction, once. */
export interface PreparedImportBatch {
  write(): Promise<ImportBatchOutput>;
}

export async function openTupleImport(ctx: ServiceContext, input: TupleImportInput, caller?: Caller): Promise<TupleImport> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const modelId = optionalUlid(input.authorizationModelId, 'authorization_model_id');
  await ctx.stores.require(storeId);
  const model = await ctx.models.resolve(storeId, modelId);
  await ctx.tokens.ready();
  const sequence = new ImportSequence();
  const validate = (tuple: ImportTuple, index: number, now: Date, modelChecked = false): WriteTupleKey => {
    try {
      // Without an expiry the tuple is its own key (no copy per tuple).
      if (tuple.expiresAt === undefined) {
        if (!modelChecked) checkWriteTupleWhole(model, tuple);
        if (tuple.condition !== undefined) checkConditionContextSize(tuple);
        return tuple as WriteTupleKey;
      }
      const { expiresAt, ...key } = tuple;
      if (!modelChecked) checkWriteTupleWhole(model, key);
      if (key.condition !== undefined) checkConditionContextSize(key);
      return expiresAt === null ? key : { ...key, expiresAt: parseTupleExpiry(expiresAt, 'expires_at', now) };
    } catch (error) {
      if (error instanceof ValidationError) throw new ImportTupleError(index, error);
      throw error;
    }
  };
  const writeKeys = async (count: number, keys: WriteTupleKey[], now: Date): Promise<ImportBatchOutput> => {
    const datastore = ctx.datastore;
    // One summary record per batch that inserted tuples: the tuples themselves are the
    // changelog rows of its revision range (a record listing 10,000 tuples would cost more
    // than the batch's insert).
    const audit: ImportAudit = (batch) =>
      ctx.audit.change(storeId, 'ImportTuples', caller, {
        modelId: model.id,
        tuples: count,
        inserted: batch.inserted,
        firstRevision: batch.firstRevision.toString(),
        revision: batch.revision.toString(),
      });
    const result = datastore.importTuples
      ? await datastore.importTuples(storeId, keys, audit, now, sequence)
      : {
          ...(await datastore.writeTuples(storeId, { writes: keys, deletes: [], onDuplicate: 'ignore', now }, ctx.audit.change(storeId, 'ImportTuples', caller, { modelId: model.id, tuples: count }))),
          inserted: undefined,
        };
    ctx.cache?.recordWrite(storeId, { revision: result.revision, tuples: keys });
    return { inserted: result.inserted, consistencyToken: await ctx.tokens.consistencyToken(storeId, result.revision) };
  };
  const session: TupleImport = {
    storeId,
    authorizationModelId: model.id,
    concurrency: ctx.datastore.importTuples ? (ctx.datastore.importConcurrency ?? 1) : 1,
    validate(tuples) {
      const now = ctx.clock();
      tuples.forEach((tuple, i) => validate(tuple, i, now));
    },
    model: model.model,
    prepareBatch: (tuples) => prepare(tuples, false),
    prepareModelCheckedBatch: (tuples) => prepare(tuples, true),
    async writeBatch(tuples) {
      return session.prepareBatch(tuples).write();
    },
  };
  function prepare(tuples: readonly ImportTuple[], modelChecked: boolean): PreparedImportBatch {
    if (tuples.length === 0 || tuples.length > maxImportBatchSize) {
      throw new ValidationError(ErrorCode.ExceededEntityLimit, `invalid tuples: a batch holds 1 to ${maxImportBatchSize} tuples, got ${tuples.length}`);
    }
    // One instant per batch, as per request: the expiries are checked and the stored expired
    // tuples told apart at the same time.
    const now = ctx.clock();
    const keys = tuples.map((tuple, i) => validate(tuple, i, now, modelChecked));
    let written = false;
    return {
      write: async () => {
        if (written) throw new Error('a prepared import batch is written once');
        written = true;
        return writeKeys(tuples.length, keys, now);
      },
    };
  }
  return session;
}
