// relata.v1 WriteTuples: Write whose tuples may carry an expiry. The expiry is validated here
// against the request's instant (not in the past, not absurdly far), then the write is the very
// same all-or-nothing Write (audited as 'WriteTuples', cache invalidated, consistency token).
import { ErrorCode, ValidationError, preview } from '../model/index.js';
import type { TupleKey } from '../model/index.js';
import type { ServiceContext } from './context.js';
import type { Caller } from './caller.js';
import type { WriteOutput } from './types.js';
import { commitWrite } from './write.js';

/** The furthest an expiry may lie ahead: ten years (a longer grant is a permanent one). */
export const maxExpiryAheadMs = 10 * 366 * 24 * 3600 * 1000;

export interface ExpiringTupleWrite {
  /** Required (a missing one is a validation error naming it). */
  tupleKey?: TupleKey;
  /** When the grant ends: a Date, or an RFC 3339 timestamp. Absent = never. */
  expiresAt?: Date | string;
}

export interface WriteTuplesInput {
  storeId: string;
  authorizationModelId?: string;
  writes?: ExpiringTupleWrite[];
  deletes?: TupleKey[];
  onDuplicate?: string;
  onMissing?: string;
}

// RFC 3339 with a mandatory zone (Z or ±hh:mm); Date.parse alone accepts far too much.
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** The instant of `value`, or a ValidationError naming `field`. */
export function parseTupleExpiry(value: unknown, field: string, now: Date): Date {
  let at: Date | undefined;
  if (value instanceof Date) at = value;
  else if (typeof value === 'string' && value.length <= 40 && rfc3339.test(value)) at = new Date(value);
  if (!at || !Number.isFinite(at.getTime())) {
    const shown = typeof value === 'string' ? `'${preview(value, 40)}'` : typeof value;
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: ${shown} is not a timestamp (RFC 3339, e.g. 2030-01-01T00:00:00Z)`);
  }
  if (at.getTime() <= now.getTime()) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: ${at.toISOString()} is not in the future (now is ${now.toISOString()})`);
  }
  if (at.getTime() - now.getTime() > maxExpiryAheadMs) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: ${at.toISOString()} is more than 10 years ahead; write the tuple without an expiry instead`);
  }
  return at;
}

export async function writeTuples(ctx: ServiceContext, input: WriteTuplesInput, caller?: Caller): Promise<WriteOutput> {
  const now = ctx.clock();
  const writes = input.writes ?? [];
  if (!Array.isArray(writes)) throw new ValidationError(ErrorCode.ValidationError, 'invalid writes: must be a list');
  const keys: TupleKey[] = [];
  const expiries: (Date | undefined)[] = [];
  for (const [i, write] of writes.entries()) {
    if (!write?.tupleKey) throw new ValidationError(ErrorCode.ValidationError, `invalid writes[${i}].tuple_key: it is required`);
    keys.push(write.tupleKey);
    expiries.push(write.expiresAt === undefined || write.expiresAt === null ? undefined : parseTupleExpiry(write.expiresAt, `writes[${i}].expires_at`, now));
  }
  return commitWrite(
    ctx,
    {
      storeId: input.storeId,
      authorizationModelId: input.authorizationModelId,
      writes: keys,
      deletes: input.deletes ?? [],
      onDuplicate: input.onDuplicate,
      onMissing: input.onMissing,
      operation: 'WriteTuples',
      expiries,
      now,
    },
    caller,
  );
}
