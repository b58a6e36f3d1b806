// `relata audit verify`: walks each chain from its base (or its start) to its head, recomputing
// every hash from the stored canonical body, and reports the first record that was altered,
// removed, inserted or reordered, or a head that does not match the last record.
import type { AuditChainHead, AuditRecord, AuditRepository } from '../storage/audit-repository.js';
import { chainHash } from './chain.js';

/**
 * altered: a record's hash does not match its content; broken-link: a record does not follow the
 * one before it (records reordered, or one before it rewritten with a recomputed hash); missing:
 * a sequence number is absent; head-mismatch: records were removed from (or added past) the end.
 */
export type VerifyProblemKind = 'altered' | 'broken-link' | 'missing' | 'head-mismatch' | 'columns-mismatch';

export interface VerifyProblem {
  chain: string;
  kind: VerifyProblemKind;
  /** The sequence number where the chain first breaks. */
  seq: bigint;
  message: string;
}

export interface ChainReport {
  chain: string;
  records: number;
  headSeq: bigint;
  headHash: string;
  problem?: VerifyProblem;
}

export interface VerifyOptions {
  /** Only this store's chains. */
  storeId?: string;
  /** Records read per round trip. */
  batchSize?: number;
}

function bodyOf(record: AuditRecord): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(record.body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The indexed columns must say what the hashed body says (else queries could be misled). */
function columnsAgree(record: AuditRecord): boolean {
  const body = bodyOf(record);
  if (!body) return false;
  return (
    body.store === record.storeId &&
    body.at === record.at.toISOString() &&
    body.kind === record.kind &&
    body.op === record.operation &&
    body.actor === record.actor &&
    (body.result ?? '') === record.result
  );
}

async function verifyChain(repo: AuditRepository, head: AuditChainHead, batchSize: number): Promise<ChainReport> {
  const report: ChainReport = { chain: head.chain, records: 0, headSeq: head.headSeq, headHash: head.headHash };
  const fail = (kind: VerifyProblemKind, seq: bigint, message: string): ChainReport => ({ ...report, problem: { chain: head.chain, kind, seq, message } });
  let expectedSeq = head.baseSeq + 1n;
  let prevHash = head.baseHash;
  for (;;) {
    const batch = await repo.readAuditChain(head.chain, expectedSeq - 1n, batchSize);
    // Records past a gap are read too: a gap is reported at its first missing number.
    const rest = batch.length === 0 ? await repo.readAuditChain(head.chain, expectedSeq, 1) : [];
    if (batch.length === 0) {
      if (rest.length > 0 || expectedSeq - 1n !== head.headSeq) {
        if (expectedSeq - 1n < head.headSeq) return fail('missing', expectedSeq, `record ${expectedSeq} of chain ${head.chain} is missing (the head is at ${head.headSeq})`);
        return fail('head-mismatch', expectedSeq, `chain ${head.chain} has records past its head ${head.headSeq}`);
      }
      break;
    }
    for (const record of batch) {
      if (record.seq !== expectedSeq) return fail('missing', expectedSeq, `record ${expectedSeq} of chain ${head.chain} is missing`);
      const recomputed = chainHash(prevHash, head.chain, record.seq, record.body);
      if (record.prevHash !== prevHash) {
        return fail('broken-link', record.seq, `record ${record.seq} of chain ${head.chain} does not follow record ${record.seq - 1n}: records were reordered, or the one before was rewritten`);
      }
      if (recomputed !== record.hash) return fail('altered', record.seq, `record ${record.seq} of chain ${head.chain} was altered (its hash does not match its content)`);
      if (!columnsAgree(record)) return fail('columns-mismatch', record.seq, `record ${record.seq} of chain ${head.chain}: its columns disagree with its hashed body`);
      prevHash = record.hash;
      expectedSeq++;
      report.records++;
    }
  }
  if (prevHash !== head.headHash) return fail('head-mismatch', head.headSeq, `the head of chain ${head.chain} does not match its last record`);
  return report;
}

function chainStore(chain: string): string {
  return chain.slice(chain.indexOf(':') + 1);
}

export async function verifyAudit(repo: AuditRepository, options: VerifyOptions = {}): Promise<ChainReport[]> {
  const heads = (await repo.auditChains()).filter((h) => options.storeId === undefined || chainStore(h.chain) === options.storeId);
  const reports: ChainReport[] = [];
  for (const head of heads) reports.push(await verifyChain(repo, head, options.batchSize ?? 1000));
  return reports;
}
