// Where WriteAuthorizationModel's decoding, checks and analyses run. They are linear, but a model
// at the size limit still costs tens of milliseconds of CPU to decode and tens more to check (more
// before the JIT has warmed), and on the event loop that is time in which no Check is answered.
// So is copying a deep model object between threads (a structured clone of the decoded model took
// as long as decoding it). The composition root therefore sends the request's bytes to one worker
// thread, which decodes, checks and serializes the model and answers with its JSON text (a string
// crosses threads as one copy); the in-process checker serves tests and the CLI.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../runtime/module-worker.js';
import { ErrorCode, InternalError, RelataError, ValidationError } from '../model/index.js';
import type { ModelLimits } from '../model/index.js';
import type { ModelCheckOutcome, ModelCheckStage, ModelSource } from './model-check.js';
import { runModelCheck } from './model-check.js';
import { modelDecoder } from './model-decoders.js';

export type ModelChecker = (source: ModelSource, limits: ModelLimits) => Promise<ModelCheckOutcome>;

export const inProcessModelChecker: ModelChecker = async (source, limits) =>
  runModelCheck(source, limits, 'model' in source ? undefined : modelDecoder(source.format)?.decode, true);

/** What the main thread posts: a model object (the CLI's path) or a request's bytes. */
export type ModelCheckRequest =
  | { id: number; limits: ModelLimits; model: Extract<ModelSource, { model: unknown }>['model'] }
  | { id: number; limits: ModelLimits; format: string; module: string; bytes: Uint8Array };

/** What the worker posts back: flat data only (errors cross threads as their code and message). */
export type ModelCheckReply =
  | { id: number; checked: { storeId?: string; schemaVersion: string; json: string } }
  | { id: number; failed: ModelCheckStage; storeId?: string; error: { validation: boolean; code: ErrorCode; message: string } }
  | { id: number; internal: string };

/** More model checks than the worker's queue holds: refused at once, never queued without bound. */
export class ModelChecksBusyError extends RelataError {
  /** Makes it a 429 with Retry-After over HTTP (RESOURCE_EXHAUSTED over gRPC either way). */
  readonly retryAfterMs = 1000;

  constructor(limit: number) {
    super(ErrorCode.ThrottledTimeoutError, `too many authorization model writes in progress (at most ${limit} are checked or queued at once): retry later`);
    this.name = 'ModelChecksBusyError';
  }
}

export interface WorkerModelChecker {
  check: ModelChecker;
  /** Ends the worker; pending checks fail. */
  close(): Promise<void>;
}

export interface WorkerModelCheckerOptions {
  /** Checks running or waiting at the worker at once (default 16); past it, ModelChecksBusyError. */
  maxQueued?: number;
}


function outcomeOf(reply: Exclude<ModelCheckReply, { internal: string }>): ModelCheckOutcome {
  if ('checked' in reply) return { checked: reply.checked };
  const { validation, code, message } = reply.error;
  return { failed: reply.failed, storeId: reply.storeId, error: validation ? new ValidationError(code, message) : new RelataError(code, message) };
}

export function createWorkerModelChecker(options: WorkerModelCheckerOptions = {}): WorkerModelChecker {
  const maxQueued = options.maxQueued ?? 16;
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (outcome: ModelCheckOutcome) => void; reject: (error: unknown) => void }>();

  const failAll = (error: unknown): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const started = startModuleWorker(new URL('./model-check-worker.js', import.meta.url));
    started.on('message', (reply: ModelCheckReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      // An idle worker must not keep the process alive.
      if (pending.size === 0) started.unref();
      if ('internal' in reply) waiting.reject(new InternalError(undefined, { cause: new Error(reply.internal) }));
      else waiting.resolve(outcomeOf(reply));
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

  const post = (message: ModelCheckRequest, transfer: ArrayBuffer[]): Promise<ModelCheckOutcome> =>
    new Promise<ModelCheckOutcome>((resolve, reject) => {
      worker ??= start();
      pending.set(message.id, { resolve, reject });
      worker.ref();
      worker.postMessage(message, transfer);
    });

  return {
    check: (source, limits) => {
      if (pending.size >= maxQueued) return Promise.reject(new ModelChecksBusyError(maxQueued));
      const id = nextId++;
      if ('model' in source) return post({ id, limits, model: source.model }, []);
      const registered = modelDecoder(source.format);
      if (!registered) return Promise.reject(new InternalError(undefined, { cause: new Error(`no model decoder for format ${source.format}`) }));
      // One copy of exactly the request's bytes (a Buffer may be a view into a larger pool), whose
      // memory then moves to the worker instead of being cloned again.
      const bytes = new Uint8Array(source.bytes);
      return post({ id, limits, format: source.format, module: registered.module, bytes }, [bytes.buffer]);
    },
    close: async () => {
      const running = worker;
      worker = undefined;
      failAll(new InternalError(undefined, { cause: new Error('model check worker closed') }));
      await running?.terminate();
    },
  };
}
