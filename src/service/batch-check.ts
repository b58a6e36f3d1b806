// BatchCheck: many checks in one call, each answered or failed on its own (a typed error per
// item, mapped and logged by the transport like any other error), keyed by correlation id.
import { ErrorCode, InternalError, RelataError, ValidationError } from '../model/index.js';
import type { ServiceContext } from './context.js';
import { maxContextualTuples, openQuery } from './engine-access.js';
import type { BatchCheckInput, BatchCheckOutput, BatchCheckResult } from './types.js';
import { missingField, requireTupleKeyFields } from './validation.js';
import type { Caller } from './caller.js';

const correlationIdPattern = /^[\w-]{1,36}$/;

export async function batchCheck(ctx: ServiceContext, input: BatchCheckInput, caller?: Caller): Promise<BatchCheckOutput> {
  const checks = input.checks ?? [];
  if (checks.length === 0) throw new ValidationError(ErrorCode.ValidationError, 'invalid checks: value must contain at least 1 item(s)');
  const max = ctx.limits.maxChecksPerBatchCheck;
  if (checks.length > max) {
    throw new ValidationError(ErrorCode.ValidationError, `batchCheck received ${checks.length} checks, the maximum allowed is ${max}`);
  }
  const seen = new Set<string>();
  checks.forEach((item, i) => {
    if (!correlationIdPattern.test(item.correlationId ?? '')) {
      throw new ValidationError(ErrorCode.ValidationError, `invalid checks[${i}].correlation_id: value does not match regex pattern "^[\\w\\d-]{1,36}$"`);
    }
    if (seen.has(item.correlationId)) {
      throw new ValidationError(ErrorCode.ValidationError, `duplicate correlation_id provided: ${item.correlationId}`);
    }
    seen.add(item.correlationId);
    if (!item.tupleKey) throw missingField(`checks[${i}].tuple_key`);
    requireTupleKeyFields(item.tupleKey, `checks[${i}].tuple_key`);
    if ((item.contextualTuples?.length ?? 0) > maxContextualTuples) {
      throw new ValidationError(ErrorCode.ValidationError, `invalid checks[${i}].contextual_tuples: value must contain no more than ${maxContextualTuples} item(s)`);
    }
  });
  const target = await openQuery(ctx, { ...input, contextualTuples: undefined });
  const requests = checks.map((item) => ({
    correlationId: item.correlationId,
    object: item.tupleKey.object,
    relation: item.tupleKey.relation,
    user: item.tupleKey.user,
    contextualTuples: item.contextualTuples,
    context: item.context,
  }));
  const results = new Map<string, BatchCheckResult>();
  const started = performance.now();
  const settled = await ctx.checker.checkMany(target, requests, { consistency: target.consistency, minRevision: target.minRevision, now: target.now.getTime() });
  const latencyMs = performance.now() - started;
  settled.forEach((outcome, i) => {
    if (outcome.ok) {
      const r = requests[i];
      ctx.audit.decision({
        operation: 'BatchCheck',
        storeId: target.storeId,
        user: r.user,
        relation: r.relation,
        object: r.object,
        allowed: outcome.result.allowed,
        modelId: target.model.id,
        cache: outcome.result.cache,
        latencyMs,
        caller,
        context: r.context,
        contextualTuples: r.contextualTuples?.length,
      });
    }
    results.set(requests[i].correlationId, outcome.ok ? { allowed: outcome.result.allowed } : { error: typedItemError(outcome.error) });
  });
  return { results };
}

/** What failed an item, as a typed error: anything untyped (a driver's failure) is internal, its cause kept for the log. */
function typedItemError(error: unknown): RelataError {
  return error instanceof RelataError ? error : new InternalError(undefined, { cause: error });
}
