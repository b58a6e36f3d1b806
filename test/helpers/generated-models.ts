// Generated models for the model-analysis tests: shapes on which a path-walking analysis is
// exponential or quadratic (chains sharing sub-graphs, wide unions, deep nesting), and small
// random models for comparing an analysis with a reference implementation.
import type { AuthorizationModel, RelationMetadata, TypeDefinition, Userset } from '../../src/model/index.js';

const self: Userset = { this: {} };
const cu = (relation: string): Userset => ({ computedUserset: { relation } });
const user = [{ type: 'user' }];

function typeDef(type: string, relations: Record<string, [Userset, RelationMetadata['directly_related_user_types']]>): TypeDefinition {
  return {
    type,
    relations: Object.fromEntries(Object.entries(relations).map(([name, [rewrite]]) => [name, rewrite])),
    metadata: { relations: Object.fromEntries(Object.entries(relations).map(([name, [, refs]]) => [name, { directly_related_user_types: refs ?? [] }])) },
  };
}

const model = (...types: TypeDefinition[]): AuthorizationModel => ({ schema_version: '1.1', type_definitions: [{ type: 'user' }, ...types] });

/** `r0, r1: [user]`, `r_i: r_(i-1) or r_(i-2)` (`and` with `op: 'intersection'`). */
export function fibonacciChain(n: number, op: 'union' | 'intersection' = 'union'): AuthorizationModel {
  const relations: Record<string, [Userset, RelationMetadata['directly_related_user_types']]> = { r0: [self, user], r1: [self, user] };
  for (let i = 2; i < n; i++) {
    const child = [cu(`r${i - 1}`), cu(`r${i - 2}`)];
    relations[`r${i}`] = [op === 'union' ? { union: { child } } : { intersection: { child } }, []];
  }
  return model(typeDef('doc', relations));
}

/** Like fibonacciChain, but `r0: r_(n-1)`: no relation has an entry, and the search loops everywhere. */
export function fibonacciLoop(n: number): AuthorizationModel {
  const m = fibonacciChain(n);
  const doc = m.type_definitions[1]!;
  doc.relations!.r0 = cu(`r${n - 1}`);
  doc.relations!.r1 = cu('r0');
  doc.metadata!.relations!.r0 = { directly_related_user_types: [] };
  doc.metadata!.relations!.r1 = { directly_related_user_types: [] };
  return m;
}

/** `n` relations `r_i: [user] or r_(i-1)`, `perType` per type (types `doc0`, `doc1`, ...). */
export function userChain(n: number, perType = n): AuthorizationModel {
  const types: TypeDefinition[] = [];
  for (let t = 0; t * perType < n; t++) {
    const relations: Record<string, [Userset, RelationMetadata['directly_related_user_types']]> = {};
    for (let i = 0; i < Math.min(perType, n - t * perType); i++) relations[`r${i}`] = [i === 0 ? self : { union: { child: [self, cu(`r${i - 1}`)] } }, user];
    types.push(typeDef(`doc${t}`, relations));
  }
  return model(...types);
}

/** One relation `all: r0 or r1 or ... r_(n-1)` over `n` direct relations. */
export function wideUnion(n: number): AuthorizationModel {
  const relations: Record<string, [Userset, RelationMetadata['directly_related_user_types']]> = {};
  for (let i = 0; i < n; i++) relations[`r${i}`] = [self, user];
  relations.all = [{ union: { child: Array.from({ length: n }, (_, i) => cu(`r${i}`)) } }, []];
  return model(typeDef('doc', relations));
}

/** Types `t0 ... t_(n-1)`, each `parent: [t_(i+1)]`, `viewer: [user] or viewer from parent`. */
export function ttuChain(n: number): AuthorizationModel {
  const types: TypeDefinition[] = [];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    const ttu: Userset = { tupleToUserset: { tupleset: { relation: 'parent' }, computedUserset: { relation: 'viewer' } } };
    types.push(
      typeDef(`t${i}`, {
        parent: [self, [{ type: last ? `t${i}` : `t${i + 1}` }]],
        viewer: [{ union: { child: [self, ttu] } }, user],
        editor: [self, user],
        blocked: [self, user],
      }),
    );
  }
  return model(...types);
}

/** `viewer: [user] or (editor and (viewer or (editor but not blocked ...)))`, `depth` operators deep. */
export function nestedRewrite(depth: number): AuthorizationModel {
  // A direct assignment can only come first in the DSL: the innermost operand is a relation.
  let rewrite: Userset = cu('owner');
  for (let i = 0; i < depth; i++) {
    if (i % 3 === 0) rewrite = { union: { child: [rewrite, cu('editor')] } };
    else if (i % 3 === 1) rewrite = { intersection: { child: [cu('editor'), rewrite] } };
    else rewrite = { difference: { base: rewrite, subtract: cu('blocked') } };
  }
  return model(typeDef('doc', { viewer: [{ union: { child: [self, rewrite] } }, user], owner: [self, user], editor: [self, user], blocked: [self, user] }));
}

/** A small deterministic random model (seeded), possibly invalid: for comparing analyses. */
export function randomModel(seed: number): AuthorizationModel {
  let state = seed >>> 0 || 1;
  const rand = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const typeNames = ['a', 'b', 'c'];
  const relationNames = ['r0', 'r1', 'r2', 'r3', 'r4'];
  const rewrite = (depth: number): Userset => {
    const pick = rand(depth >= 2 ? 3 : 6);
    if (pick === 0) return self;
    if (pick === 1) return cu(relationNames[rand(5)]!);
    if (pick === 2) return { tupleToUserset: { tupleset: { relation: relationNames[rand(5)]! }, computedUserset: { relation: relationNames[rand(5)]! } } };
    const child = [rewrite(depth + 1), rewrite(depth + 1)];
    if (pick === 3) return { union: { child } };
    if (pick === 4) return { intersection: { child } };
    return { difference: { base: child[0]!, subtract: child[1]! } };
  };
  const types = typeNames.map((type) => {
    const relations: Record<string, [Userset, RelationMetadata['directly_related_user_types']]> = {};
    for (const name of relationNames.slice(0, 2 + rand(4))) {
      const refs = Array.from({ length: rand(3) }, () => {
        const kind = rand(4);
        const target = typeNames[rand(3)]!;
        if (kind === 0) return { type: 'user' };
        if (kind === 1) return { type: target };
        if (kind === 2) return { type: 'user', wildcard: {} };
        return { type: target, relation: relationNames[rand(5)]! };
      });
      relations[name] = [rewrite(0), refs];
    }
    return typeDef(type, relations);
  });
  return model(...types);
}

/**
 * The DSL of `relations` relations on one type, each `r_i: [user] or r_(i-1) or r_(i-2)`: shared
 * branches; at 2,500 relations a write near the size limit (160 KB of protobuf, 450 KB of JSON).
 */
export function sharedBranchChainDsl(relations: number): string {
  const lines = ['model', '  schema 1.1', 'type user', 'type doc', '  relations', '    define r0: [user]', '    define r1: [user] or r0'];
  for (let i = 2; i < relations; i++) lines.push(`    define r${i}: [user] or r${i - 1} or r${i - 2}`);
  return `${lines.join('\n')}\n`;
}
