// The engine's one entry point for an authorization model: Check, BatchCheck, Expand,
// ListObjects (unary, streamed, sorted for pages) and ListUsers over any TupleReader. Build one
// per model version and keep it with the model: it owns what is derived from the model (the
// index, the compiled conditions, the reverse graph of ListObjects), built once. Every call takes
// the reader bound to the store and consistency point the caller chose.

import type { AuthorizationModel, TupleKey, UserRef } from '../model/index.js';
import { ErrorCode, InternalError, RelataError, ValidationError, parseObject, parseUser, preview } from '../model/index.js';
import type { BatchCheckItem, BatchCheckOutcome, CheckRequest, CheckResult, EvaluationLimits, ListObjectsRequest, ListUsersRequest } from './api.js';
import { defaultLimits } from './api.js';
import { celConditionEvaluator } from './conditions/cel-conditions.js';
import { requestContextLimits, tupleContextLimits, validateContext } from './conditions/index.js';
import type { ContextLimits } from './conditions/index.js';
import { CheckSession } from './check/check-session.js';
import type { ConditionEvaluator } from './conditions/condition-port.js';
import { ContextualTupleReader } from './read/contextual-reader.js';
import type { ExpandRequest, ExpandResult } from './check/expand.js';
import { expandTree } from './check/expand.js';
import type { ReverseGraph } from './list/reverse-graph.js';
import { buildReverseGraph } from './list/reverse-graph.js';
import type { ListEngineDeps, ListObjectsResult } from './list/list-objects.js';
import { listObjects, streamListObjects } from './list/list-objects.js';
import type { ListOptions } from './list/list-limits.js';
import type { SortedAnswer } from './list/list-objects-page.js';
import { listObjectsSorted } from './list/list-objects-page.js';
import type { ListUsersOptions, ListUsersResult } from './list/list-users.js';
import { listUsers } from './list/list-users.js';
import { ModelIndex } from './model-index.js';
import { RequestReader } from './read/request-reader.js';
import { requireIdentifierText, validateContextualTuple, validateRequestTuple } from './request-validation.js';
import { explainCheck, explainLimits } from './explain/explain.js';
import type { ExplainLimits, ExplainResult } from './explain/explanation.js';
import type { ListPermissionsRequest } from './permissions/list-permissions.js';
import { listPermissionsSorted } from './permissions/list-permissions.js';
import type { ListRelationsRequest, ListRelationsResult } from './permissions/list-relations.js';
import { listRelationsIn, relationsToList } from './permissions/list-relations.js';
import type { TupleReader } from './read/tuple-reader.js';
import type { SubResults } from './check/sub-results.js';

export interface EngineOptions {
  /** Evaluates tuple conditions; default: the model's conditions compiled with CEL (src/engine/conditions). */
  conditions?: ConditionEvaluator;
  limits?: Partial<EvaluationLimits>;
  /** Bounds of a request's `context` (default requestContextLimits). */
  contextLimits?: ContextLimits;
}

export interface RequestOptions {
  /** Cancels the evaluation: Cancelled (2058), or DeadlineExceeded (4004) for AbortSignal.timeout. */
  signal?: AbortSignal;
  /** A deadline for the whole evaluation, in milliseconds: DeadlineExceeded (4004) when it passes. */
  timeoutMs?: number;
  limits?: Partial<EvaluationLimits>;
  /** Sub-results of earlier requests to reuse and extend (used only without contextual tuples). */
  subResults?: SubResults;
}

export interface SessionRequest {
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export class Engine {
  readonly model: ModelIndex;
  private readonly conditions: ConditionEvaluator;
  private readonly limits: EvaluationLimits;
  private readonly contextLimits: ContextLimits;
  private reverseGraph?: ReverseGraph;

  constructor(model: AuthorizationModel | ModelIndex, options: EngineOptions = {}) {
    this.model = model instanceof ModelIndex ? model : new ModelIndex(model);
    this.conditions = options.conditions ?? celConditionEvaluator(this.model.model);
    this.limits = { ...defaultLimits, ...options.limits };
    this.contextLimits = options.contextLimits ?? requestContextLimits;
  }

  /** Validates and answers one Check. Throws a RelataError for invalid input or an undecidable answer. */
  async check(reader: TupleReader, request: CheckRequest, options: RequestOptions = {}): Promise<CheckResult> {
    const user = this.validateCheck(request);
    const session = this.openSession(reader, request, options);
    const object = parseObject(request.object) as { type: string; id: string };
    try {
      const outcome = await session.check(object, request.relation, user);
      if (outcome.error) throw outcome.error;
      return withExpiry({ allowed: outcome.allowed, readCount: session.reads.readCount }, session.reads.earliestExpiry);
    } finally {
      session.reads.close();
    }
  }

  /**
   * Check's verdict with why: the path that granted it, or the branches tried and why each
   * failed (src/engine/explain). Validates as Check does. Where Check would throw an
   * undecidable-answer error, the result carries it in `error` with the tree that led to it.
   */
  async explain(reader: TupleReader, request: CheckRequest, options: RequestOptions & { explain?: Partial<ExplainLimits> } = {}): Promise<ExplainResult> {
    const user = this.validateCheck(request);
    const limits = explainLimits(options.explain);
    const session = this.openSession(reader, request, options);
    try {
      const maxDepth = { ...this.limits, ...options.limits }.maxDepth;
      return await explainCheck({ model: this.model, reads: session.reads, conditions: this.conditions, maxDepth }, request, user, limits);
    } finally {
      session.reads.close();
    }
  }

  /**
   * Many checks at once. Items with the same contextual tuples and context share one session, so
   * common sub-problems and reads are evaluated once. Per-item failures become per-item errors.
   */
  async batchCheck(reader: TupleReader, items: readonly BatchCheckItem[], options: RequestOptions = {}): Promise<BatchCheckOutcome[]> {
    const seen = new Set<string>();
    for (const item of items) {
      if (!item.correlationId) throw new ValidationError(ErrorCode.ValidationError, "each check needs a non-empty 'correlation_id'");
      if (seen.has(item.correlationId)) throw new ValidationError(ErrorCode.ValidationError, `duplicate 'correlation_id' '${item.correlationId}'`);
      seen.add(item.correlationId);
    }
    const sessions = new Map<string, CheckSession>();
    const outcomes = await Promise.all(
      items.map(async (item): Promise<BatchCheckOutcome> => {
        try {
          const user = this.validateCheck(item);
          const key = JSON.stringify([item.contextualTuples ?? [], item.context ?? {}]);
          let session = sessions.get(key);
          if (!session) {
            session = this.openSession(reader, item, options);
            sessions.set(key, session);
          }
          const object = parseObject(item.object) as { type: string; id: string };
          const outcome = await session.check(object, item.relation, user);
          if (outcome.error) throw outcome.error;
          return withExpiry({ correlationId: item.correlationId, allowed: outcome.allowed }, session.reads.earliestExpiry);
        } catch (error) {
          // Errors are values from here to the transport edge, which maps and logs them.
          return { correlationId: item.correlationId, error: error instanceof RelataError ? error : new InternalError(undefined, { cause: error }) };
        }
      }),
    );
    for (const session of sessions.values()) session.reads.close();
    return outcomes;
  }

  /** One level of the userset tree of `object#relation` (OpenFGA's Expand). */
  async expand(reader: TupleReader, request: ExpandRequest, options: RequestOptions = {}): Promise<ExpandResult> {
    requireIdentifierText(request.object, 'object');
    requireIdentifierText(request.relation, 'relation');
    const object = parseObject(request.object);
    if (!object || object.id === '*' || /[#:\s]/.test(object.id)) {
      throw new ValidationError(ErrorCode.ValidationError, `the 'object' field '${preview(request.object)}' must be of the form type:id`);
    }
    if (!this.model.hasType(object.type)) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(object.type)}' not found`);
    if (!this.model.hasRelation(object.type, request.relation)) {
      throw new ValidationError(ErrorCode.RelationNotFound, `relation '${object.type}#${preview(request.relation)}' not found`);
    }
    for (const t of request.contextualTuples ?? []) validateContextualTuple(this.model, t);
    const session = this.openSession(reader, { contextualTuples: request.contextualTuples }, options);
    const root = await expandTree(this.model, session.reads, object.type, object.id, request.relation);
    return { tree: { root }, readCount: session.reads.readCount };
  }

  /**
   * OpenFGA's ListObjects: at most `options.maxResults` objects (unordered). Reads in flight
   * default to the engine's `maxConcurrentReads`.
   */
  listObjects(reader: TupleReader, request: ListObjectsRequest, options: ListOptions = {}): Promise<ListObjectsResult> {
    return listObjects(this.listDeps(reader, options.signal), request, this.listOptions(options));
  }

  /** StreamedListObjects: objects as they are found (no result cap unless one is given). */
  streamListObjects(reader: TupleReader, request: ListObjectsRequest, options: ListOptions = {}): AsyncIterable<string> {
    return streamListObjects(this.listDeps(reader, options.signal), request, this.listOptions(options));
  }

  /** The whole ListObjects answer in id order, condition failures reported (for paged listings). */
  listObjectsSorted(reader: TupleReader, request: ListObjectsRequest, options: ListOptions = {}): Promise<SortedAnswer> {
    return listObjectsSorted(this.listDeps(reader, options.signal), request, this.listOptions(options));
  }

  /** OpenFGA's ListUsers; the resolution depth defaults to the engine's `maxDepth`. */
  listUsers(reader: TupleReader, request: ListUsersRequest, options: ListUsersOptions = {}): Promise<ListUsersResult> {
    return listUsers(this.listDeps(reader, options.signal), request, { maxDepth: this.limits.maxDepth, ...this.listOptions(options) });
  }

  /**
   * A permission snapshot: every `type:id#relation` the user has on the listed types and
   * relations, sorted (page it with pageOf). One reverse walk per type#relation, all sharing one
   * reader memo and one Check session (src/engine/permissions).
   */
  listPermissionsSorted(reader: TupleReader, request: ListPermissionsRequest, options: ListOptions = {}): Promise<SortedAnswer> {
    const deps = {
      index: this.model,
      graph: this.graph,
      conditions: this.conditions,
      openCheck: (shared: TupleReader, context: Record<string, unknown> | undefined) => this.candidateChecker(shared, { context }, { signal: options.signal }),
    };
    return listPermissionsSorted(deps, reader, request, this.listOptions(options));
  }

  /** Every relation (of `relations`, default all) the user has on one object, in one Check session. */
  async listRelations(reader: TupleReader, request: ListRelationsRequest, options: RequestOptions = {}): Promise<ListRelationsResult> {
    requireIdentifierText(request.object, 'object');
    const type = parseObject(request.object)?.type ?? '';
    const relations = relationsToList(this.model.relationNames(type), request.relations);
    if (relations.length === 0) {
      // A type without relations: nothing to test, once the request is known to be well-formed.
      if (!this.model.hasType(type)) throw new ValidationError(ErrorCode.ValidationError, `type '${preview(type)}' in the 'object' field is not defined in the authorization model`);
      return { relations: [], failures: [], readCount: 0 };
    }
    // Validated for each relation as Check validates it.
    let user: UserRef | undefined;
    for (const relation of relations) user = this.validateCheck({ ...request, relation });
    const session = this.openSession(reader, request, options);
    try {
      return await listRelationsIn(session, request, relations, user as UserRef);
    } finally {
      session.reads.close();
    }
  }

  /** The reverse graph of ListObjects, built on first use and kept with the engine. */
  get graph(): ReverseGraph {
    this.reverseGraph ??= buildReverseGraph(this.model.model);
    return this.reverseGraph;
  }

  private listOptions<T extends ListOptions>(options: T): T {
    return options.maxConcurrentReads === undefined ? { ...options, maxConcurrentReads: this.limits.maxConcurrentReads } : options;
  }

  /** What the list walks read and check through: candidates of one request share one session. */
  private listDeps(reader: TupleReader, signal: AbortSignal | undefined): ListEngineDeps {
    return {
      index: this.model,
      reader,
      graph: this.graph,
      conditions: this.conditions,
      openCheck: (request) => this.candidateChecker(reader, request, { signal }),
    };
  }

  /**
   * An evaluation context for callers that check many candidates under one request (ListObjects,
   * ListUsers): contextual tuples must be valid for the model (see validateContextualTuples).
   */
  openSession(reader: TupleReader, request: SessionRequest, options: RequestOptions = {}): CheckSession {
    const limits = { ...this.limits, ...options.limits };
    const overlay = request.contextualTuples?.length ? new ContextualTupleReader(reader, request.contextualTuples) : reader;
    const reads = new RequestReader(overlay, { maxConcurrentReads: limits.maxConcurrentReads, signal: requestSignal(options) });
    // Contextual tuples change answers for this request only: nothing is reused or shared then.
    const subResults = overlay === reader ? options.subResults : undefined;
    return new CheckSession(this.model, reads, { conditions: this.conditions, context: request.context, maxDepth: limits.maxDepth, subResults });
  }

  /**
   * A Check function for ListObjects/ListUsers candidates: every call shares one session, so the
   * candidates' common sub-problems are evaluated once and their reads are batched together.
   * Requests are trusted (built by the engine, not the client); their own contextual tuples and
   * context are ignored in favour of `request`'s. Throws the outcome's error when undecidable.
   */
  candidateChecker(reader: TupleReader, request: SessionRequest, options: RequestOptions = {}): (candidate: CheckRequest) => Promise<boolean> {
    const session = this.openSession(reader, request, options);
    return async (candidate) => {
      const object = parseObject(candidate.object);
      const user = parseUser(candidate.user);
      if (!object || !user) throw new ValidationError(ErrorCode.ValidationError, `invalid candidate '${preview(candidate.object)}#${preview(candidate.relation)}@${preview(candidate.user)}'`);
      const outcome = await session.check(object, candidate.relation, user);
      if (outcome.error) throw outcome.error;
      return outcome.allowed;
    };
  }

  /** Throws 2027/2000 when a contextual tuple is not valid for the model (as a Write would). */
  validateContextualTuples(tuples: readonly TupleKey[] = []): void {
    for (const [i, t] of tuples.entries()) {
      validateContextualTuple(this.model, t);
      validateContext(t.condition?.context, `contextual_tuples[${i}].condition.context`, tupleContextLimits);
    }
  }

  private validateCheck(request: CheckRequest): UserRef {
    validateRequestTuple(this.model, request);
    validateContext(request.context, 'context', this.contextLimits);
    this.validateContextualTuples(request.contextualTuples);
    return parseUser(request.user) as UserRef;
  }
}

/** `result` with `expiresAt` when the evaluation read an expiring tuple. */
function withExpiry<T extends object>(result: T, expiresAt: number | undefined): T & { expiresAt?: number } {
  return expiresAt === undefined ? result : { ...result, expiresAt };
}

function requestSignal(options: RequestOptions): AbortSignal | undefined {
  // Past Node's timer limit (2^31-1 ms) a timeout fires at once: such a bound never applies.
  if (options.timeoutMs === undefined || options.timeoutMs > 2 ** 31 - 1) return options.signal;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}
