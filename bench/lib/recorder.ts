// What one bench run collects: table rows, floors, server CPU/RSS per workload, decision-cache
// hit counts and the disagreements that fail the run. run.ts, cache-rows.ts and staleness.ts
// all write into the one recorder, so that everything lands in the same table and JSON.
import type { ResultRow } from '../report.js';
import type { CacheLookups } from './cache-metrics.js';
import { describeLoopDelay } from './loop-delay.js';
import type { LoopDelay, ProcessUsage, ServerProcess } from './server-process.js';
import type { LatencySummary } from './stats.js';

export const log = (message: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

export class BenchRecorder {
  readonly rows: ResultRow[] = [];
  readonly floors: Record<string, LatencySummary> = {};
  readonly disagreements: string[] = [];
  readonly serverUsage: Record<string, { cpuPercent: number; cpuMicrosPerRequest: number; rssMiB: number }> = {};
  readonly cacheStats: Record<string, CacheLookups> = {};
  /** The server's event-loop delay over each measured row (`name@concurrency`). */
  readonly loopDelay: Record<string, LoopDelay | undefined> = {};

  /**
   * Measures a floor and records it as `name@concurrency` and as a `floor: ...` row of the table;
   * with `server`, the server's CPU over the run too (CPU per request is the figure least
   * disturbed by a loaded machine).
   */
  async floor(name: string, concurrency: number, run: () => Promise<LatencySummary>, options: { note?: string; server?: ServerProcess } = {}): Promise<LatencySummary> {
    const before = options.server?.usage();
    const summary = await run();
    const usage = options.server && before ? this.usage(`floor: ${name}`, concurrency, summary, before, options.server.usage()) : undefined;
    this.floors[`${name}@${concurrency}`] = summary;
    const note = [options.note, usage].filter(Boolean).join('; ');
    this.rows.push({ name: `floor: ${name}`, concurrency, summary, note: note || undefined });
    log(`floor ${name} c=${concurrency}: p50 ${summary.p50.toFixed(3)} ms, p99 ${summary.p99.toFixed(3)} ms, ${summary.throughput.toFixed(0)}/s${usage ? `, ${usage}` : ''}`);
    return summary;
  }

  /** Records the server's CPU and RSS over a run; returns them as a note. */
  private usage(name: string, concurrency: number, summary: LatencySummary, before: ProcessUsage, after: ProcessUsage): string {
    const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
    // Requests include the closed loop's warm-up, which ran inside the same CPU window.
    const requests = summary.count + summary.errors + (summary.warmup ?? 0);
    const usage = { cpuPercent: (100 * cpuSeconds) / summary.seconds, cpuMicrosPerRequest: (1e6 * cpuSeconds) / requests, rssMiB: after.rssMiB };
    this.serverUsage[`${name}@${concurrency}`] = usage;
    return `server cpu ${usage.cpuPercent.toFixed(0)}%, ${usage.cpuMicrosPerRequest.toFixed(0)} µs/req, rss ${usage.rssMiB.toFixed(0)} MiB`;
  }

  /** A floor made of two sequential steps (`a` then `b` in one request): latencies add, throughput is the lower. */
  sumFloor(name: string, a: string, b: string, concurrency: number): void {
    const x = this.floors[`${a}@${concurrency}`]!;
    const y = this.floors[`${b}@${concurrency}`]!;
    this.floors[`${name}@${concurrency}`] = { ...x, p50: x.p50 + y.p50, p95: x.p95 + y.p95, p99: x.p99 + y.p99, mean: x.mean + y.mean, throughput: Math.min(x.throughput, y.throughput) };
  }

  /**
   * Runs one workload against `server` and records it with the server's CPU and RSS over the run.
   * `note` may be computed after the run (e.g. from the server's cache counters).
   */
  async measure(
    server: ServerProcess,
    name: string,
    concurrency: number,
    floor: string | undefined,
    run: () => Promise<LatencySummary>,
    note?: string | ((summary: LatencySummary) => Promise<string>),
  ): Promise<LatencySummary> {
    await server.loopDelay(); // opens the server's delay window for this row
    const before = server.usage();
    const summary = await run();
    const delay = (this.loopDelay[`${name}@${concurrency}`] = await server.loopDelay());
    const usageNote = `${this.usage(name, concurrency, summary, before, server.usage())}, ${describeLoopDelay(delay)}`;
    const text = typeof note === 'function' ? await note(summary) : note;
    this.rows.push({ name, concurrency, summary, floor, note: text ? `${text}; ${usageNote}` : usageNote });
    log(`${name} c=${concurrency}: p50 ${summary.p50.toFixed(3)} ms, p99 ${summary.p99.toFixed(3)} ms, ${summary.throughput.toFixed(0)}/s, errors ${summary.errors}, ${text ? `${text}, ` : ''}${usageNote}`);
    return summary;
  }

  disagree(message: string): void {
    this.disagreements.push(message);
  }
}
