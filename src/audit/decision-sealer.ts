// Where the decision log seals its batches: on a worker thread (servers), or inline (tests, CLI).
// The worker is started on the first batch, unref'd while idle, and started again if it dies.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AuditHead, SealedAuditRecord } from '../storage/audit-repository.js';
import { sealDecisions, type DecisionData } from './decision-seal.js';
import { createMasker } from './mask.js';

export interface DecisionSealer {
  seal(decisions: DecisionData[], heads: ReadonlyMap<string, AuditHead>): Promise<SealedAuditRecord[]>;
  close(): Promise<void>;
}

export function inlineDecisionSealer(maskKeys: readonly string[]): DecisionSealer {
  const mask = createMasker(maskKeys);
  return {
    seal: (decisions, heads) => Promise.resolve(sealDecisions(decisions, heads, mask)),
    close: () => Promise.resolve(),
  };
}

// As src/service/model-checker.ts: run from source (tsx, vitest) the worker is a .ts file that
// needs tsx's loader registered inside the worker first; built, it is plain .js.
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./seal-worker.js', import.meta.url));
  const entry = new URL('./seal-worker.ts', import.meta.url).href;
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

type SealReply = { id: number; records: SealedAuditRecord[] } | { id: number; error: string };

/** A batch not sealed by then fails (its decisions are counted as dropped) and the worker is replaced: the datastore holds the chains' heads locked while it waits. */
export const sealTimeoutMs = 30_000;

export function workerDecisionSealer(maskKeys: readonly string[], timeoutMs = sealTimeoutMs): DecisionSealer {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (records: SealedAuditRecord[]) => void; reject: (error: Error) => void }>();
  const start = (): Worker => {
    const started = startWorker();
    started.on('message', (reply: SealReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if ('records' in reply) waiting.resolve(reply.records);
      else waiting.reject(new Error(`decision seal worker: ${reply.error}`));
    });
    const lost = (cause: Error): void => {
      if (worker === started) worker = undefined;
      for (const { reject } of pending.values()) reject(cause);
      pending.clear();
    };
    started.on('error', lost);
    started.on('exit', (code) => lost(new Error(`decision seal worker exited with code ${code}`)));
    return started;
  };
  return {
    seal: (decisions, heads) =>
      new Promise((resolve, reject) => {
        const current = (worker ??= start());
        const id = nextId++;
        const timer = setTimeout(() => {
          if (!pending.has(id)) return;
          pending.delete(id);
          reject(new Error(`decision seal worker: no answer in ${timeoutMs} ms`));
          if (worker === current) worker = undefined;
          void current.terminate();
        }, timeoutMs);
        timer.unref();
        const settle = <T>(fn: (value: T) => void) => (value: T) => {
          clearTimeout(timer);
          fn(value);
        };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
        current.ref();
        try {
          current.postMessage({ id, maskKeys, decisions, heads });
        } catch (error) {
          // Not cloneable (a context value that is not plain data): this batch fails, the worker stays.
          pending.delete(id);
          clearTimeout(timer);
          if (pending.size === 0) current.unref();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    close: async () => {
      const stopping = worker;
      worker = undefined;
      await stopping?.terminate();
    },
  };
}
