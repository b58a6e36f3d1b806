// Decision cache micro-bench: the cost of an L1 hit through the cached-check decorator against
// a plain Map lookup, and of an L2 hit (Redis MGET + validation) against a raw Redis GET.
//
//   npx tsx bench/cache.ts [--keys 10000] [--l1-ops 200000] [--l2-ops 5000] [--redis redis://127.0.0.1:6379]
//
// The wrapped check is a constant function, so the numbers are the cache's own overhead.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createCachedChecker, createDecisionCache, type CheckScope } from '../src/cache/index.js';
import type { CheckRequest, CheckResult } from '../src/engine/index.js';
import type { AuthorizationModel } from '../src/model/index.js';
import { percentile } from './lib/stats.js';

interface Options {
  keys: number;
  l1Ops: number;
  l2Ops: number;
  redis: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { keys: 10_000, l1Ops: 200_000, l2Ops: 5_000, redis: process.env.RELATA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--keys') options.keys = Number(value);
    else if (flag === '--l1-ops') options.l1Ops = Number(value);
    else if (flag === '--l2-ops') options.l2Ops = Number(value);
    else if (flag === '--redis') options.redis = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

const model: AuthorizationModel & { id: string } = {
  id: '01JBENCHMODEL0000000000000',
  schema_version: '1.1',
  type_definitions: [
    { type: 'user' },
    { type: 'document', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } },
  ],
};

const requestAt = (i: number): CheckRequest => ({ object: `document:${i % 1000}`, relation: 'viewer', user: `user:${i}` });

async function timeSequential(ops: number, run: (i: number) => Promise<unknown> | unknown): Promise<{ meanUs: number; p50Us: number; p99Us: number }> {
  const samples = new Float64Array(ops);
  for (let i = 0; i < ops; i++) {
    const start = performance.now();
    await run(i);
    samples[i] = (performance.now() - start) * 1000;
  }
  const mean = samples.reduce((a, b) => a + b, 0) / ops;
  samples.sort();
  return { meanUs: mean, p50Us: percentile(samples, 0.5), p99Us: percentile(samples, 0.99) };
}

/** Mean ns/op of a tight synchronous loop (too fast to time one op at a time). */
function timeLoop(ops: number, run: (i: number) => unknown): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) if (run(i)) sink++;
  const ns = Number(process.hrtime.bigint() - start) / ops;
  if (sink < 0) console.log(sink);
  return ns;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const storeId = `bench-${randomUUID().slice(0, 8)}`;
  const scope: CheckScope = { storeId, model };
  const constantCheck = async (): Promise<CheckResult> => ({ allowed: true });
  const fmt = (n: number) => n.toFixed(2).padStart(9);

  // --- L1 ---------------------------------------------------------------------------------
  const l1Cache = createDecisionCache({ l1MaxEntries: options.keys * 2 });
  const l1 = createCachedChecker(constantCheck, l1Cache, () => scope);
  for (let i = 0; i < options.keys; i++) await l1.check(null, requestAt(i));
  const map = new Map<string, { allowed: boolean }>();
  const mapKeys: string[] = [];
  for (let i = 0; i < options.keys; i++) {
    const r = requestAt(i);
    const key = `${storeId}|${model.id}|${r.object}#${r.relation}@${r.user}`;
    map.set(key, { allowed: true });
    mapKeys.push(key);
  }
  for (let round = 0; round < 2; round++) timeLoop(options.l1Ops, (i) => map.get(mapKeys[i % options.keys])); // warm-up
  const mapNs = timeLoop(options.l1Ops, (i) => map.get(mapKeys[i % options.keys]));
  const mapBuildNs = timeLoop(options.l1Ops, (i) => {
    const r = requestAt(i % options.keys);
    return map.get(`${storeId}|${model.id}|${r.object}#${r.relation}@${r.user}`);
  });
  await timeSequential(Math.min(options.l1Ops, 20_000), (i) => l1.check(null, requestAt(i % options.keys))); // warm-up
  const l1Hit = await timeSequential(options.l1Ops, (i) => l1.check(null, requestAt(i % options.keys)));
  let hits = 0;
  for (let i = 0; i < 100; i++) if ((await l1.check(null, requestAt(i))).cache === 'l1') hits++;
  await l1Cache.close();

  console.log(`[bench:cache] L1 (${options.keys} entries, ${options.l1Ops} ops, sequential awaits; hit ratio check ${hits}/100)`);
  console.log(`  Map.get, prebuilt key              ${fmt(mapNs / 1000)} µs/op`);
  console.log(`  Map.get, key built from request    ${fmt(mapBuildNs / 1000)} µs/op`);
  console.log(`  cached check, L1 hit  mean ${fmt(l1Hit.meanUs)} µs  p50 ${fmt(l1Hit.p50Us)} µs  p99 ${fmt(l1Hit.p99Us)} µs`);

  // --- L2 ---------------------------------------------------------------------------------
  const prefix = `relata:bench:${randomUUID().slice(0, 8)}:`;
  const raw = new Redis(options.redis);
  const writer = createDecisionCache({ redisUrl: options.redis, redisKeyPrefix: prefix, l1MaxEntries: 0 });
  const reader = createDecisionCache({ redisUrl: options.redis, redisKeyPrefix: prefix, l1MaxEntries: 0, stalenessBoundMs: 60_000, redisCommandTimeoutMs: 500 });
  try {
    const write = createCachedChecker(constantCheck, writer, () => scope);
    const read = createCachedChecker(constantCheck, reader, () => scope);
    for (let deadline = Date.now() + 5_000; writer.status().redis !== 'ready' || reader.status().redis !== 'ready'; ) {
      if (Date.now() > deadline) throw new Error(`Redis at ${options.redis} is not reachable`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const l2Keys = Math.min(options.keys, options.l2Ops);
    for (let i = 0; i < l2Keys; i += 100) await write.checkMany(null, Array.from({ length: Math.min(100, l2Keys - i) }, (_, j) => requestAt(i + j)));
    await new Promise((resolve) => setTimeout(resolve, 200)); // fire-and-forget L2 writes land
    await raw.set(`${prefix}raw`, '1:0:0');
    await timeSequential(500, () => raw.get(`${prefix}raw`));
    const rawGet = await timeSequential(options.l2Ops, () => raw.get(`${prefix}raw`));
    await timeSequential(500, (i) => read.check(null, requestAt(i % l2Keys)));
    let l2Hits = 0;
    const l2Hit = await timeSequential(options.l2Ops, async (i) => {
      if ((await read.check(null, requestAt(i % l2Keys))).cache === 'l2') l2Hits++;
    });
    const batch = await timeSequential(Math.max(1, Math.floor(options.l2Ops / 100)), (i) =>
      read.checkMany(null, Array.from({ length: 100 }, (_, j) => requestAt((i * 100 + j) % l2Keys))),
    );
    console.log(`[bench:cache] L2 (Redis ${options.redis}, ${options.l2Ops} ops, sequential; L2 hits ${l2Hits}/${options.l2Ops})`);
    console.log(`  raw Redis GET round trip   mean ${fmt(rawGet.meanUs)} µs  p50 ${fmt(rawGet.p50Us)} µs  p99 ${fmt(rawGet.p99Us)} µs`);
    console.log(`  cached check, L2 hit       mean ${fmt(l2Hit.meanUs)} µs  p50 ${fmt(l2Hit.p50Us)} µs  p99 ${fmt(l2Hit.p99Us)} µs`);
    console.log(`  BatchCheck of 100, L2 hits mean ${fmt(batch.meanUs)} µs  p50 ${fmt(batch.p50Us)} µs  (one MGET)`);
  } finally {
    await writer.close();
    await reader.close();
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length) await raw.del(...keys);
    raw.disconnect();
  }
}

await main();
