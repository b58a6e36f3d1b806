// relata.v1 ListPermissions (a permission snapshot: every object#relation one user has on some
// types) and ListRelations (every relation one user has on one object). ListPermissions pages
// exactly as ListObjectsPage does (list-objects-page.ts): the first page pins the store's
// revision and the model in a signed continuation token, later pages read the store as it was
// then, and a snapshot's sorted answer is kept so later pages are usually slices.
import { createHash } from 'node:crypto';
import { requestContextHash } from '../cache/cache-key.js';
import { splitPermissionKey } from '../engine/index.js';
import type { TupleKey } from '../model/index.js';
import type { ServiceContext } from './context.js';
import { openQuery } from './engine-access.js';
import { snapshotPage } from './list-objects-page.js';
import type { QueryOptions } from './types.js';


export interface ListPermissionsInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  user: string;
  /** Object types to list; empty = every type. */
  types?: readonly string[];
  /** Relations to list; empty = every relation. */
  relations?: readonly string[];
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
  /** 1..1000; 0 or absent = 100. */
  pageSize?: number;
  continuationToken?: string;
}

export interface PermissionFailure {
  object: string;
  relation: string;
  message: string;
}

export interface ListPermissionsOutput {
  /** In code point order of `object#relation`. */
  permissions: { object: string; relation: string }[];
  continuationToken: string;
  revision: bigint;
  consistencyToken: string;
  conditionFailures: PermissionFailure[];
  truncated: boolean;
}

export interface ListRelationsInput extends QueryOptions {
  storeId: string;
  authorizationModelId?: string;
  object: string;
  user: string;
  relations?: readonly string[];
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface ListRelationsOutput {
  relations: string[];
  /** Relations that could not be decided: OpenFGA's error code (2000, 2002) and message. */
  failures: { relation: string; code: number; message: string }[];
}

const sortedSet = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort();

function queryDigest(input: ListPermissionsInput): string {
  const query = [input.storeId, 'permissions', input.user, sortedSet(input.types), sortedSet(input.relations), requestContextHash(input)];
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 22);
}

export async function listPermissions(ctx: ServiceContext, input: ListPermissionsInput): Promise<ListPermissionsOutput> {
  const request = { user: input.user, types: input.types, relations: input.relations, contextualTuples: input.contextualTuples, context: input.context };
  const { page, ...rest } = await snapshotPage(ctx, input, 'perm', queryDigest(input), (target, reader, options) =>
    target.engine.listPermissionsSorted(reader, request, options),
  );
  return {
    permissions: page.objects.map(splitPermissionKey),
    ...rest,
    conditionFailures: page.conditionFailures.map((failure) => ({ ...splitPermissionKey(failure.object), message: failure.error.message })),
    truncated: page.truncated,
  };
}

export async function listRelations(ctx: ServiceContext, input: ListRelationsInput): Promise<ListRelationsOutput> {
  const target = await openQuery(ctx, input);
  const request = { object: input.object ?? '', user: input.user ?? '', relations: input.relations, contextualTuples: input.contextualTuples, context: input.context };
  const result = await target.engine.listRelations(target.reader, request, { signal: target.signal });
  return { relations: result.relations, failures: result.failures.map((f) => ({ relation: f.relation, code: f.error.code, message: f.error.message })) };
}
