// Explain (relata.v1): Check's verdict with why — the path of tuples and rewrite steps that
// granted it, or the branches tried and why each failed. Validated exactly as Check, always
// evaluated (never from the decision cache: the cache keeps verdicts, not reasons).
import type { ExplainNode } from '../engine/index.js';
import { ErrorCode } from '../model/index.js';
import type { ServiceContext } from './context.js';
import { openCheck } from './check.js';
import type { CheckInput } from './types.js';

export interface ExplainInput extends CheckInput {
  /** Most nodes in the returned tree: 1..10000; 0 or absent = 500. */
  maxNodes?: number;
}

export interface ExplainOutput {
  allowed: boolean;
  /** Where Check would fail instead of answering (a missing condition parameter, the depth limit). */
  error?: { code: number; message: string };
  root: ExplainNode;
  nodeCount: number;
  truncated: boolean;
}

/** Errors the tree explains; any other (cancelled, deadline, storage) fails the call as it fails Check. */
const explainable = new Set<number>([ErrorCode.ValidationError, ErrorCode.AuthorizationModelResolutionTooComplex]);

export async function explain(ctx: ServiceContext, input: ExplainInput): Promise<ExplainOutput> {
  const { target, request } = await openCheck(ctx, input);
  const result = await target.engine.explain(target.reader, request, { signal: target.signal, explain: input.maxNodes ? { maxNodes: input.maxNodes } : {} });
  if (result.error && !explainable.has(result.error.code)) throw result.error;
  const output: ExplainOutput = { allowed: result.allowed, root: result.root, nodeCount: result.nodeCount, truncated: result.truncated };
  if (result.error) output.error = { code: result.error.code, message: result.error.message };
  return output;
}
