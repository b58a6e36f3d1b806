// Write: tuple writes and deletes in one all-or-nothing transaction. Returns the changelog
// revision it committed as a signed consistency token (sent as `x-relata-consistency-token`).
import { ErrorCode, ValidationError, preview, tupleKeyId } from '../model/index.js';
import { tupleContextLimits, validateContext } from '../engine/index.js';
import type { TupleKey } from '../model/index.js';
import { InvalidTupleError } from '../model/tuple-validation.js';
import type { ServiceContext } from './context.js';
import type { OnDuplicate, WriteInput, WriteOutput } from './types.js';
import { checkWriteTuple, validateTupleShape } from './tuple-checks.js';
import { optionalUlid, requireUlid } from './validation.js';
import type { Caller } from './caller.js';

function policy(value: string | undefined, field: string): OnDuplicate {
  if (!value || value === 'error') return 'error';
  if (value === 'ignore') return 'ignore';
  throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: value must be 'error' or 'ignore', got '${preview(value, 32)}'`);
}

export async function write(ctx: ServiceContext, input: WriteInput, caller?: Caller): Promise<WriteOutput> {
  return commitWrite(ctx, {
    storeId: input.storeId,
    authorizationModelId: input.authorizationModelId,
    writes: input.writes?.tupleKeys ?? [],
    deletes: input.deletes?.tupleKeys ?? [],
    onDuplicate: input.writes?.onDuplicate,
    onMissing: input.deletes?.onMissing,
    operation: 'Write',
  }, caller);
}

/** A write as both Write (openfga.v1) and WriteTuples (relata.v1, with expiries) make it. */
export interface WriteCommand {
  storeId: string;
  authorizationModelId?: string;
  writes: TupleKey[];
  deletes: TupleKey[];
  onDuplicate?: string;
  onMissing?: string;
  operation: 'Write' | 'WriteTuples';
  /** Per write, in order: its validated expiry (WriteTuples only). */
  expiries?: readonly (Date | undefined)[];
  /** The request's instant (default: the service clock's now). */
  now?: Date;
}

export async function commitWrite(ctx: ServiceContext, command: WriteCommand, caller?: Caller): Promise<WriteOutput> {
  const storeId = requireUlid(command.storeId, 'store_id');
  const modelId = optionalUlid(command.authorizationModelId, 'authorization_model_id');
  const writes = command.writes;
  // A delete ignores any condition it was sent with.
  const deletes: TupleKey[] = command.deletes.map(({ object, relation, user }) => ({ object, relation, user }));
  const onDuplicate = policy(command.onDuplicate, 'writes.on_duplicate');
  const onMissing = policy(command.onMissing, 'deletes.on_missing');

  if (writes.length === 0 && deletes.length === 0) {
    throw new ValidationError(ErrorCode.InvalidWriteInput, 'Invalid input. Make sure you provide at least one write, or at least one delete');
  }
  const limit = ctx.limits.maxTuplesPerWrite;
  if (writes.length + deletes.length > limit) {
    throw new ValidationError(ErrorCode.ExceededEntityLimit, `The number of write operations exceeds the allowed limit of ${limit}`);
  }
  const seen = new Set<string>();
  for (const key of [...writes, ...deletes]) {
    const id = tupleKeyId(key);
    if (seen.has(id)) {
      throw new ValidationError(
        ErrorCode.CannotAllowDuplicateTuplesInOneRequest,
        `duplicate tuple in write: user: '${preview(key.user)}', relation: '${preview(key.relation)}', object: '${preview(key.object)}'`,
      );
    }
    seen.add(id);
  }
  for (const key of [...writes, ...deletes]) validateTupleShape(key);

  await ctx.stores.require(storeId);
  if (writes.length > 0) {
    const model = await ctx.models.resolve(storeId, modelId);
    for (const key of writes) {
      checkWriteTuple(model, key);
      checkConditionContextSize(key);
    }
  } else if (modelId) {
    await ctx.models.byId(storeId, modelId);
  }
  // The signing key first: once the write commits, answering it must not depend on the datastore.
  await ctx.tokens.ready();
  const audit = ctx.audit.change(storeId, command.operation, caller, { modelId, onDuplicate, onMissing });
  const expiries = command.expiries;
  const stored = expiries ? writes.map((key, i) => (expiries[i] ? { ...key, expiresAt: expiries[i] } : key)) : writes;
  const now = command.now ?? ctx.clock();
  const result = await ctx.datastore.writeTuples(storeId, { writes: stored, deletes, onDuplicate, onMissing, now }, audit);
  // Before answering, so that a Check sent after this response never sees a stale decision here.
  ctx.cache?.recordWrite(storeId, { revision: result.revision, tuples: [...writes, ...deletes] });
  return { consistencyToken: await ctx.tokens.consistencyToken(storeId, result.revision) };
}

/** OpenFGA refuses a tuple whose condition context exceeds 32 KiB (ValidationError, 2000). */
export function checkConditionContextSize(key: TupleKey): void {
  try {
    validateContext(key.condition?.context, 'condition.context', tupleContextLimits);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new InvalidTupleError(key, { kind: 'invalid-tuple', reason: error.message }, ErrorCode.ValidationError);
  }
}
