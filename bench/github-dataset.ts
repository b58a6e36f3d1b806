// A seeded GitHub-like multi-tenant dataset for schema-examples/github (issue 18): organizations
// -> repositories -> folders nested up to 5 levels -> documents; teams nested up to 5 levels;
// roles granted to users and teams at every level. Check cases carry their expected answer and
// the length (in tuples) of their shortest granting path, both computed by a reference walk
// written here apart from the engine, so that the bench cross-checks Relata against it.
import type { TupleKey } from '../src/model/index.js';
import { SeededRandom } from './lib/random.js';

export type GithubSize = '10k' | '100k' | '1m';

export interface GithubShape {
  orgs: number;
  reposPerOrg: number;
  foldersPerRepo: number;
  docsPerFolder: number;
  usersPerOrg: number;
  teamsPerOrg: number;
  usersPerTeam: number;
}

export const githubSizes: Record<GithubSize, GithubShape> = {
  '10k': { orgs: 2, reposPerOrg: 10, foldersPerRepo: 12, docsPerFolder: 28, usersPerOrg: 200, teamsPerOrg: 25, usersPerTeam: 8 },
  '100k': { orgs: 20, reposPerOrg: 10, foldersPerRepo: 12, docsPerFolder: 28, usersPerOrg: 200, teamsPerOrg: 25, usersPerTeam: 8 },
  '1m': { orgs: 200, reposPerOrg: 10, foldersPerRepo: 12, docsPerFolder: 28, usersPerOrg: 200, teamsPerOrg: 25, usersPerTeam: 8 },
};

/** Nesting depth of the deepest folders and teams. */
export const maxNesting = 5;

export interface GithubCheck {
  object: string;
  relation: string;
  user: string;
  expected: boolean;
  /** Tuples on the shortest granting path (allowed), or the depth of the document's folder (denied). */
  pathTuples: number;
  folderDepth: number;
}

export interface GithubDataset {
  tuples: TupleKey[];
  /** Allowed with a path of ≤ 2 tuples, and denied on documents of top-level folders: half each. */
  short: GithubCheck[];
  /** Allowed with a path of ≥ 5 tuples, and denied on documents nested ≥ 4 folders deep: half each. */
  long: GithubCheck[];
  /** Any path length, half allowed: the mix of the issue. */
  mixed: GithubCheck[];
}

/** The relations of one object: direct users and granted team ids, and its parents by tupleset. */
interface Node {
  users: Map<string, Set<string>>;
  teams: Map<string, string[]>;
  parents: Map<string, string[]>;
}

class Graph {
  readonly nodes = new Map<string, Node>();
  readonly tuples: TupleKey[] = [];

  private node(object: string): Node {
    let n = this.nodes.get(object);
    if (!n) {
      n = { users: new Map(), teams: new Map(), parents: new Map() };
      this.nodes.set(object, n);
    }
    return n;
  }

  private static push<V>(map: Map<string, V[]>, key: string, value: V): boolean {
    const list = map.get(key);
    if (list?.includes(value)) return false;
    if (list) list.push(value);
    else map.set(key, [value]);
    return true;
  }

  grantUser(object: string, relation: string, user: string): void {
    const n = this.node(object);
    let set = n.users.get(relation);
    if (!set) n.users.set(relation, (set = new Set()));
    if (set.has(user)) return;
    set.add(user);
    this.tuples.push({ object, relation, user: `user:${user}` });
  }

  grantTeam(object: string, relation: string, team: string): void {
    if (Graph.push(this.node(object).teams, relation, team)) this.tuples.push({ object, relation, user: `team:${team}#member` });
  }

  link(object: string, relation: string, parent: string): void {
    if (Graph.push(this.node(object).parents, relation, parent)) this.tuples.push({ object, relation, user: parent });
  }
}

/**
 * The reference walk: shortest granting path in tuples (Infinity when denied), the model's
 * rewrites spelled out by hand. The data is acyclic, so memoizing per (object, relation) is exact.
 */
class ReferenceWalk {
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly graph: Graph,
    private readonly user: string,
  ) {}

  private direct(object: string, relation: string): number {
    const n = this.graph.nodes.get(object);
    if (!n) return Infinity;
    let best = n.users.get(relation)?.has(this.user) ? 1 : Infinity;
    for (const team of n.teams.get(relation) ?? []) best = Math.min(best, 1 + this.path(`team:${team}`, 'member'));
    return best;
  }

  private from(object: string, tupleset: string, relation: string): number {
    let best = Infinity;
    for (const parent of this.graph.nodes.get(object)?.parents.get(tupleset) ?? []) best = Math.min(best, 1 + this.path(parent, relation));
    return best;
  }

  path(object: string, relation: string): number {
    const key = `${object}#${relation}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const type = object.slice(0, object.indexOf(':'));
    const d = this.direct(object, relation);
    let result: number;
    switch (`${type}#${relation}`) {
      case 'team#member':
      case 'organization#owner':
        result = d;
        break;
      case 'organization#member':
        result = Math.min(d, this.path(object, 'owner'));
        break;
      case 'repository#admin':
        result = Math.min(d, this.from(object, 'organization', 'owner'));
        break;
      case 'repository#writer':
        result = Math.min(d, this.path(object, 'admin'));
        break;
      case 'repository#reader':
        result = Math.min(d, this.path(object, 'writer'), this.from(object, 'organization', 'member'));
        break;
      case 'folder#writer':
        result = Math.min(d, this.from(object, 'parent', 'writer'), this.from(object, 'repository', 'writer'));
        break;
      case 'folder#reader':
        result = Math.min(d, this.path(object, 'writer'), this.from(object, 'parent', 'reader'), this.from(object, 'repository', 'reader'));
        break;
      case 'document#writer':
        result = Math.min(d, this.from(object, 'folder', 'writer'));
        break;
      case 'document#reader':
        result = Math.min(d, this.path(object, 'writer'), this.from(object, 'folder', 'reader'));
        break;
      default:
        throw new Error(`the reference walk does not know ${type}#${relation}`);
    }
    this.memo.set(key, result);
    return result;
  }
}

/** Parents for `count` items: the first `maxNesting` form one chain (depth 1..5), the rest attach at random. */
function nestedParents(rnd: SeededRandom, count: number, rootChance: number): { parent: number[]; depth: number[] } {
  const parent: number[] = [];
  const depth: number[] = [];
  for (let i = 0; i < count; i++) {
    let p = -1;
    if (i > 0 && i < maxNesting) p = i - 1;
    else if (i >= maxNesting && !rnd.chance(rootChance)) {
      p = rnd.int(i);
      if (depth[p]! >= maxNesting) p = -1;
    }
    parent.push(p);
    depth.push(p < 0 ? 1 : depth[p]! + 1);
  }
  return { parent, depth };
}

export function generateGithubDataset(shape: GithubShape, seed = 18, casesPerKind = 200): GithubDataset {
  const rnd = new SeededRandom(seed);
  const g = new Graph();
  const user = (o: number, u: number) => `o${o}u${u}`;
  const docs: { object: string; org: number; depth: number; grantees: string[] }[] = [];
  const teamMembers = new Map<string, string[]>();

  for (let o = 0; o < shape.orgs; o++) {
    const org = `organization:o${o}`;
    const randomUser = () => user(o, rnd.int(shape.usersPerOrg));
    const teams = nestedParents(rnd, shape.teamsPerOrg, 0.3);
    const team = (t: number) => `o${o}t${t}`;
    for (let t = 0; t < shape.teamsPerOrg; t++) {
      const members: string[] = [];
      for (let i = 0; i < shape.usersPerTeam; i++) {
        const u = randomUser();
        g.grantUser(`team:${team(t)}`, 'member', u);
        members.push(u);
      }
      teamMembers.set(team(t), members);
      if (teams.parent[t]! >= 0) g.grantTeam(`team:${team(teams.parent[t]!)}`, 'member', team(t));
    }
    const randomTeam = () => team(rnd.int(shape.teamsPerOrg));
    g.grantUser(org, 'owner', randomUser());
    // Organization membership through the first chain's root: users 4 teams deep are members.
    g.grantTeam(org, 'member', team(0));
    for (let i = 0; i < 5; i++) g.grantUser(org, 'member', randomUser());

    for (let r = 0; r < shape.reposPerOrg; r++) {
      const repo = `repository:o${o}r${r}`;
      g.link(repo, 'organization', org);
      g.grantUser(repo, 'admin', randomUser());
      g.grantTeam(repo, 'writer', randomTeam());
      g.grantUser(repo, 'writer', randomUser());
      g.grantTeam(repo, 'reader', randomTeam());
      for (let i = 0; i < 2; i++) g.grantUser(repo, 'reader', randomUser());
      const folders = nestedParents(rnd, shape.foldersPerRepo, 0.25);
      for (let f = 0; f < shape.foldersPerRepo; f++) {
        const folder = `folder:o${o}r${r}f${f}`;
        const p = folders.parent[f]!;
        if (p < 0) g.link(folder, 'repository', repo);
        else g.link(folder, 'parent', `folder:o${o}r${r}f${p}`);
        if (rnd.chance(0.3)) g.grantTeam(folder, 'reader', randomTeam());
        if (rnd.chance(0.2)) g.grantUser(folder, 'writer', randomUser());
        if (rnd.chance(0.2)) g.grantUser(folder, 'reader', randomUser());
        for (let d = 0; d < shape.docsPerFolder; d++) {
          const doc = `document:o${o}r${r}f${f}d${d}`;
          g.link(doc, 'folder', folder);
          const grantees: string[] = [];
          if (rnd.chance(0.2)) {
            const u = randomUser();
            g.grantUser(doc, 'reader', u);
            grantees.push(u);
          }
          if (rnd.chance(0.05)) {
            const u = randomUser();
            g.grantUser(doc, 'writer', u);
            grantees.push(u);
          }
          if (rnd.chance(0.05)) {
            const t = randomTeam();
            g.grantTeam(doc, 'reader', t);
            grantees.push(rnd.pick(teamMembers.get(t)!));
          }
          docs.push({ object: doc, org: o, depth: folders.depth[f]!, grantees });
        }
      }
    }
  }

  const short: GithubCheck[] = [];
  const long: GithubCheck[] = [];
  const mixed: GithubCheck[] = [];
  const half = casesPerKind / 2;
  const count = (list: GithubCheck[], allowed: boolean) => list.filter((c) => c.expected === allowed).length;
  const full = (list: GithubCheck[]) => count(list, true) >= half && count(list, false) >= half;
  for (let attempt = 0; attempt < 2_000_000 && !(full(short) && full(long) && full(mixed)); attempt++) {
    const doc = rnd.pick(docs);
    const relation = rnd.chance(0.8) ? 'reader' : 'writer';
    // A third of the users come from the document's own grants, so that short paths turn up.
    const u = doc.grantees.length > 0 && rnd.chance(0.33) ? rnd.pick(doc.grantees) : user(rnd.chance(0.9) ? doc.org : rnd.int(shape.orgs), rnd.int(shape.usersPerOrg));
    const tuples = new ReferenceWalk(g, u).path(doc.object, relation);
    const expected = tuples !== Infinity;
    const c: GithubCheck = { object: doc.object, relation, user: `user:${u}`, expected, pathTuples: expected ? tuples : doc.depth, folderDepth: doc.depth };
    const take = (list: GithubCheck[]) => {
      if (count(list, expected) < half) list.push(c);
    };
    take(mixed);
    if (expected ? tuples <= 2 : doc.depth === 1) take(short);
    if (expected ? tuples >= 5 : doc.depth >= 4) take(long);
  }
  return { tuples: g.tuples, short, long, mixed };
}
