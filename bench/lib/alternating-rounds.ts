// Compares server processes that differ in one setting by sending the same unary gRPC request to
// each at a fixed concurrency, in alternating rounds (the order rotating each round), and each
// round's rows against that round's baseline row: drifting machine load then weighs on all
// variants alike. Prints per-round lines and a table of medians and median per-round ratios,
// with the server process's CPU time per request (user + system from /proc), which load inflates
// far less than throughput or latency.
import { loadavg } from 'node:os';
import { credentials, Metadata, type Client, type MethodDefinition } from '@grpc/grpc-js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';
import { runClosedLoop } from './closed-loop.js';
import { cpuSpent } from './postgres-cpu.js';
import type { ServerProcess } from './server-process.js';
import { formatMs, type LatencySummary } from './stats.js';

export interface RoundOptions {
  concurrency: number;
  requests: number;
  rounds: number;
  seconds: number;
}

export interface Variant {
  name: string;
  server: ServerProcess;
  /** e.g. the `authorization` header this variant's callers send. */
  metadata?: Record<string, string>;
  /** CPU seconds per pid of the PostgreSQL backends serving this variant (bench/lib/postgres-cpu.ts). */
  postgresCpu?: () => Promise<Map<number, number>>;
}

type Row = LatencySummary & { cpuUs: number; pgUs?: number; clientUs: number };

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Numeric `--name value` options over `defaults`; an unknown name throws. */
export function parseNumericArgs<T extends Record<string, number>>(argv: string[], defaults: T): T {
  const options: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = Number(argv[i + 1]);
  }
  return options as T;
}

/** `request` is an openfga.v1 method name and its request message; the first variant is the baseline. */
export async function compareInRounds(title: string, variants: readonly Variant[], request: { method: string; message: object }, options: RoundOptions): Promise<void> {
  const services = relataGrpcServices();
  const method = services.openfga.service[request.method] as MethodDefinition<object, unknown>;
  const bytes = method.requestSerialize(request.message);

  async function send(variant: Variant): Promise<LatencySummary> {
    const client: Client = new services.openfga(variant.server.address, credentials.createInsecure());
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(variant.metadata ?? {})) metadata.set(key, value);
    const call = (): Promise<unknown> =>
      new Promise((resolve, reject) =>
        client.makeUnaryRequest(method.path, (b: Buffer) => b, method.responseDeserialize, bytes, metadata.clone(), {}, (error, response) => (error ? reject(error) : resolve(response))),
      );
    try {
      return await runClosedLoop({ concurrency: options.concurrency, requests: options.requests, maxSeconds: options.seconds, warmup: 500 }, call);
    } finally {
      client.close();
    }
  }

  const results = new Map<string, Row[]>(variants.map((v) => [v.name, []]));
  const ratios = new Map<string, { rps: number[]; p50: number[]; cpu: number[]; total: number[] }>(variants.map((v) => [v.name, { rps: [], p50: [], cpu: [], total: [] }]));
  // Client + server + PostgreSQL CPU per request: on a machine whose cores they saturate,
  // throughput goes as its inverse, and machine load moves it far less than throughput itself.
  const totalUs = (row: Row): number => row.clientUs + row.cpuUs + (row.pgUs ?? 0);
  const loads: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const row = new Map<string, Row>();
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length];
      loads.push(loadavg()[0]);
      const pgBefore = await variant.postgresCpu?.();
      const cpuBefore = variant.server.usage().cpuSeconds;
      const clientBefore = process.cpuUsage();
      const summary = await send(variant);
      const client = process.cpuUsage(clientBefore);
      if (summary.errors > 0) throw new Error(`${variant.name}: ${summary.errors} failed requests`);
      const requests = summary.count + summary.errors + (summary.warmup ?? 0);
      // Work batched in the background (the decision log's writes) may end after the round's last
      // answer: it is counted after a pause longer than such a batch's longest wait.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cpuUs = ((variant.server.usage().cpuSeconds - cpuBefore) * 1e6) / requests;
      const pgAfter = pgBefore && (await variant.postgresCpu?.());
      const measured: Row = { ...summary, cpuUs, pgUs: pgBefore && pgAfter ? (cpuSpent(pgBefore, pgAfter) * 1e6) / requests : undefined, clientUs: (client.user + client.system) / requests };
      row.set(variant.name, measured);
      results.get(variant.name)!.push(measured);
      console.log(
        `round ${round + 1} ${variant.name.padEnd(12)}: ${summary.throughput.toFixed(0).padStart(6)} req/s  p50 ${formatMs(summary.p50)} ms  p99 ${formatMs(summary.p99)} ms  server CPU ${measured.cpuUs.toFixed(0)} µs/req${measured.pgUs === undefined ? '' : `  PostgreSQL CPU ${measured.pgUs.toFixed(1)} µs/req`}  client CPU ${measured.clientUs.toFixed(0)} µs/req`,
      );
    }
    const base = row.get(variants[0].name)!;
    for (const variant of variants) {
      const measured = row.get(variant.name)!;
      const r = ratios.get(variant.name)!;
      r.rps.push(measured.throughput / base.throughput);
      r.p50.push(measured.p50 - base.p50);
      r.cpu.push(measured.cpuUs / base.cpuUs);
      r.total.push(totalUs(base) / totalUs(measured));
    }
  }
  const baseline = variants[0].name;
  console.log(`\n${title}, concurrency ${options.concurrency}, ${options.rounds} alternating rounds; load average during runs ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`);
  const withPg = variants.some((v) => v.postgresCpu);
  console.log(`| variant | req/s (median) | p50 ms (median) | req/s vs ${baseline} (median of per-round ratios) | p50 vs ${baseline} (median of per-round deltas) | server CPU µs/req (median) | CPU vs ${baseline} (median of ratios) |${withPg ? ' PostgreSQL CPU µs/req (median) |' : ''} client CPU µs/req (median) | CPU-bound req/s vs ${baseline} (${baseline}'s total CPU / this one's, median) |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|${withPg ? '---:|' : ''}---:|---:|`);
  for (const variant of variants) {
    const rows = results.get(variant.name)!;
    const r = ratios.get(variant.name)!;
    const delta = median(r.p50);
    console.log(
      `| ${variant.name} | ${median(rows.map((s) => s.throughput)).toFixed(0)} | ${formatMs(median(rows.map((s) => s.p50)))} | ${(100 * median(r.rps)).toFixed(1)}% | ${delta >= 0 ? '+' : ''}${delta.toFixed(3)} ms | ${median(rows.map((x) => x.cpuUs)).toFixed(0)} | ${(100 * median(r.cpu)).toFixed(1)}% |${withPg ? ` ${median(rows.map((x) => x.pgUs ?? 0)).toFixed(1)} |` : ''} ${median(rows.map((x) => x.clientUs)).toFixed(0)} | ${(100 * median(r.total)).toFixed(1)}% |`,
    );
  }
}
