// The decision log's worker thread: seals batches of decisions (masking, canonical encoding,
// SHA-256 chaining) so that none of that CPU is spent on the thread that answers Checks.
import { parentPort } from 'node:worker_threads';
import type { AuditHead } from '../storage/audit-repository.js';
import { sealDecisions, type DecisionData } from './decision-seal.js';
import { createMasker, type Masker } from './mask.js';

export interface SealRequest {
  id: number;
  maskKeys: readonly string[];
  decisions: DecisionData[];
  heads: Map<string, AuditHead>;
}

const maskers = new Map<string, Masker>();

parentPort?.on('message', (request: SealRequest) => {
  try {
    const key = request.maskKeys.join('\u0000');
    let mask = maskers.get(key);
    if (!mask) maskers.set(key, (mask = createMasker(request.maskKeys)));
    parentPort?.postMessage({ id: request.id, records: sealDecisions(request.decisions, request.heads, mask) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
