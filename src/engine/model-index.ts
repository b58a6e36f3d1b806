// The lookups the evaluator needs on every step, computed once per model: a relation's rewrite,
// its direct type restrictions, tupleset relations, and which relations sit on a cycle of the
// relation graph (those are never shared between evaluation paths, see check-session.ts).

import type { AuthorizationModel, RelationReference, Userset } from '../model/index.js';
import { TypeSystem, hasKey, ownValue, stronglyConnected } from '../model/index.js';
import type { UserTypeFilter } from './read/tuple-reader.js';

export interface DirectRestriction {
  type: string;
  /** '' for plain objects and wildcards. */
  relation: string;
  wildcard: boolean;
  /** '' when the restriction carries no condition. */
  condition: string;
}

export class ModelIndex {
  readonly model: AuthorizationModel;
  readonly schemaVersion: string;
  private readonly rewrites = new Map<string, Map<string, Userset>>();
  // Looked up on every step of a Check: keyed by type, then relation, so that no key string is
  // built per lookup.
  private readonly restrictions = new PairMap<DirectRestriction[]>();
  private readonly tuplesets = new Set<string>();
  private readonly cyclic = new PairMap<true>();
  /** `type#relation` -> the `type#relation` nodes its evaluation may visit next. */
  private readonly edges = new Map<string, Set<string>>();
  /** canReach answers: type, relation, then `userType#userRelation`. */
  private readonly reach = new PairMap<Map<string, boolean>>();
  private readonly nodeReach = new Map<string, boolean>();
  private types: TypeSystem | undefined;
  private readonly filters = new PairMap<UserTypeFilter[]>();
  private readonly flatDirect = new PairMap<boolean>();
  private readonly nestedMembership = new PairMap<boolean>();
  private nested: { type: string; relation: string }[] | undefined;
  private readonly conditionFree = new Map<string, boolean>();

  constructor(model: AuthorizationModel) {
    this.model = model;
    this.schemaVersion = model.schema_version;
    for (const def of model.type_definitions) {
      const relations = new Map<string, Userset>();
      this.rewrites.set(def.type, relations);
      for (const [name, rewrite] of Object.entries(def.relations ?? {})) {
        relations.set(name, rewrite);
        const refs = ownValue(def.metadata?.relations, name)?.directly_related_user_types ?? [];
        this.restrictions.set(def.type, name, refs.map(toRestriction));
        collectTuplesets(rewrite, (tupleset) => this.tuplesets.add(`${def.type}#${tupleset}`));
      }
    }
    this.markCyclicRelations();
  }

  /** The model layer's type system (shared tuple validation rules), built on first use. */
  get typeSystem(): TypeSystem {
    this.types ??= new TypeSystem(this.model);
    return this.types;
  }

  hasType(type: string): boolean {
    return this.rewrites.has(type);
  }

  hasRelation(type: string, relation: string): boolean {
    return this.rewrites.get(type)?.has(relation) ?? false;
  }

  rewrite(type: string, relation: string): Userset | undefined {
    return this.rewrites.get(type)?.get(relation);
  }

  /** The relations defined on a type, in model order. */
  relationNames(type: string): string[] {
    return [...(this.rewrites.get(type)?.keys() ?? [])];
  }

  directRestrictions(type: string, relation: string): readonly DirectRestriction[] {
    return this.restrictions.get(type, relation) ?? [];
  }

  /** True when `relation` is used as the tupleset of a `X from relation` rewrite on `type`. */
  isTuplesetRelation(type: string, relation: string): boolean {
    return this.tuplesets.has(`${type}#${relation}`);
  }

  /** True when `type#relation` can reach itself in the relation graph (recursive relation). */
  isCyclic(type: string, relation: string): boolean {
    return this.cyclic.get(type, relation) === true;
  }

  /**
   * True for `type#relation: [plain types..., type#relation]` with no other rewrite: membership
   * that nests only through itself, which Check answers by walking up from the user.
   */
  isNestedMembership(type: string, relation: string): boolean {
    let nested = this.nestedMembership.get(type, relation);
    if (nested === undefined) this.nestedMembership.set(type, relation, (nested = this.computeNestedMembership(type, relation)));
    return nested;
  }

  private computeNestedMembership(type: string, relation: string): boolean {
    const rewrite = this.rewrite(type, relation);
    if (!rewrite || !('this' in rewrite)) return false;
    let self = false;
    for (const r of this.directRestrictions(type, relation)) {
      if (r.relation === '') continue;
      if (r.type !== type || r.relation !== relation) return false;
      self = true;
    }
    return self;
  }

  /** Every `type#relation` that isNestedMembership, in model order. */
  nestedMemberships(): readonly { type: string; relation: string }[] {
    if (!this.nested) {
      this.nested = [];
      for (const [type, relations] of this.rewrites) for (const relation of relations.keys()) if (this.isNestedMembership(type, relation)) this.nested.push({ type, relation });
    }
    return this.nested;
  }

  /** The relation's type restrictions as read filters, so that a read returns only usable tuples. */
  readFilters(type: string, relation: string): readonly UserTypeFilter[] {
    let filters = this.filters.get(type, relation);
    if (!filters) {
      const seen = new Set<string>();
      filters = [];
      for (const r of this.directRestrictions(type, relation)) {
        if (seen.has(`${r.type}#${r.relation}`)) continue;
        seen.add(`${r.type}#${r.relation}`);
        filters.push({ userType: r.type, userRelation: r.relation });
      }
      this.filters.set(type, relation, filters);
    }
    return filters;
  }

  /** True for `type#relation: [plain types and wildcards only]`: membership is one tuple away. */
  isFlatDirect(type: string, relation: string): boolean {
    let flat = this.flatDirect.get(type, relation);
    if (flat === undefined) {
      const rewrite = this.rewrite(type, relation);
      flat = rewrite !== undefined && 'this' in rewrite && this.directRestrictions(type, relation).every((r) => r.relation === '');
      this.flatDirect.set(type, relation, flat);
    }
    return flat;
  }

  hasCondition(name: string): boolean {
    return hasKey(this.model.conditions, name);
  }

  /**
   * Whether a stored tuple's user fits the relation's current type restrictions. Tuples written
   * under an older model may not (OpenFGA ignores them on read rather than failing).
   */
  allowsUser(type: string, relation: string, userType: string, userId: string, userRelation: string, condition: string): boolean {
    const wildcard = userId === '*' && userRelation === '';
    for (const r of this.directRestrictions(type, relation)) {
      if (r.type !== userType || r.relation !== userRelation || r.wildcard !== wildcard) continue;
      if (r.condition === condition) return true;
    }
    return false;
  }

  /**
   * Whether `type#relation` can ever include users of `userType` (plain objects and wildcards when
   * `userRelation` is '', else usersets `userType:x#userRelation`): lets Check skip whole branches.
   */
  canReach(type: string, relation: string, userType: string, userRelation: string): boolean {
    let answers = this.reach.get(type, relation);
    if (!answers) this.reach.set(type, relation, (answers = new Map()));
    // Plain users (the usual question) are keyed by their type alone: no string is built for them.
    const userKey = userRelation === '' ? userType : `${userType}#${userRelation}`;
    const cached = answers.get(userKey);
    if (cached !== undefined) return cached;
    const target = `${userType}#${userRelation}`;
    const seen = new Set<string>();
    const stack = [`${type}#${relation}`];
    let found = false;
    while (stack.length > 0 && !found) {
      const node = stack.pop() as string;
      if (seen.has(node)) continue;
      seen.add(node);
      if (userRelation !== '' && node === target) found = true;
      const hash = node.indexOf('#');
      for (const r of this.directRestrictions(node.slice(0, hash), node.slice(hash + 1))) {
        if (r.type === userType && r.relation === userRelation) found = true;
      }
      for (const next of this.edges.get(node) ?? []) stack.push(next);
    }
    answers.set(userKey, found);
    return found;
  }

  /** Whether evaluating node `from` (`type#relation`) may lead to node `to`, itself included. */
  reachesNode(from: string, to: string): boolean {
    const cacheKey = `${from}>${to}`;
    const cached = this.nodeReach.get(cacheKey);
    if (cached !== undefined) return cached;
    const seen = new Set<string>();
    const stack = [from];
    let found = false;
    while (stack.length > 0 && !found) {
      const node = stack.pop() as string;
      if (node === to) found = true;
      if (seen.has(node)) continue;
      seen.add(node);
      for (const next of this.edges.get(node) ?? []) stack.push(next);
    }
    this.nodeReach.set(cacheKey, found);
    return found;
  }

  /**
   * True when no tuple that `type#relation`'s evaluation may read can carry a condition (its own
   * and its tuplesets' restrictions, on every relation it may reach): its answer then depends on
   * the stored tuples only, never on a request's context.
   */
  isConditionFree(type: string, relation: string): boolean {
    const start = `${type}#${relation}`;
    const cached = this.conditionFree.get(start);
    if (cached !== undefined) return cached;
    const seen = new Set<string>();
    const stack = [start];
    let free = true;
    while (stack.length > 0 && free) {
      const node = stack.pop() as string;
      if (seen.has(node)) continue;
      seen.add(node);
      const hash = node.indexOf('#');
      const nodeType = node.slice(0, hash);
      const rewrite = this.rewrite(nodeType, node.slice(hash + 1));
      const read = [node.slice(hash + 1)];
      if (rewrite) collectTuplesets(rewrite, (tupleset) => read.push(tupleset));
      for (const name of read) if (this.directRestrictions(nodeType, name).some((r) => r.condition !== '')) free = false;
      for (const next of this.edges.get(node) ?? []) stack.push(next);
    }
    this.conditionFree.set(start, free);
    return free;
  }

  /** A node is cyclic when it lies on a cycle of the relation graph (its strongly connected component). */
  private markCyclicRelations(): void {
    const edges = this.edges;
    for (const [type, relations] of this.rewrites) {
      for (const [name, rewrite] of relations) {
        const out = new Set<string>();
        for (const r of this.directRestrictions(type, name)) if (r.relation) out.add(`${r.type}#${r.relation}`);
        this.collectEdges(type, rewrite, out);
        edges.set(`${type}#${name}`, out);
      }
    }
    for (const node of stronglyConnected(edges.keys(), (node) => edges.get(node) ?? []).cyclic) {
      const hash = node.indexOf('#');
      this.cyclic.set(node.slice(0, hash), node.slice(hash + 1), true);
    }
  }

  private collectEdges(type: string, rewrite: Userset, out: Set<string>): void {
    if ('computedUserset' in rewrite) {
      if (rewrite.computedUserset.relation) out.add(`${type}#${rewrite.computedUserset.relation}`);
    } else if ('tupleToUserset' in rewrite) {
      const tupleset = rewrite.tupleToUserset.tupleset.relation ?? '';
      const computed = rewrite.tupleToUserset.computedUserset.relation ?? '';
      for (const r of this.directRestrictions(type, tupleset)) out.add(`${r.type}#${computed}`);
    } else if ('difference' in rewrite) {
      this.collectEdges(type, rewrite.difference.base, out);
      this.collectEdges(type, rewrite.difference.subtract, out);
    } else {
      for (const child of childrenOf(rewrite)) this.collectEdges(type, child, out);
    }
  }
}

export function childrenOf(rewrite: Userset): Userset[] {
  if ('union' in rewrite) return rewrite.union.child;
  if ('intersection' in rewrite) return rewrite.intersection.child;
  return [];
}

function toRestriction(ref: RelationReference): DirectRestriction {
  return { type: ref.type, relation: ref.relation ?? '', wildcard: ref.wildcard !== undefined, condition: ref.condition ?? '' };
}

function collectTuplesets(rewrite: Userset, add: (relation: string) => void): void {
  if ('tupleToUserset' in rewrite) {
    if (rewrite.tupleToUserset.tupleset.relation) add(rewrite.tupleToUserset.tupleset.relation);
  } else if ('difference' in rewrite) {
    collectTuplesets(rewrite.difference.base, add);
    collectTuplesets(rewrite.difference.subtract, add);
  } else {
    for (const child of childrenOf(rewrite)) collectTuplesets(child, add);
  }
}

/** A map keyed by (type, relation) without building a key string per lookup. */
class PairMap<V> {
  private readonly byType = new Map<string, Map<string, V>>();

  get(type: string, relation: string): V | undefined {
    return this.byType.get(type)?.get(relation);
  }

  set(type: string, relation: string, value: V): void {
    let byRelation = this.byType.get(type);
    if (!byRelation) this.byType.set(type, (byRelation = new Map()));
    byRelation.set(relation, value);
  }
}
