// Compile time of a generated model of 1,000 types x 10 relations (DSL -> JSON), plus printing
// it back. Run with `npx tsx bench/dsl-compile.ts [types] [relations]`.
import { performance } from 'node:perf_hooks';
import { parseDsl, printModel } from '../src/dsl/index.js';

function generate(types: number, relations: number): string {
  const lines = ['model', '  schema 1.1', '', 'type user', ''];
  for (let t = 0; t < types; t++) {
    lines.push(`type type_${t}`, '  relations', `    define parent: [type_${Math.max(0, t - 1)}]`);
    for (let r = 1; r < relations; r++) {
      const rewrite =
        r % 3 === 0
          ? `[user, user:*, type_${t}#rel_1 with cond] or rel_${r - 1} or rel_${r - 1} from parent`
          : r % 3 === 1
            ? `[user] but not rel_${Math.max(1, r - 1)}`
            : `[user] or (rel_${r - 1} and rel_1)`;
      lines.push(`    define rel_${r}: ${r === 1 ? '[user, user:*]' : rewrite}`);
    }
    lines.push('');
  }
  lines.push('condition cond(x: int, ips: list<ipaddress>, m: map<string>) {', '  x < 10 && m["a"] == "b"', '}', '');
  return lines.join('\n');
}

const types = Number(process.argv[2] ?? 1000);
const relations = Number(process.argv[3] ?? 10);
const source = generate(types, relations);
parseDsl(generate(5, 5)); // warm up the lexer/parser once, as a server would at start

// CPU time as well as wall time: on a shared machine wall time mostly measures the queue.
// Best of `runs` compilations (the first one also pays for JIT warm-up).
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
const runs = Number(process.argv[4] ?? 3);
let best = { wall: Infinity, cpu: Infinity };
let model = parseDsl(generate(1, 1)).model;
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = parseDsl(source);
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  if (result.errors.length > 0) throw new Error(`generated model has errors: ${result.errors[0]!.message}`);
  if (wall < best.wall) best = { wall, cpu };
  model = result.model;
}
const t1 = performance.now();
const c1 = process.cpuUsage();
const printed = printModel(model);
const printWall = performance.now() - t1;
const printCpu = cpuMs(process.cpuUsage(c1));

console.log(`dsl-compile: ${types} types x ${relations} relations, ${(source.length / 1024).toFixed(0)} KiB of DSL, best of ${runs}`);
console.log(`  parse + transform: ${best.wall.toFixed(1)} ms wall, ${best.cpu.toFixed(1)} ms CPU`);
console.log(`  print back to DSL: ${printWall.toFixed(1)} ms wall, ${printCpu.toFixed(1)} ms CPU (${(printed.length / 1024).toFixed(0)} KiB)`);
