// `npx tsx bench/runtime-startup.ts [--rounds 6]`: what running the compiled dist/ instead of the
// TypeScript sources through tsx changes at start: `relata serve` (memory datastore) started in
// alternating rounds with RELATA_RUNTIME=dist and =tsx; per start, the server's CPU seconds and
// wall time until its gRPC health check answers, and its RSS then. Needs `npm run build` first.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from './lib/alternating-rounds.js';
import { startServer } from './lib/server-process.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '6' } } });
const runtimes = ['dist', 'tsx'] as const;
const rows = new Map(runtimes.map((r) => [r, { cpu: [] as number[], wall: [] as number[], rss: [] as number[] }]));
const loads: number[] = [];
for (let round = 0; round < Number(args.rounds); round++) {
  for (const runtime of round % 2 === 0 ? runtimes : [...runtimes].reverse()) {
    const started = performance.now();
    const server = await startServer({ RELATA_DATASTORE_URL: 'memory', RELATA_HTTP_ADDR: 'off' }, { runtime });
    const wall = performance.now() - started;
    const { cpuSeconds, rssMiB } = server.usage();
    await server.stop();
    const row = rows.get(runtime)!;
    row.cpu.push(cpuSeconds);
    row.wall.push(wall);
    row.rss.push(rssMiB);
    loads.push(loadavg()[0]!);
    console.log(`round ${round} ${runtime}: CPU ${cpuSeconds.toFixed(2)} s, ${wall.toFixed(0)} ms to healthy, RSS ${rssMiB.toFixed(0)} MiB; load ${loads.at(-1)!.toFixed(2)}`);
  }
}
console.log(`\n| runtime | CPU s to healthy | ms to healthy | RSS MiB | load |\n|---|---:|---:|---:|---|`);
for (const [runtime, r] of rows) console.log(`| ${runtime} | ${median(r.cpu).toFixed(2)} | ${median(r.wall).toFixed(0)} | ${median(r.rss).toFixed(0)} | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`);
