// The decision log's worker thread: seals batches of decisions (masking, canonical encoding,
// SHA-256 chaining) so that none of that CPU is spent on the thread that answers Checks, and,
// given an AuditAppenderSpec, appends them itself over its own connection (nothing comes back
// but a count). Requests are answered one at a time, in order.
import { parentPort } from 'node:worker_threads';
import type { AuditAppender, AuditAppenderSpec, AuditHead } from '../storage/audit-repository.js';
import { decisionChains, sealDecisions, type DecisionRecord } from './decision-seal.js';
import { createMasker, type Masker } from './mask.js';

export type WorkerRequest =
  | { id: number; kind: 'seal'; maskKeys: readonly string[]; decisions: DecisionRecord[]; heads: Map<string, AuditHead> }
  | { id: number; kind: 'append'; maskKeys: readonly string[]; decisions: DecisionRecord[]; store: AuditAppenderSpec }
  | { id: number; kind: 'close' };

const maskers = new Map<string, Masker>();
const appenders = new Map<string, Promise<AuditAppender>>();

function maskerOf(keys: readonly string[]): Masker {
  const key = keys.join('\u0000');
  let mask = maskers.get(key);
  if (!mask) maskers.set(key, (mask = createMasker(keys)));
  return mask;
}

/** One appender per spec, opened on first use; one that failed to open is tried again next time. */
function appenderOf(spec: AuditAppenderSpec): Promise<AuditAppender> {
  const key = JSON.stringify(spec);
  let opening = appenders.get(key);
  if (!opening) {
    opening = import(spec.module).then((module: { openAuditAppender: (options: unknown) => Promise<AuditAppender> }) => module.openAuditAppender(spec.options));
    opening.catch(() => appenders.delete(key));
    appenders.set(key, opening);
  }
  return opening;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'seal':
      return { records: sealDecisions(request.decisions, request.heads, maskerOf(request.maskKeys)) };
    case 'append': {
      const appender = await appenderOf(request.store);
      const mask = maskerOf(request.maskKeys);
      const decisions = request.decisions;
      await appender.appendAuditBatch({ chains: decisionChains(decisions), seal: (heads) => Promise.resolve(sealDecisions(decisions, heads, mask)) });
      return { written: decisions.length };
    }
    case 'close': {
      const open = [...appenders.values()];
      appenders.clear();
      await Promise.allSettled(open.map(async (opening) => (await opening).close()));
      return { closed: true };
    }
  }
}

let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      parentPort?.postMessage({ id: request.id, ...((await handle(request)) as object) });
    } catch (error) {
      parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
