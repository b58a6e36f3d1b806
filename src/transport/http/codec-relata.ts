// relata.v1 messages in OpenFGA's JSON form (codec-json.ts): proto field names, unpopulated
// fields emitted, int64 as decimal strings and timestamps as RFC 3339, as protojson writes them.
import type { ApiClientInfo, ExplainNode, ExplainOutput, IssuedApiClient, Paged, RelataService } from '../../service/index.js';

type AuditView = Awaited<ReturnType<RelataService['readAuditRecords']>> extends Paged<infer V> ? V : never;
type AuditReport = Awaited<ReturnType<RelataService['auditReport']>>;
type ChainReport = Awaited<ReturnType<RelataService['verifyAudit']>>[number];
import { encodeTimestamp } from './codec-json.js';
import { apiClientWire, explainNodeWire, type ExplainNodeWire } from '../shared/relata-wire.js';

export function encodeApiClient(client: ApiClientInfo) {
  return apiClientWire(client, encodeTimestamp);
}

export function encodeIssuedApiClient(issued: IssuedApiClient) {
  return { client: encodeApiClient(issued.client), key: issued.key };
}

export function encodeAuditRecord(record: AuditView) {
  return {
    id: record.id,
    chain: record.chain,
    seq: record.seq,
    store_id: record.storeId,
    at: encodeTimestamp(new Date(record.at)),
    kind: record.kind,
    operation: record.operation,
    actor: record.actor,
    result: record.result,
    record_json: record.body,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

const counts = (items: readonly { key: string; count: number }[]) => items.map((item) => ({ key: item.key, count: String(item.count) }));

export function encodeAuditReport(report: AuditReport) {
  return {
    changes_by_actor: counts(report.changesByActor),
    changes_by_operation: counts(report.changesByOperation),
    decisions_by_result: counts(report.decisionsByResult),
    top_denied_subjects: counts(report.topDeniedSubjects),
    top_denied_objects: counts(report.topDeniedObjects),
    suspicious_denials: report.suspiciousDenials.map((spike) => ({
      subject: spike.subject,
      window_start: encodeTimestamp(new Date(spike.windowStart)),
      denials: String(spike.denials),
      baseline: spike.baseline,
    })),
    truncated: report.truncated,
  };
}

export function encodeVerification(chains: readonly ChainReport[]) {
  return {
    chains: chains.map((chain) => ({
      chain: chain.chain,
      records: String(chain.records),
      head_seq: chain.headSeq.toString(),
      head_hash: chain.headHash,
      ok: !chain.problem,
      problem: chain.problem?.kind ?? '',
      problem_seq: chain.problem?.seq.toString() ?? '',
      message: chain.problem?.message ?? '',
    })),
    ok: chains.every((chain) => !chain.problem),
  };
}

export type ExplainNodeJson = ExplainNodeWire<Record<string, unknown>>;

export function encodeExplainNode(node: ExplainNode): ExplainNodeJson {
  return explainNodeWire(node, (parameters) => parameters);
}

export function encodeExplain(out: ExplainOutput) {
  return {
    allowed: out.allowed,
    root: encodeExplainNode(out.root),
    node_count: out.nodeCount,
    truncated: out.truncated,
    error: out.error ? { code: out.error.code, message: out.error.message } : null,
  };
}
