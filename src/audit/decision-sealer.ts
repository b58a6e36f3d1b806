// Where the decision log's batches go. A server on PostgreSQL hands each batch to a worker
// thread that seals it and appends it over its own connection (workerDecisionAppender): the
// thread answering Checks only posts the flat records. Backends a worker cannot reach on its own
// (PGlite, memory) seal on the worker and append on the main thread (workerDecisionSealer), or
// seal inline (tests, CLI). The worker is started on the first batch, unref'd while idle, and
// started again if it dies.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../runtime/module-worker.js';
import type { AuditAppenderSpec, AuditHead, SealedAuditRecord } from '../storage/audit-repository.js';
import { sealDecisions, type DecisionRecord } from './decision-seal.js';
import { createMasker } from './mask.js';
import type { WorkerRequest } from './seal-worker.js';

export interface DecisionSealer {
  seal(decisions: DecisionRecord[], heads: ReadonlyMap<string, AuditHead>): Promise<SealedAuditRecord[]>;
  close(): Promise<void>;
}

/** Seals and appends a batch off the calling thread; resolves once it is stored. */
export interface DecisionAppender {
  append(decisions: DecisionRecord[]): Promise<void>;
  close(): Promise<void>;
}

export function inlineDecisionSealer(maskKeys: readonly string[]): DecisionSealer {
  const mask = createMasker(maskKeys);
  return {
    seal: (decisions, heads) => Promise.resolve(sealDecisions(decisions, heads, mask)),
    close: () => Promise.resolve(),
  };
}


type Reply = { id: number; error?: string } & Record<string, unknown>;
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A batch not answered by then fails (its decisions are counted as dropped) and the worker is
 * replaced: the datastore holds the chains' heads locked while a batch is sealed.
 */
export const sealTimeoutMs = 30_000;
/** How long close() waits for the worker to close its connections before ending it. */
const closeTimeoutMs = 2_000;

/** The worker thread as a request/reply channel; a request it cannot answer rejects. */
function decisionWorker(timeoutMs: number) {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  const start = (): Worker => {
    const started = startModuleWorker(new URL('./seal-worker.js', import.meta.url));
    started.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.error === undefined) waiting.resolve(reply);
      else waiting.reject(new Error(`decision log worker: ${reply.error}`));
    });
    const lost = (cause: Error): void => {
      if (worker === started) worker = undefined;
      for (const { reject } of pending.values()) reject(cause);
      pending.clear();
    };
    started.on('error', lost);
    started.on('exit', (code) => lost(new Error(`decision log worker exited with code ${code}`)));
    return started;
  };
  const request = (message: Request, wait = timeoutMs): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const current = (worker ??= start());
      const id = nextId++;
      const timer = setTimeout(() => {
        if (!pending.has(id)) return;
        pending.delete(id);
        reject(new Error(`decision log worker: no answer in ${wait} ms`));
        if (worker === current) worker = undefined;
        void current.terminate();
      }, wait);
      timer.unref();
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        fn(value);
      };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      current.ref();
      try {
        current.postMessage({ id, ...message });
      } catch (error) {
        // Not cloneable (a context value that is not plain data): this batch fails, the worker stays.
        pending.delete(id);
        clearTimeout(timer);
        if (pending.size === 0) current.unref();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  return {
    request,
    /** Lets the worker close what it opened (its connection), then ends it. */
    async close(): Promise<void> {
      const stopping = worker;
      if (!stopping) return;
      await request({ kind: 'close' }, closeTimeoutMs).catch(() => undefined);
      if (worker === stopping) worker = undefined;
      await stopping.terminate();
    },
  };
}

export function workerDecisionSealer(maskKeys: readonly string[], timeoutMs = sealTimeoutMs): DecisionSealer {
  const worker = decisionWorker(timeoutMs);
  return {
    seal: async (decisions, heads) => (await worker.request({ kind: 'seal', maskKeys, decisions, heads: new Map(heads) })).records as SealedAuditRecord[],
    close: () => worker.close(),
  };
}

/** Batches sealed and appended by the worker through the appender `store` opens there. */
export function workerDecisionAppender(maskKeys: readonly string[], store: AuditAppenderSpec, timeoutMs = sealTimeoutMs): DecisionAppender {
  const worker = decisionWorker(timeoutMs);
  return {
    append: async (decisions) => {
      await worker.request({ kind: 'append', maskKeys, decisions, store });
    },
    close: () => worker.close(),
  };
}
