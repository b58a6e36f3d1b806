// A seeded, deterministic dataset for schema-examples/multi-tenant: tenants -> projects ->
// folders -> resources, users per tenant, nested groups, roles at every level, some wildcards
// and conditional grants; plus request mixes whose expected answers are known by construction.
import type { TupleKey } from '../src/model/index.js';
import { SeededRandom } from './lib/random.js';

export type PresetName = 'tiny' | 'small' | 'medium' | 'large';

export interface DatasetShape {
  tenants: number;
  projectsPerTenant: number;
  foldersPerProject: number;
  resourcesPerFolder: number;
  usersPerTenant: number;
  groupsPerTenant: number;
  usersPerGroup: number;
}

/** ~20k (smoke test), ~100k, ~1M and ~10M tuples. */
export const presets: Record<PresetName, DatasetShape> = {
  tiny: { tenants: 2, projectsPerTenant: 10, foldersPerProject: 5, resourcesPerFolder: 50, usersPerTenant: 500, groupsPerTenant: 20, usersPerGroup: 40 },
  small: { tenants: 10, projectsPerTenant: 10, foldersPerProject: 5, resourcesPerFolder: 50, usersPerTenant: 500, groupsPerTenant: 20, usersPerGroup: 40 },
  medium: { tenants: 100, projectsPerTenant: 10, foldersPerProject: 5, resourcesPerFolder: 50, usersPerTenant: 500, groupsPerTenant: 20, usersPerGroup: 40 },
  large: { tenants: 1000, projectsPerTenant: 10, foldersPerProject: 5, resourcesPerFolder: 50, usersPerTenant: 500, groupsPerTenant: 20, usersPerGroup: 40 },
};

export const CONDITION_NOW = '2026-11-25T00:00:00Z';

export interface CheckCase {
  kind: 'direct' | 'deep';
  object: string;
  relation: string;
  user: string;
  expected: boolean;
  context?: Record<string, unknown>;
}

export interface ListObjectsCase {
  label: string;
  user: string;
  type: string;
  relation: string;
  expectedCount: number;
}

export interface Dataset {
  shape: DatasetShape;
  tuples: TupleKey[];
  checks: { directAllowed: CheckCase[]; directDenied: CheckCase[]; deepAllowed: CheckCase[]; deepDenied: CheckCase[] };
  listObjects: ListObjectsCase[];
}

const ids = {
  tenant: (t: number) => `t${t}`,
  project: (t: number, p: number) => `t${t}p${p}`,
  folder: (t: number, p: number, f: number) => `t${t}p${p}f${f}`,
  resource: (t: number, p: number, f: number, r: number) => `t${t}p${p}f${f}r${r}`,
  user: (t: number, u: number) => `t${t}u${u}`,
  group: (t: number, g: number) => `t${t}g${g}`,
};

const key = (object: string, relation: string, user: string, condition?: TupleKey['condition']): TupleKey =>
  condition ? { object, relation, user, condition } : { object, relation, user };

/** The dataset with its tuples held in memory (every preset but `large` fits comfortably). */
export function generateDataset(shape: DatasetShape, seed = 42, casesPerKind = 500): Dataset {
  const tuples: TupleKey[] = [];
  const stream = generateDatasetStream(shape, seed, casesPerKind);
  for (let step = stream.next(); ; step = stream.next()) {
    if (step.done) return { ...step.value, tuples };
    tuples.push(step.value);
  }
}

/**
 * The same dataset, tuple by tuple (the `large` preset's 10M tuples as objects would take GBs):
 * yields the tuples, then returns the request mixes, which are drawn after them. Identical to
 * generateDataset's tuples and cases for the same seed.
 */
export function* generateDatasetStream(shape: DatasetShape, seed = 42, casesPerKind = 500): Generator<TupleKey, Omit<Dataset, 'tuples'>> {
  const rnd = new SeededRandom(seed);
  // Every tuple on a tenant's objects is made in that tenant's loop, and the list principals
  // after it are new users: duplicates can only meet within a tenant, so `seen` is per tenant.
  const seen = new Set<string>();
  const fresh: TupleKey[] = [];
  // Tuple identity ignores the condition (as in OpenFGA), so the first grant of a user wins.
  const add = (...keys: TupleKey[]) => {
    for (const k of keys) {
      const id = `${k.object}#${k.relation}@${k.user}`;
      if (!seen.has(id)) {
        seen.add(id);
        fresh.push(k);
      }
    }
  };
  // The owner of each resource as the user's number in its tenant, by the resource's position
  // (2.5M resources in `large`: a typed array instead of a map of strings).
  const resourceIndex = (t: number, p: number, f: number, r: number) => ((t * shape.projectsPerTenant + p) * shape.foldersPerProject + f) * shape.resourcesPerFolder + r;
  const ownerNumbers = new Uint32Array(shape.tenants * shape.projectsPerTenant * shape.foldersPerProject * shape.resourcesPerFolder);
  const publicResources = new Set<string>();

  for (let t = 0; t < shape.tenants; t++) {
    seen.clear();
    const tenant = `tenant:${ids.tenant(t)}`;
    const user = (u: number) => `user:${ids.user(t, u)}`;
    const randomUser = () => user(rnd.int(shape.usersPerTenant));
    // Groups: g0 ⊃ g1 ⊃ g2 is the nested chain used by deep checks; the rest are flat.
    for (let g = 0; g < shape.groupsPerTenant; g++) {
      const group = `group:${ids.group(t, g)}`;
      for (let i = 0; i < shape.usersPerGroup; i++) add(key(group, 'member', randomUser()));
      if (g === 1 || g === 2) add(key(`group:${ids.group(t, g - 1)}`, 'member', `${group}#member`));
    }
    // The deep-check principal of the tenant: only in g2, nothing else.
    add(key(`group:${ids.group(t, 2)}`, 'member', `user:${ids.tenant(t)}_deep`));
    add(key(tenant, 'viewer', `group:${ids.group(t, 0)}#member`));
    add(key(tenant, 'admin', randomUser()), key(tenant, 'admin', randomUser()));
    add(key(tenant, 'editor', `group:${ids.group(t, 3)}#member`));

    for (let p = 0; p < shape.projectsPerTenant; p++) {
      const project = `project:${ids.project(t, p)}`;
      add(key(project, 'tenant', tenant));
      for (let i = 0; i < 3; i++) add(key(project, 'editor', randomUser()));
      add(key(project, 'viewer', `group:${ids.group(t, 4 + (p % (shape.groupsPerTenant - 4)))}#member`));
      for (let f = 0; f < shape.foldersPerProject; f++) {
        const folder = `folder:${ids.folder(t, p, f)}`;
        add(key(folder, 'project', project));
        add(key(folder, 'viewer', randomUser()), key(folder, 'viewer', randomUser()));
        for (let r = 0; r < shape.resourcesPerFolder; r++) {
          const resource = `resource:${ids.resource(t, p, f, r)}`;
          const ownerNumber = rnd.int(shape.usersPerTenant);
          const owner = user(ownerNumber);
          ownerNumbers[resourceIndex(t, p, f, r)] = ownerNumber;
          add(key(resource, 'folder', folder), key(resource, 'owner', owner), key(resource, 'viewer', randomUser()));
          if (rnd.chance(0.1)) {
            add(key(resource, 'viewer', randomUser(), { name: 'non_expired_grant', context: { grant_time: '2026-11-01T00:00:00Z', grant_duration: rnd.chance(0.5) ? '720h' : '1h' } }));
          }
          if (rnd.chance(0.2)) add(key(resource, 'viewer', `group:${ids.group(t, 4 + rnd.int(shape.groupsPerTenant - 4))}#member`));
          if (rnd.chance(0.2)) add(key(resource, 'editor', randomUser()));
          if (rnd.chance(0.05)) add(key(resource, 'blocked', randomUser()));
          if (rnd.chance(0.001)) {
            add(key(resource, 'viewer', 'user:*'));
            publicResources.add(resource);
          }
        }
        yield* fresh;
        fresh.length = 0;
      }
    }
    yield* fresh;
    fresh.length = 0;
  }

  // List-objects principals: 10 direct grants; 4 projects; 40% of tenants.
  const resourcesPerProject = shape.foldersPerProject * shape.resourcesPerFolder;
  const resourcesPerTenant = shape.projectsPerTenant * resourcesPerProject;
  const fewResources = new Set(Array.from({ length: 10 }, (_, i) => `resource:${ids.resource(i % shape.tenants, 0, 0, i)}`));
  for (const resource of fewResources) add(key(resource, 'viewer', 'user:lo_few'));
  for (let p = 0; p < 4; p++) add(key(`project:${ids.project(0, p)}`, 'viewer', 'user:lo_medium'));
  const manyTenants = Math.max(1, Math.round(shape.tenants * 0.4));
  for (let t = 0; t < manyTenants; t++) add(key(`tenant:${ids.tenant(t)}`, 'viewer', 'user:lo_many'));
  yield* fresh;
  const inTenants = (resource: string, tenantCount: number) => Number(resource.slice('resource:t'.length, resource.indexOf('p'))) < tenantCount;
  const inProjects = (resource: string, projectCount: number) => inTenants(resource, 1) && Number(resource.slice(resource.indexOf('p') + 1, resource.indexOf('f'))) < projectCount;
  const publicOutside = (inside: (resource: string) => boolean) => [...publicResources].filter((r) => !inside(r)).length;

  const randomResource = () => {
    const t = rnd.int(shape.tenants);
    const [p, f, r] = [rnd.int(shape.projectsPerTenant), rnd.int(shape.foldersPerProject), rnd.int(shape.resourcesPerFolder)];
    return { t, object: `resource:${ids.resource(t, p, f, r)}`, owner: `user:${ids.user(t, ownerNumbers[resourceIndex(t, p, f, r)]!)}` };
  };
  const directAllowed: CheckCase[] = [];
  const directDenied: CheckCase[] = [];
  const deepAllowed: CheckCase[] = [];
  const deepDenied: CheckCase[] = [];
  while (directAllowed.length < casesPerKind) {
    const { object, owner } = randomResource();
    directAllowed.push({ kind: 'direct', object, relation: 'owner', user: owner, expected: true });
  }
  while (directDenied.length < casesPerKind) {
    const { object } = randomResource();
    const user = `user:outsider${rnd.int(1000)}`;
    directDenied.push({ kind: 'direct', object, relation: 'owner', user, expected: false });
  }
  while (deepAllowed.length < casesPerKind) {
    const { t, object } = randomResource();
    deepAllowed.push({ kind: 'deep', object, relation: 'viewer', user: `user:${ids.tenant(t)}_deep`, expected: true, context: { current_time: CONDITION_NOW } });
  }
  while (deepDenied.length < casesPerKind) {
    const { t, object } = randomResource();
    if (publicResources.has(object) || shape.tenants < 2) continue;
    const other = (t + 1 + rnd.int(shape.tenants - 1)) % shape.tenants;
    deepDenied.push({ kind: 'deep', object, relation: 'viewer', user: `user:${ids.tenant(other)}_deep`, expected: false, context: { current_time: CONDITION_NOW } });
  }

  return {
    shape,
    checks: { directAllowed, directDenied, deepAllowed, deepDenied },
    listObjects: [
      { label: 'few (10)', user: 'user:lo_few', type: 'resource', relation: 'viewer', expectedCount: 10 + publicOutside((r) => fewResources.has(r)) },
      { label: `medium (${4 * resourcesPerProject})`, user: 'user:lo_medium', type: 'resource', relation: 'viewer', expectedCount: 4 * resourcesPerProject + publicOutside((r) => inProjects(r, 4)) },
      { label: `many (${manyTenants * resourcesPerTenant})`, user: 'user:lo_many', type: 'resource', relation: 'viewer', expectedCount: manyTenants * resourcesPerTenant + publicOutside((r) => inTenants(r, manyTenants)) },
    ],
  };
}
