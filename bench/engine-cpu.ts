// `npx tsx bench/engine-cpu.ts --size 10k`: the engine's own CPU per uncached Check, with no I/O
// in the way: the GitHub-like dataset (github-dataset.ts) in the memory datastore, BatchCheck(100)
// of the mix and single Checks of the same items, in rounds (the first warms up). What is left
// per check here is the evaluator's work (sub-problems, promises, reads' bookkeeping, GC), which
// a server pays on top of its round trips. Every answer is cross-checked with the reference walk.
// `--promises` also counts the promises created per check (async_hooks; a count that machine
// load cannot blur, though the hook itself slows every round down). `--baseline DIR` runs the
// engine of another checkout in the same process, alternating with this one's, and prints the
// medians of both and of their per-round ratios.
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
    // Another checkout (e.g. a worktree of the start commit) whose engine runs beside this one.
    baseline: { type: 'string' },
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

type Phase = 'batch' | 'single';
interface Variant {
  name: string;
  engine: Pick<Engine, 'batchCheck' | 'check'>;
  cpu: Record<Phase, number[]>;
  promises: Record<Phase, number[]>;
}
const variants: Variant[] = [{ name: 'this', engine, cpu: { batch: [], single: [] }, promises: { batch: [], single: [] } }];
if (args.baseline) {
  // The other checkout's engine in this same process, on this same store: the two alternate batch
  // by batch, so that the machine's load weighs on both alike.
  const base = (await import(`${args.baseline}/src/engine/index.ts`)) as { Engine: typeof Engine };
  variants.push({ name: 'baseline', engine: new base.Engine(model), cpu: { batch: [], single: [] }, promises: { batch: [], single: [] } });
}
const checks = batches.length * 100;

/** CPU µs and promises per check of one phase of one variant. */
async function measure(variant: Variant, phase: Phase): Promise<{ cpu: number; promises: number }> {
  const startPromises = promises;
  const start = process.cpuUsage();
  for (const batch of batches) {
    if (phase === 'batch') {
      const outcomes = await variant.engine.batchCheck(ds.tupleReader(store), batch.map((c, i) => ({ correlationId: `c${i}`, object: c.object, relation: c.relation, user: c.user })));
      outcomes.forEach((o, i) => {
        if (!('allowed' in o) || o.allowed !== batch[i]!.expected) disagreements++;
      });
    } else {
      for (const c of batch) {
        const result = await variant.engine.check(ds.tupleReader(store), { object: c.object, relation: c.relation, user: c.user });
        if (result.allowed !== c.expected) disagreements++;
      }
    }
  }
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / checks, promises: (promises - startPromises) / checks };
}

for (let round = 0; round < Number(args.rounds); round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  const parts: string[] = [];
  for (const phase of ['batch', 'single'] as const) {
    for (const variant of order) {
      const { cpu, promises: count } = await measure(variant, phase);
      if (round > 0) {
        variant.cpu[phase].push(cpu);
        variant.promises[phase].push(count);
      }
      parts.push(`${phase === 'batch' ? 'BatchCheck(100)' : 'single Check'} ${variant.name} ${cpu.toFixed(1)}${args.promises ? ` (${count.toFixed(1)} promises)` : ''}`);
    }
  }
  log(`round ${round}${round === 0 ? ' (warm-up)' : ''}: CPU µs per check, ${parts.join(', ')}; load ${loadavg()[0]!.toFixed(2)}`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
for (const variant of variants) {
  const promisesNote = (phase: Phase) => (args.promises ? `, ${median(variant.promises[phase]).toFixed(1)} promises` : '');
  log(`median ${variant.name}: BatchCheck(100) ${median(variant.cpu.batch).toFixed(1)} µs${promisesNote('batch')}, single Check ${median(variant.cpu.single).toFixed(1)} µs${promisesNote('single')} per check`);
}
if (variants.length === 2) {
  const ratio = (phase: Phase) => median(variants[0]!.cpu[phase].map((v, i) => v / variants[1]!.cpu[phase][i]!)).toFixed(2);
  log(`median per-round ratio this/baseline: BatchCheck(100) ${ratio('batch')}, single Check ${ratio('single')}`);
}
log(`disagreements with the reference walk: ${disagreements}`);
if (disagreements > 0) process.exitCode = 1;
