// Which tuples the closure index (Leopard, issue 18) is about, decided once for every backend.
// A recursive edge is a tuple whose user is an object of the object's own type, plain
// (`folder:a#parent@folder:b`) or the same relation's userset (`team:a#member@team:b#member`).
// Only the edges that hold until a write removes them are in the closure; the others of each
// kind are counted, and a kind with any is answered by walking the graph.
import type { ClosureEdge } from '../engine/index.js';
import type { TupleColumns } from './tuple-columns.js';

export function isRecursiveEdge(t: TupleColumns): boolean {
  return t.userType === t.objectType && (t.userRelation === '' || t.userRelation === t.relation);
}

/**
 * A recursive edge the closure may hold: no condition (it could stop holding with the request's
 * context), no expiry (it stops holding at an instant, with no write) and no wildcard user.
 */
export function isIndexedEdge(t: TupleColumns): boolean {
  return isRecursiveEdge(t) && !t.conditionName && t.expiresAt === undefined && t.userId !== '*';
}

export function edgeOf(t: TupleColumns): ClosureEdge {
  return { objectType: t.objectType, relation: t.relation, userRelation: t.userRelation };
}

export function edgeKey(edge: ClosureEdge): string {
  return `${edge.objectType}\u0000${edge.relation}\u0000${edge.userRelation}`;
}
