// The worker thread of createWorkerModelChecker: runs checkModelForWrite on each model it is sent
// and posts back the checked model or the typed error (errors cross threads as plain data).
import { parentPort } from 'node:worker_threads';
import { RelataError, ValidationError } from '../model/index.js';
import type { AuthorizationModel, ModelLimits } from '../model/index.js';
import type { ModelCheckReply } from './model-checker.js';
import { checkModelForWrite } from './model-validation.js';

parentPort?.on('message', ({ id, model, limits }: { id: number; model: Omit<AuthorizationModel, 'id'>; limits: ModelLimits }) => {
  let reply: ModelCheckReply;
  try {
    reply = { id, model: checkModelForWrite(model, limits) };
  } catch (error) {
    reply =
      error instanceof RelataError
        ? { id, error: { validation: error instanceof ValidationError, code: error.code, message: error.message } }
        : { id, internal: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
