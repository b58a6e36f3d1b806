// The worker thread of createWorkerModelChecker: decodes each request's bytes with the decoder its
// transport registered (importing that transport's module on first use), runs the checks, and
// posts back the checked model's JSON text or the typed error, as plain data.
import { parentPort } from 'node:worker_threads';
import { ValidationError } from '../model/index.js';
import { runModelCheck } from './model-check.js';
import type { ModelCheckReply, ModelCheckRequest } from './model-checker.js';
import { modelDecoder } from './model-decoders.js';

const imported = new Map<string, Promise<unknown>>();

async function answer(request: ModelCheckRequest): Promise<ModelCheckReply> {
  const { id, limits } = request;
  try {
    let outcome;
    if ('model' in request) outcome = runModelCheck({ model: request.model }, limits, undefined, false);
    else {
      if (!imported.has(request.module)) imported.set(request.module, import(request.module));
      await imported.get(request.module);
      outcome = runModelCheck({ format: request.format, bytes: request.bytes }, limits, modelDecoder(request.format)?.decode, false);
    }
    if ('checked' in outcome) return { id, checked: outcome.checked };
    const { error } = outcome;
    return { id, failed: outcome.failed, storeId: outcome.storeId, error: { validation: error instanceof ValidationError, code: error.code, message: error.message } };
  } catch (error) {
    return { id, internal: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

// One check at a time, in arrival order: the queue is the main thread's bounded `pending` map.
let chain: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: ModelCheckRequest) => {
  chain = chain.then(async () => parentPort?.postMessage(await answer(request)));
});
