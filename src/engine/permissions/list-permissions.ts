// Permission snapshots: every (object, relation) a user has on some object types, and every
// relation a user has on one object. A snapshot is one reverse walk (list-objects-expand.ts)
// from the user towards every listed type#relation at once, so each edge is read once for all of
// them, and its candidates are decided by one Check session. The answer is sorted so that it can
// be paged from a pinned snapshot exactly as ListObjectsPage pages objects.
import type { TupleKey } from '../../model/index.js';
import { ErrorCode, ValidationError, preview } from '../../model/index.js';
import type { CheckRequest } from '../api.js';
import type { ConditionEvaluator } from '../conditions/condition-port.js';
import type { ModelIndex } from '../model-index.js';
import { ContextualTupleReader } from '../read/contextual-reader.js';
import type { TupleReader } from '../read/tuple-reader.js';
import { requireIdentifierText } from '../request-validation.js';
import type { ListOptions } from '../list/list-limits.js';
import { collectListTargets } from '../list/list-objects.js';
import type { SortedAnswer } from '../list/list-objects-page.js';
import { validateListObjectsRequest } from '../list/list-validate.js';
import type { ReverseGraph } from '../list/reverse-graph.js';

/** Most (type, relation) pairs one snapshot may list. */
export const maxPermissionTargets = 1000;
/** Most entries in `types` or `relations`. */
export const maxPermissionFilters = 100;

export interface ListPermissionsRequest {
  user: string;
  /** Object types to list; empty or absent = every type. */
  types?: readonly string[];
  /** Relations to list on each type that defines them; empty or absent = every relation. */
  relations?: readonly string[];
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface PermissionsDeps {
  index: ModelIndex;
  graph: ReverseGraph;
  conditions: ConditionEvaluator;
  /** Check for candidates over `reader`, one session for the whole snapshot. */
  openCheck: (reader: TupleReader, context: Record<string, unknown> | undefined) => (candidate: CheckRequest) => Promise<boolean>;
}

/** `type:id#relation`, the key a snapshot sorts and pages by (ids and relations never hold '#'). */
export function permissionKey(object: string, relation: string): string {
  return `${object}#${relation}`;
}

export function splitPermissionKey(key: string): { object: string; relation: string } {
  const hash = key.lastIndexOf('#');
  return { object: key.slice(0, hash), relation: key.slice(hash + 1) };
}

function filterList(values: readonly string[] | undefined, field: string): string[] {
  const list = [...new Set(values ?? [])];
  if (list.length > maxPermissionFilters) throw new ValidationError(ErrorCode.ValidationError, `invalid '${field}' value: at most ${maxPermissionFilters} entries`);
  for (const value of list) {
    if (!value) throw new ValidationError(ErrorCode.ValidationError, `invalid '${field}' value: entries must not be empty`);
    requireIdentifierText(value, field);
  }
  return list;
}

/** The (type, relation) pairs a snapshot lists; unknown types and relations are errors (2021 / 2022). */
export function permissionTargets(index: ModelIndex, types: readonly string[] | undefined, relations: readonly string[] | undefined): { type: string; relation: string }[] {
  const typeList = filterList(types, 'types');
  const relationList = filterList(relations, 'relations');
  for (const type of typeList) if (!index.hasType(type)) throw new ValidationError(ErrorCode.TypeNotFound, `type '${preview(type)}' in 'types' not found`);
  const listed = typeList.length > 0 ? typeList : index.model.type_definitions.map((d) => d.type);
  for (const relation of relationList) {
    if (!listed.some((type) => index.hasRelation(type, relation))) {
      throw new ValidationError(ErrorCode.RelationNotFound, `relation '${preview(relation)}' in 'relations' is defined on none of the listed types`);
    }
  }
  const targets = listed.flatMap((type) => (relationList.length > 0 ? relationList.filter((r) => index.hasRelation(type, r)) : index.relationNames(type)).map((relation) => ({ type, relation })));
  if (targets.length > maxPermissionTargets) {
    throw new ValidationError(ErrorCode.ValidationError, `the snapshot would list ${targets.length} type#relation pairs (at most ${maxPermissionTargets}): narrow 'types' or 'relations'`);
  }
  return targets;
}

/**
 * The whole snapshot, sorted by `type:id#relation` (condition failures keyed the same way). The
 * deadline (`options.deadlineMs`, default 3 s) is for the whole snapshot (one walk).
 */
export async function listPermissionsSorted(deps: PermissionsDeps, reader: TupleReader, request: ListPermissionsRequest, options: ListOptions = {}): Promise<SortedAnswer> {
  const targets = permissionTargets(deps.index, request.types, request.relations);
  // The user, context and contextual tuples are validated once, as ListObjects validates them.
  const probe = targets[0] ?? firstTarget(deps.index);
  const source = probe ? validateListObjectsRequest(deps.index, { ...request, ...probe }) : undefined;
  if (targets.length === 0 || !source) return { objects: [], conditionFailures: [], truncated: false };
  // Candidates are checked by one session for the whole snapshot (its request reader remembers
  // what it read); the walk layers the contextual tuples over `reader` itself.
  const overlay = request.contextualTuples?.length ? new ContextualTupleReader(reader, request.contextualTuples) : reader;
  const check = deps.openCheck(overlay, request.context);
  const listDeps = { index: deps.index, reader, graph: deps.graph, conditions: deps.conditions, openCheck: () => check };
  const result = await collectListTargets(listDeps, { targets, user: request.user, context: request.context, contextualTuples: request.contextualTuples }, source, {
    ...options,
    maxResults: 0,
  });
  const keys: string[] = [];
  for (const [i, objects] of result.objects.entries()) for (const object of objects) keys.push(permissionKey(object, targets[i].relation));
  const failures = result.conditionFailures.map((failure) => ({ object: permissionKey(failure.object, targets[failure.target].relation), error: failure.error }));
  keys.sort(compare);
  failures.sort((a, b) => compare(a.object, b.object));
  return { objects: keys, conditionFailures: failures, truncated: result.truncated };
}

function firstTarget(index: ModelIndex): { type: string; relation: string } | undefined {
  for (const def of index.model.type_definitions) {
    const relation = index.relationNames(def.type)[0];
    if (relation) return { type: def.type, relation };
  }
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
