// `npx tsx bench/syscalls-per-check.ts --size 10k [--runtime dist|tsx] [--requests 300]`: the
// server's system calls per uncached Check of the GitHub-like dataset, counted by `strace -c` on
// every thread of one `relata serve` (PostgreSQL, cache off) while it answers `--requests` Checks
// of each kind one at a time. Counts, not times: strace slows the server, not what it calls.
// Which writes go out per statement sent to PostgreSQL and per gRPC response is what docs/benchmarks.md's
// profile charges `writev` for.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { transformDslToModel } from '../src/dsl/index.js';
import type { TupleKey } from '../src/model/index.js';
import { RelataClient } from './lib/relata-client.js';
import { startServer } from './lib/server-process.js';
import { generateGithubDataset, githubSizes, type GithubCheck, type GithubSize } from './github-dataset.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    runtime: { type: 'string' },
    requests: { type: 'string', default: '300' },
    'database-url': { type: 'string', default: process.env.RELATA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const size = args.size as GithubSize;
if (!githubSizes[size]) throw new Error(`--size must be one of ${Object.keys(githubSizes).join(', ')}`);
if (args.runtime !== undefined && args.runtime !== 'dist' && args.runtime !== 'tsx') throw new Error('--runtime must be dist or tsx');
const requests = Number(args.requests);
const syscalls = ['writev', 'write', 'sendmsg', 'sendto', 'read', 'recvfrom', 'recvmsg', 'epoll_wait', 'epoll_pwait', 'futex'];

const model = transformDslToModel(readFileSync(new URL('../schema-examples/github/model.fga', import.meta.url), 'utf8'));
const dataset = generateGithubDataset(githubSizes[size], 18, 200);
const schema = `relata_bench_syscalls_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: args['database-url'] });
await admin.connect();

/** Counts the calls of `pid`'s threads while `work` runs: syscall name → calls. */
async function countCalls(pid: number, work: () => Promise<void>): Promise<Map<string, number>> {
  const threads = readdirSync(`/proc/${pid}/task`).flatMap((tid) => ['-p', tid]);
  const strace = spawn('strace', ['-c', '-e', `trace=${syscalls.join(',')}`, ...threads], { stdio: ['ignore', 'ignore', 'pipe'] });
  let report = '';
  strace.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
  const closed = new Promise<void>((resolve) => strace.once('close', () => resolve()));
  // strace prints one "attached" line per thread once it holds them all.
  const deadline = Date.now() + 10_000;
  while ((report.match(/attached/g) ?? []).length < threads.length / 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await work();
  strace.kill('SIGINT');
  await closed;
  const calls = new Map<string, number>();
  for (const line of report.split('\n')) {
    const cells = line.trim().split(/\s+/);
    const name = cells.at(-1)!;
    if (syscalls.includes(name) && cells.length >= 5) calls.set(name, Number(cells[3]));
  }
  return calls;
}

const server = await startServer({
  RELATA_DATASTORE_URL: args['database-url'],
  RELATA_DATASTORE_SCHEMA: schema,
  RELATA_CACHE_ENABLED: 'false',
  RELATA_HTTP_ADDR: 'off',
  ...(args.runtime ? { RELATA_RUNTIME: args.runtime } : {}),
});
const client = new RelataClient(server.address);
let disagreements = 0;
try {
  await client.setUp(`bench-syscalls-${size}`, model);
  for (let i = 0; i < dataset.tuples.length; i += 100) await client.write(dataset.tuples.slice(i, i + 100) as TupleKey[]);
  await admin.query(`ANALYZE ${schema}.tuple`);
  const check = async (c: GithubCheck) => {
    if ((await client.check(c)) !== c.expected) disagreements++;
  };
  for (const c of [...dataset.short, ...dataset.long, ...dataset.mixed]) await check(c);
  const lines = [`| per Check (${args.runtime ?? 'default runtime'}) | ${syscalls.join(' | ')} |`, `|---|${syscalls.map(() => '---:').join('|')}|`];
  for (const [kind, cases] of [['path ≤ 2 tuples', dataset.short], ['path ≥ 5 tuples', dataset.long], ['mix 1-13 tuples', dataset.mixed]] as const) {
    const calls = await countCalls(server.pid, async () => {
      for (let i = 0; i < requests; i++) await check(cases[i % cases.length]!);
    });
    lines.push(`| ${kind} | ${syscalls.map((s) => ((calls.get(s) ?? 0) / requests).toFixed(2)).join(' | ')} |`);
  }
  console.log(`\n${requests} Checks per kind at c=1, ${disagreements} disagreements; load ${loadavg()[0]!.toFixed(2)}\n\n${lines.join('\n')}\n`);
} finally {
  client.close();
  await server.stop();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
if (disagreements > 0) process.exitCode = 1;
