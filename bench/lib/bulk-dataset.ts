// The dataset of the bulk-import benches (bench/bulk-import.ts, bench/bulk-import-phases.ts): a
// model of groups, folders and documents, and a deterministic mix of distinct tuples.
import { transformDslToModel } from '../../src/dsl/index.js';
import type { TupleKey } from '../../src/model/index.js';

export const bulkModel = transformDslToModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, group#member]
type doc
  relations
    define parent: [folder]
    define viewer: [user, group#member] or viewer from parent
`);

/** The i-th tuple: memberships, folder grants, parents and direct grants in turn, all distinct. */
export function bulkTupleAt(i: number): TupleKey {
  const kind = i % 4;
  if (kind === 0) return { user: `user:u${i}`, relation: 'member', object: `group:g${Math.floor(i / 4) % 20_000}` };
  if (kind === 1) return { user: `group:g${i % 20_000}#member`, relation: 'viewer', object: `folder:f${Math.floor(i / 4)}` };
  if (kind === 2) return { user: `folder:f${i % 50_000}`, relation: 'parent', object: `doc:d${Math.floor(i / 4)}` };
  return { user: `user:u${i % 100_000}`, relation: 'viewer', object: `doc:d${Math.floor(i / 4)}` };
}
