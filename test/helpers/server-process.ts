// Runs a Relata server as a child process (as it is deployed): `bin/relata.js serve` (compiled
// dist/ when built from the current sources, else tsx; see bin/runtime.js) configured by RELATA_*
// env vars. Used by the bench (CPU and memory measured apart from the load generator's)
// and by the multi-replica / fault integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { credentials, type Client, type ServiceError } from '@grpc/grpc-js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessUsage {
  cpuSeconds: number;
  rssMiB: number;
}

/** The server's event-loop delay over the window its previous scrape opened, in milliseconds. */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ServerProcess {
  address: string;
  /** host:port of /metrics and /healthz. */
  metricsAddress: string;
  /** Scrapes `relata_event_loop_delay_seconds`: closes the current window and opens the next. */
  loopDelay(): Promise<LoopDelay | undefined>;
  pid: number;
  /** stdout + stderr so far (the tail), when started with `captureOutput`. */
  output(): string;
  usage(): ProcessUsage;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Collect the child's output (see `output()`) instead of passing it through. */
  captureOutput?: boolean;
  /** How long to wait for the health check to answer. */
  startTimeoutMs?: number;
  /** Force compiled dist/ or tsx (RELATA_RUNTIME); default: what `relata serve` picks. */
  runtime?: 'dist' | 'tsx';
  /** Another checkout to run (a bench's before/after); default: this one. */
  root?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** CPU seconds (user + system) a process has used, from /proc (any process, e.g. a PostgreSQL backend). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The live worker processes of a `relata serve` primary (RELATA_WORKERS), sorted: its children
 * whose command line is the CLI's, from /proc; tsx's esbuild service is a child too and never
 * counted, nor is a worker that exited and is not reaped yet (its CPU reaches the parent's).
 */
export function workersOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z' && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('bin/relata.js')) children.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return children.sort((a, b) => a - b);
}

/** CPU (user + system) of a server process, its reaped children and its live workers; RSS summed likewise. */
function usageOf(pid: number): ProcessUsage {
  let cpuSeconds = 0;
  let rssMiB = 0;
  for (const each of [pid, ...workersOf(pid)]) {
    try {
      const stat = readFileSync(`/proc/${each}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, and cutime + cstime: a worker that exited still counts, through its parent.
      cpuSeconds += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${each}/status`, 'utf8'));
      rssMiB += rss ? Number(rss[1]) / 1024 : 0;
    } catch {
      // exited meanwhile
    }
  }
  return { cpuSeconds, rssMiB };
}

function spawnRelata(env: Record<string, string>, captureOutput: boolean, runtime?: 'dist' | 'tsx', root = repoRoot): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['bin/relata.js', 'serve'], {
    cwd: root,
    env: { ...process.env, RELATA_METRICS_ADDR: '127.0.0.1:0', RELATA_LOG_LEVEL: 'warn', ...(runtime ? { RELATA_RUNTIME: runtime } : {}), ...env },
    stdio: ['ignore', captureOutput ? 'pipe' : 'inherit', captureOutput ? 'pipe' : 'inherit'],
  });
  // The last 64 KiB are enough to explain a failure.
  let text = '';
  const keep = (chunk: Buffer): void => {
    text += chunk.toString();
    if (text.length > 131_072) text = text.slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => text };
}

function ping(health: Client): Promise<void> {
  const check = (health as unknown as Record<string, (r: object, cb: (e: ServiceError | null) => void) => void>)['Check']!.bind(health);
  return new Promise((resolve, reject) => check({ service: '' }, (error) => (error ? reject(error) : resolve())));
}

async function scrapeLoopDelay(metricsAddress: string): Promise<LoopDelay | undefined> {
  const text = await (await fetch(`http://${metricsAddress}/metrics`)).text();
  const quantile = (q: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`relata_event_loop_delay_seconds{quantile="${q}"} `));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1)) * 1000;
  };
  const [p50Ms, p99Ms, maxMs] = [quantile('0.5'), quantile('0.99'), quantile('1')];
  return p50Ms === undefined || p99Ms === undefined || maxMs === undefined ? undefined : { p50Ms, p99Ms, maxMs };
}

/** Starts `relata serve` on a free port and resolves once its gRPC health check answers. */
export async function startServer(env: Record<string, string>, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const address = `127.0.0.1:${await freePort()}`;
  const metricsAddress = env.RELATA_METRICS_ADDR ?? `127.0.0.1:${await freePort()}`;
  const { child, output } = spawnRelata({ RELATA_GRPC_ADDR: address, RELATA_HTTP_ADDR: '127.0.0.1:0', ...env, RELATA_METRICS_ADDR: metricsAddress }, options.captureOutput ?? false, options.runtime, options.root);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const health = new (relataGrpcServices().health)(address, credentials.createInsecure());
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      try {
        await ping(health);
        break;
      } catch (error) {
        if (child.exitCode !== null || Date.now() > deadline) {
          await stop();
          throw new Error(`Relata did not start on ${address}\n${output()}`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    health.close();
  }
  // With worker processes the first one answers before the others listen; the primary's /healthz
  // is 200 only once every worker is up.
  if ((env.RELATA_WORKERS ?? '1') !== '1') {
    while ((await fetch(`http://${metricsAddress}/healthz`).then((r) => r.status, () => 0)) !== 200) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`Relata's workers did not all start on ${address}\n${output()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { address, metricsAddress, loopDelay: () => scrapeLoopDelay(metricsAddress), pid: child.pid!, output, usage: () => usageOf(child.pid!), stop };
}

/** Runs `relata serve` expecting it to exit by itself (a startup failure); kills it after `timeoutMs`. */
export async function runServerToExit(env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  const port = await freePort();
  const { child, output } = spawnRelata({ RELATA_GRPC_ADDR: `127.0.0.1:${port}`, RELATA_HTTP_ADDR: '127.0.0.1:0', ...env }, true);
  const code = await new Promise<number | null | 'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    // 'close', not 'exit': the output streams are drained by then.
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code === 'timeout') {
    child.kill('SIGKILL');
    return { code: null, output: output(), timedOut: true };
  }
  return { code, output: output(), timedOut: false };
}
