// BatchCheck: many checks in one call, each answered or failed on its own, keyed by the
// caller's correlation id.
import { ErrorCode, ValidationError } from '../model/index.js';
import { batchItemError, itemFailure, itemFailureLog } from './batch-item-error.js';
import type { ServiceContext } from './context.js';
import { maxContextualTuples, openQuery } from './engine-access.js';
import type { BatchCheckInput, BatchCheckOutput, BatchCheckResult } from './types.js';
import { missingField, requireTupleKeyFields } from './validation.js';

const correlationIdPattern = /^[\w-]{1,36}$/;

export async function batchCheck(ctx: ServiceContext, input: BatchCheckInput): Promise<BatchCheckOutput> {
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
  const failures = itemFailureLog(ctx.logger, input.requestId);
  const settle = (correlationId: string, outcome: { allowed: boolean } | { error: unknown }): void => {
    if ('allowed' in outcome) {
      results.set(correlationId, { allowed: outcome.allowed });
    } else {
      const error = batchItemError(outcome.error);
      failures.report(correlationId, error, outcome.error);
      results.set(correlationId, { error });
    }
  };
  if (ctx.checker) {
    const settled = await ctx.checker.checkMany(target, requests, { consistency: target.consistency, minRevision: target.minRevision });
    settled.forEach((outcome, i) => settle(requests[i].correlationId, outcome.ok ? outcome.result : { error: outcome.error }));
  } else {
    const outcomes = await target.engine.batchCheck(target.reader, requests, { signal: input.signal });
    for (const outcome of outcomes) settle(outcome.correlationId, 'error' in outcome ? { error: itemFailure(outcome.error) } : outcome);
  }
  failures.flush();
  return { results };
}
