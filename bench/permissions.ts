// Permission snapshot vs the naive loop: for some users of the multi-tenant bench dataset, the
// whole snapshot (every object#relation on every type) through relata.v1 ListPermissions, and
// the same answer built as a client would without it: one paged ListObjects per type#relation.
// Both go through the service (no decision cache, no snapshot-answer cache, a 60 s list
// deadline), so the difference is the shared walk. Also times ListRelations against one Check
// per relation, and Explain against Check. Usage:
//   npx tsx bench/permissions.ts [tiny|small] [memory|postgres]
// Numbers are noisy on a shared machine: the load (uptime) is printed with them.
// (An earlier version turned the snapshot-answer cache off: every page of a 5,000-pair snapshot
// then recomputed the whole snapshot, which made it look 2x slower than the loop.)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { transformDslToModel } from '../src/dsl/index.js';
import { silentLogger } from '../src/observability/index.js';
import { createRelataService } from '../src/service/index.js';
import type { Datastore } from '../src/storage/datastore.js';
import { createMemoryDatastore } from '../src/storage/memory/index.js';
import { createPostgresDatastore } from '../src/storage/postgres/index.js';
import { CONDITION_NOW, generateDataset, presets, type PresetName } from './dataset.js';

const preset = (process.argv[2] ?? 'tiny') as PresetName;
const backend = process.argv[3] ?? 'memory';
const schema = `relata_bench_perm_${Date.now().toString(36)}`;
const datastore: Datastore =
  backend === 'postgres'
    ? await createPostgresDatastore({ connectionString: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema, maxConnections: 8 })
    : await createMemoryDatastore();
await datastore.migrate();
// The snapshot-answer cache stays on (as served): later pages of one listing are slices of the
// first page's answer. Each timed run starts on a new revision (see `timed`), so no run reuses
// an answer of an earlier one.
const service = createRelataService({ datastore, logger: silentLogger(), limits: { listDeadlineMs: 60_000 } });
const storeId = (await service.createStore({ name: 'bench-permissions' })).id;
const dsl = readFileSync(new URL('../schema-examples/multi-tenant/model.fga', import.meta.url), 'utf8');
const model = transformDslToModel(dsl);
await service.writeAuthorizationModel({ storeId, model });
const dataset = generateDataset(presets[preset]);
for (let i = 0; i < dataset.tuples.length; i += 100) await service.write({ storeId, writes: { tupleKeys: dataset.tuples.slice(i, i + 100) } });
const context = { current_time: CONDITION_NOW };

const targets = model.type_definitions.flatMap((d) => Object.keys(d.relations ?? {}).map((relation) => ({ type: d.type, relation })));

async function snapshot(user: string): Promise<string[]> {
  const out: string[] = [];
  let continuationToken = '';
  do {
    const page = await service.listPermissions({ storeId, user, context, pageSize: 1000, continuationToken });
    out.push(...page.permissions.map((p) => `${p.object}#${p.relation}`));
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return out.sort();
}

async function naive(user: string): Promise<string[]> {
  const out: string[] = [];
  for (const { type, relation } of targets) {
    let continuationToken = '';
    do {
      const page = await service.listObjectsPage({ storeId, type, relation, user, context, pageSize: 1000, continuationToken });
      out.push(...page.objects.map((o) => `${o}#${relation}`));
      continuationToken = page.continuationToken;
    } while (continuationToken);
  }
  return out.sort();
}

/** Mean wall time and mean CPU time of this process (under load, CPU time is the steadier one). */
let revisions = 0;
/** A write no measured user depends on: the store moves to a new revision. */
const newRevision = () => service.write({ storeId, writes: { tupleKeys: [{ object: 'group:bench_revision', relation: 'member', user: `user:r${revisions++}` }] } });

/** Mean wall time and mean CPU time of this process (under load, CPU time is the steadier one), each run on a new revision. */
async function timed<T>(run: () => Promise<T>, repeat: number): Promise<{ ms: number; cpuMs: number; value: T }> {
  await newRevision();
  let value = await run(); // warm-up
  let ms = 0;
  let cpuMs = 0;
  for (let i = 0; i < repeat; i++) {
    await newRevision();
    const start = performance.now();
    const cpu = process.cpuUsage();
    value = await run();
    const used = process.cpuUsage(cpu);
    ms += performance.now() - start;
    cpuMs += (used.user + used.system) / 1000;
  }
  return { ms: ms / repeat, cpuMs: cpuMs / repeat, value };
}

const users = (process.env.USERS ?? 'user:lo_few,user:lo_medium,user:t0u1,user:t0_deep,user:lo_many').split(',');
console.log(`bench/permissions: ${preset} (${dataset.tuples.length} tuples) on ${backend}; ${targets.length} type#relation pairs; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('user             | pairs found | snapshot wall / cpu ms | naive loop wall / cpu ms | wall speed-up | cpu speed-up');
for (const user of users) {
  const repeat = 5;
  const a = await timed(() => snapshot(user), repeat);
  const b = await timed(() => naive(user), repeat);
  if (JSON.stringify(a.value) !== JSON.stringify(b.value)) throw new Error(`answers differ for ${user}: ${a.value.length} vs ${b.value.length}`);
  const cell = (r: { ms: number; cpuMs: number }, width: number) => `${r.ms.toFixed(1)} / ${r.cpuMs.toFixed(1)}`.padStart(width);
  console.log(`${user.padEnd(16)} | ${String(a.value.length).padStart(11)} | ${cell(a, 22)} | ${cell(b, 24)} | ${(b.ms / a.ms).toFixed(2).padStart(12)}x | ${(b.cpuMs / a.cpuMs).toFixed(2).padStart(11)}x`);
}

const resource = dataset.checks.deepAllowed[0]!;
const relations = Object.keys(model.type_definitions.find((d) => d.type === 'resource')?.relations ?? {});
const listRel = await timed(() => service.listRelations({ storeId, object: resource.object, user: resource.user, context }), 50);
const perRelation = await timed(async () => {
  const allowed: string[] = [];
  for (const relation of relations) if ((await service.check({ storeId, tupleKey: { object: resource.object, relation, user: resource.user }, context })).allowed) allowed.push(relation);
  return allowed;
}, 50);
if (JSON.stringify(listRel.value.relations) !== JSON.stringify(perRelation.value)) throw new Error('ListRelations differs from checks');
console.log(`ListRelations ${resource.object}@${resource.user} (${relations.length} relations): ${listRel.ms.toFixed(2)} ms; one Check per relation: ${perRelation.ms.toFixed(2)} ms`);

for (const c of [dataset.checks.deepAllowed[0]!, dataset.checks.deepDenied[0]!]) {
  const tupleKey = { object: c.object, relation: c.relation, user: c.user };
  const check = await timed(() => service.check({ storeId, tupleKey, context: c.context ?? context }), 50);
  const explain = await timed(() => service.explain({ storeId, tupleKey, context: c.context ?? context }), 50);
  console.log(`Explain ${c.object}#${c.relation}@${c.user} (${check.value.allowed ? 'allowed' : 'denied'}): ${explain.ms.toFixed(2)} ms, ${explain.value.nodeCount} nodes; Check ${check.ms.toFixed(2)} ms`);
}
await datastore.close();
if (backend === 'postgres') {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
