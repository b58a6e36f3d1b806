// The closure index on the memory backend: computed on demand from the forward index (a walk
// in memory costs no round trip), with the same answers as the SQL table, including
// `undefined` while a kind of edge has edges that the index leaves out (closure-edges.ts).
import type { ClosureEdge, TupleReader } from '../../engine/index.js';
import type { TupleColumns } from '../tuple-columns.js';
import { isIndexedEdge } from '../closure-edges.js';

/** The forward lookup the walk needs: tuples of `type:id#relation`. */
export type ForwardLookup = (objectType: string, relation: string, objectId: string) => Iterable<TupleColumns>;

/** Ids reached from `start` through one or more indexed edges of `edge`. */
export function reachFrom(forward: ForwardLookup, edge: ClosureEdge, start: string): string[] {
  const reached = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const t of forward(edge.objectType, edge.relation, id)) {
      if (t.userType !== edge.objectType || t.userRelation !== edge.userRelation || !isIndexedEdge(t)) continue;
      if (reached.has(t.userId)) continue;
      reached.add(t.userId);
      stack.push(t.userId);
    }
  }
  return [...reached];
}

/** The reverse lookup the membership walk needs: tuples naming `type:id#userRelation` as their user. */
export type ReverseLookup = (objectType: string, relation: string, userType: string, userRelation: string, userId: string) => Iterable<TupleColumns>;

/** Ids that reach `target` through one or more indexed edges of `edge` (the groups nesting it). */
export function reachTo(reverse: ReverseLookup, edge: ClosureEdge, target: string): string[] {
  const reached = new Set<string>();
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const t of reverse(edge.objectType, edge.relation, edge.objectType, edge.userRelation, id)) {
      if (!isIndexedEdge(t) || reached.has(t.objectId)) continue;
      reached.add(t.objectId);
      stack.push(t.objectId);
    }
  }
  return [...reached];
}

/** A reader without the closure methods: the walk alone (what RELATA_CLOSURE_INDEX=off gives the engine). */
export function withoutClosure(reader: TupleReader): TupleReader {
  const plain: TupleReader = {
    readByObjects: (query) => reader.readByObjects(query),
    readByUsers: (query) => reader.readByUsers(query),
  };
  if (reader.readRelationsByObjects) plain.readRelationsByObjects = reader.readRelationsByObjects.bind(reader);
  if (reader.readManyByObjects) plain.readManyByObjects = reader.readManyByObjects.bind(reader);
  if (reader.readManyByUsers) plain.readManyByUsers = reader.readManyByUsers.bind(reader);
  if (reader.readLevel) plain.readLevel = reader.readLevel.bind(reader);
  return plain;
}
