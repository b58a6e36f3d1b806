// `npx tsx bench/engine-cpu.ts --size 10k`: the engine's own CPU per uncached Check, with no I/O
// in the way: the GitHub-like dataset (github-dataset.ts) in the memory datastore, BatchCheck(100)
// of the mix and single Checks of the same items, in rounds (the first warms up). What is left
// per check here is the evaluator's work (sub-problems, promises, reads' bookkeeping, GC), which
// a server pays on top of its round trips. Every answer is cross-checked with the reference walk.
// `--promises` also counts the promises created per check (async_hooks; a count that machine
// load cannot blur, though the hook itself slows every round down).
import { createHook } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { transformDslToModel } from '../src/dsl/index.js';
import { Engine } from '../src/engine/index.js';
import { createMemoryDatastore } from '../src/storage/memory/index.js';
import { generateGithubDataset, githubSizes, type GithubSize } from './github-dataset.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    batches: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    promises: { type: 'boolean', default: false },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
const engine = new Engine(model);
const dataset = generateGithubDataset(githubSizes[size], 18, 200);
const ds = createMemoryDatastore({ closureIndex: false });
const { id: store } = await ds.createStore({ id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', name: 'engine-cpu' });
for (let i = 0; i < dataset.tuples.length; i += 100) await ds.writeTuples(store, { writes: dataset.tuples.slice(i, i + 100), deletes: [] });
const mix = dataset.mixed;
const batches = Array.from({ length: Number(args.batches) }, (_, b) => Array.from({ length: 100 }, (_, i) => mix[(b * 100 + i * 7) % mix.length]!));
let disagreements = 0;
let promises = 0;
if (args.promises) {
  createHook({
    init: (_id, type) => {
      if (type === 'PROMISE') promises++;
    },
  }).enable();
}

for (let round = 0; round < Number(args.rounds); round++) {
  const batchPromises = promises;
  const batchCpu = process.cpuUsage();
  for (const batch of batches) {
    const outcomes = await engine.batchCheck(ds.tupleReader(store), batch.map((c, i) => ({ correlationId: `c${i}`, object: c.object, relation: c.relation, user: c.user })));
    outcomes.forEach((o, i) => {
      if (!('allowed' in o) || o.allowed !== batch[i]!.expected) disagreements++;
    });
  }
  const batched = process.cpuUsage(batchCpu);
  const batchCount = promises - batchPromises;
  const singlePromises = promises;
  const singleCpu = process.cpuUsage();
  for (const batch of batches) {
    for (const c of batch) {
      const result = await engine.check(ds.tupleReader(store), { object: c.object, relation: c.relation, user: c.user });
      if (result.allowed !== c.expected) disagreements++;
    }
  }
  const single = process.cpuUsage(singleCpu);
  const singleCount = promises - singlePromises;
  const checks = batches.length * 100;
  const micros = (u: NodeJS.CpuUsage) => ((u.user + u.system) / checks).toFixed(1);
  const perCheck = (count: number) => (args.promises ? ` (${(count / checks).toFixed(1)} promises)` : '');
  log(
    `round ${round}${round === 0 ? ' (warm-up)' : ''}: CPU µs per check, BatchCheck(100) ${micros(batched)}${perCheck(batchCount)}, single Check ${micros(single)}${perCheck(singleCount)}; load ${loadavg()[0]!.toFixed(2)}`,
  );
}
log(`disagreements with the reference walk: ${disagreements}`);
if (disagreements > 0) process.exitCode = 1;
