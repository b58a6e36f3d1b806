// The primary of `relata serve` with RELATA_WORKERS > 1: migrates once, serves /metrics (the
// workers' registries merged) and /healthz (200 only when every worker is up and healthy), forks
// the workers (node:cluster shares their gRPC and HTTP listening sockets), replaces a worker that
// dies, and drains them all on SIGTERM/SIGINT. It serves no API call itself.
import cluster, { type Worker } from 'node:cluster';
import type { RelataConfig } from '../../config/index.js';
import { createLogger, mergeMetrics, prometheusContentType, startOpsServer, type OpsServer } from '../../observability/index.js';
import { openDatastore } from '../open-datastore.js';
import { startFailureLine } from '../start-failure.js';
import { fromWorker, workerMarker, type FromWorker, type Question } from './messages.js';

/** A worker dying sooner than this after it became ready counts as dying at start. */
const earlyDeathMs = 10_000;
/** Consecutive early deaths after which the primary gives up instead of forking in a loop. */
const maxEarlyDeaths = 3;
/** How long a worker has to answer a scrape or a health question. */
const askTimeoutMs = 2_000;

type Answer = Extract<FromWorker, { relata: 'answer' }>;

interface WorkerState {
  readonly worker: Worker;
  /** The listener addresses it was given: node:cluster shares a socket among equal addresses only. */
  readonly env: Record<string, string>;
  readyAt?: number;
  /** The one-line reason it sent when its start failed. */
  failure?: string;
}

/** `host:port` with the port replaced (a replacement worker binds the port the first ones got). */
function withPort(addr: string, port: number): string {
  return addr.replace(/:\d+$/, `:${port}`);
}

async function migrateOnce(config: RelataConfig): Promise<void> {
  const datastoreConfig = config.datastore.kind === 'postgres' ? { ...config.datastore, maxConnections: 2 } : config.datastore;
  const datastore = await openDatastore(datastoreConfig);
  try {
    await datastore.migrate();
  } finally {
    await datastore.close();
  }
}

export async function runPrimary(config: RelataConfig): Promise<void> {
  const logger = createLogger({ level: config.logLevel, base: { role: 'primary' } });
  const states = new Map<number, WorkerState>();
  const firstEnv: Record<string, string> = { [workerMarker]: '1' };
  /** After the first ready worker: its ports instead of port 0 (see `fork`). */
  let pinnedEnv: Record<string, string> | undefined;
  let ports: { grpc: number; http?: number } | undefined;
  let announced = false;
  let stopping = false;
  let exitCode = 0;
  let earlyDeaths = 0;
  let ops: OpsServer | undefined;
  let nextQuestion = 0;
  const waiting = new Map<number, (answer: Answer | undefined) => void>();

  const ready = (): WorkerState[] => [...states.values()].filter((state) => state.readyAt !== undefined && state.worker.isConnected());
  const ask = (state: WorkerState, question: Question): Promise<Answer | undefined> =>
    new Promise((resolve) => {
      const id = nextQuestion++;
      const timer = setTimeout(() => settle(undefined), askTimeoutMs);
      const settle = (answer: Answer | undefined): void => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(answer);
      };
      waiting.set(id, settle);
      state.worker.send({ relata: 'ask', id, question }, (error: Error | null) => {
        if (error) settle(undefined);
      });
    });

  const finish = async (): Promise<void> => {
    await ops?.close();
    process.exit(exitCode);
  };
  const stopAll = (): void => {
    if (stopping) return;
    stopping = true;
    if (states.size === 0) return void finish();
    for (const { worker } of states.values()) worker.process.kill('SIGTERM');
    // Each worker bounds its own drain; this bounds a worker that hangs anyway.
    setTimeout(() => {
      logger.error({ pids: [...states.values()].map((s) => s.worker.process.pid) }, 'workers did not stop in time: killing them');
      for (const { worker } of states.values()) worker.process.kill('SIGKILL');
      exitCode = 1;
    }, config.shutdownTimeoutMs + 10_000).unref();
  };
  const fail = (line: string): void => {
    process.stderr.write(`${line}\n`);
    exitCode = 1;
    stopAll();
  };

  const onReady = (state: WorkerState, message: Extract<FromWorker, { relata: 'ready' }>): void => {
    state.readyAt = Date.now();
    if (!ports) {
      ports = { grpc: message.grpcPort, ...(message.httpPort === undefined ? {} : { http: message.httpPort }) };
      pinnedEnv = { ...firstEnv, RELATA_GRPC_ADDR: withPort(config.grpcAddr, message.grpcPort) };
      if (config.httpAddr && message.httpPort !== undefined) pinnedEnv.RELATA_HTTP_ADDR = withPort(config.httpAddr, message.httpPort);
    } else if (ports.grpc !== message.grpcPort || ports.http !== message.httpPort) {
      logger.error({ pid: state.worker.process.pid, grpcPort: message.grpcPort, httpPort: message.httpPort, expected: ports }, 'worker listens on other ports than the first ones');
    }
    if (!announced && ready().length === config.workers) {
      announced = true;
      logger.info({ workers: config.workers, pids: ready().map((s) => s.worker.process.pid), grpcPort: ports.grpc, httpPort: ports.http }, 'relata workers listening');
    }
  };

  const fork = (): void => {
    // A replacement asks for the very address a live worker asked for (with port 0, the primary
    // hands it the socket already bound); with none alive that socket is closed, and the pinned
    // port keeps the server on the port it logged.
    const env = [...states.values()].find((state) => state.worker.isConnected())?.env ?? pinnedEnv ?? firstEnv;
    const worker = cluster.fork(env);
    const state: WorkerState = { worker, env };
    states.set(worker.id, state);
    worker.on('message', (raw: unknown) => {
      const message = fromWorker(raw);
      if (message?.relata === 'ready') onReady(state, message);
      else if (message?.relata === 'start-failed') state.failure = message.line;
      else if (message?.relata === 'answer') waiting.get(message.id)?.(message);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const state = states.get(worker.id);
    if (!state) return;
    states.delete(worker.id);
    if (stopping) {
      // A worker whose own graceful stop failed makes the whole stop a failure.
      if (code !== 0 && code !== null) exitCode = 1;
      if (states.size === 0) void finish();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    // While the first workers start, a failure is the server's failure: today's one line, exit 1.
    if (!announced) return fail(`relata: cannot start: ${state.failure ?? `a worker exited with ${how} while starting`}`);
    earlyDeaths = state.readyAt === undefined || Date.now() - state.readyAt < earlyDeathMs ? earlyDeaths + 1 : 0;
    logger.error({ pid: worker.process.pid, code, signal, failure: state.failure }, 'worker died: starting a replacement');
    if (earlyDeaths >= maxEarlyDeaths) {
      return fail(`relata: workers keep dying within seconds of start: ${state.failure ?? `the last one exited with ${how}`}`);
    }
    fork();
  });

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting without draining');
      for (const { worker } of states.values()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'signal received: stopping the workers');
    stopAll();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    // Once, before any worker: the workers then find the schema current.
    await migrateOnce(config);
    ops = config.metricsAddr
      ? await startOpsServer({
          addr: config.metricsAddr,
          registry: {
            contentType: prometheusContentType,
            metrics: async () => {
              const answers = await Promise.all(ready().map((state) => ask(state, 'metrics')));
              return mergeMetrics(answers.flatMap((answer) => (answer?.metrics ? [answer.metrics] : [])));
            },
          },
          health: async () => {
            const up = ready();
            if (stopping || up.length < config.workers) return false;
            const answers = await Promise.all(up.map((state) => ask(state, 'health')));
            return answers.every((answer) => answer?.healthy === true);
          },
        })
      : undefined;
  } catch (error) {
    process.stderr.write(`relata: cannot start: ${startFailureLine(error)}\n`);
    process.exit(1);
  }
  if (ops) logger.info({ addr: config.metricsAddr, port: ops.port }, 'metrics and health endpoint listening');
  if (stopping) return void finish();
  for (let i = 0; i < config.workers; i++) fork();
}
