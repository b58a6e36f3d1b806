// Where WriteAuthorizationModel's analyses run. They are linear, but a model at the size limit
// still costs tens of milliseconds of CPU (more before the JIT has warmed), and on the event loop
// that is tens of milliseconds in which no Check is answered. The composition root therefore
// runs them on one worker thread; the in-process checker serves tests and the CLI.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InternalError, RelataError, ValidationError } from '../model/index.js';
import type { ErrorCode } from '../model/index.js';
import type { AuthorizationModel, ModelLimits } from '../model/index.js';
import { checkModelForWrite } from './model-validation.js';

export type ModelChecker = (model: Omit<AuthorizationModel, 'id'>, limits: ModelLimits) => Promise<AuthorizationModel>;

export const inProcessModelChecker: ModelChecker = async (model, limits) => checkModelForWrite(model, limits);

/** What the worker posts back: the checked model, or the typed error to raise. */
export type ModelCheckReply =
  | { id: number; model: AuthorizationModel }
  | { id: number; error: { validation: boolean; code: ErrorCode; message: string } }
  | { id: number; internal: string };

export interface WorkerModelChecker {
  check: ModelChecker;
  /** Ends the worker; pending checks fail. */
  close(): Promise<void>;
}

// Run from source (tsx, vitest) the worker is a .ts file: a small bootstrap registers tsx's
// loader in the worker before importing it (execArgv's --import does not reach a worker's entry).
// Built, it is plain .js.
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./model-check-worker.js', import.meta.url));
  const entry = new URL('./model-check-worker.ts', import.meta.url).href;
  // require.resolve finds the CommonJS build; its ESM twin sits beside it.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

export function createWorkerModelChecker(): WorkerModelChecker {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (model: AuthorizationModel) => void; reject: (error: unknown) => void }>();

  const failAll = (error: unknown): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const started = startWorker();
    started.on('message', (reply: ModelCheckReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      // An idle worker must not keep the process alive.
      if (pending.size === 0) started.unref();
      if ('model' in reply) waiting.resolve(reply.model);
      else if ('error' in reply) {
        const { validation, code, message } = reply.error;
        waiting.reject(validation ? new ValidationError(code, message) : new RelataError(code, message));
      } else waiting.reject(new InternalError(undefined, { cause: new Error(reply.internal) }));
    });
    // A crashed worker fails what it held and is started again on the next check.
    const lost = (cause: unknown): void => {
      if (worker === started) worker = undefined;
      failAll(new InternalError(undefined, { cause }));
    };
    started.on('error', lost);
    started.on('exit', (code) => lost(new Error(`model check worker exited with code ${code}`)));
    return started;
  };

  return {
    check: (model, limits) =>
      new Promise<AuthorizationModel>((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, model, limits });
      }),
    close: async () => {
      const running = worker;
      worker = undefined;
      failAll(new InternalError(undefined, { cause: new Error('model check worker closed') }));
      await running?.terminate();
    },
  };
}
