// Handlers of relata.v1's audit calls: decode, call the service, encode.
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { unary } from './call.js';
import { dateToTimestamp, timestampToDate } from './codec-values.js';
import type { RelataServiceHandlers } from './generated/relata/v1/RelataService.js';

type AuditMethods = 'ReadAuditRecords' | 'AuditReport' | 'VerifyAudit';

export function auditHandlers(service: RelataService, deps: CallDeps): Pick<RelataServiceHandlers, AuditMethods> {
  return {
    ReadAuditRecords: unary(deps, 'ReadAuditRecords', async (req, call) => {
      const page = await service.readAuditRecords(
        {
          storeId: req.store_id,
          actor: req.actor,
          object: req.object,
          subject: req.subject,
          operation: req.operation,
          kind: req.kind,
          decision: req.decision,
          from: timestampToDate(req.from, 'from'),
          to: timestampToDate(req.to, 'to'),
          pageSize: req.page_size,
          continuationToken: req.continuation_token,
        },
        call.caller,
      );
      return {
        records: page.items.map((r) => ({
          id: r.id,
          chain: r.chain,
          seq: r.seq,
          store_id: r.storeId,
          at: dateToTimestamp(new Date(r.at)),
          kind: r.kind,
          operation: r.operation,
          actor: r.actor,
          result: r.result,
          record_json: r.body,
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
        continuation_token: page.continuationToken,
      };
    }),
    AuditReport: unary(deps, 'AuditReport', async (req, call) => {
      const report = await service.auditReport({ storeId: req.store_id, from: timestampToDate(req.from, 'from'), to: timestampToDate(req.to, 'to') }, call.caller);
      return {
        changes_by_actor: report.changesByActor,
        changes_by_operation: report.changesByOperation,
        decisions_by_result: report.decisionsByResult,
        top_denied_subjects: report.topDeniedSubjects,
        top_denied_objects: report.topDeniedObjects,
        suspicious_denials: report.suspiciousDenials.map((s) => ({ ...s, window_start: dateToTimestamp(new Date(s.windowStart)) })),
        truncated: report.truncated,
      };
    }),
    VerifyAudit: unary(deps, 'VerifyAudit', async (req, call) => {
      const chains = await service.verifyAudit(req.store_id, call.caller);
      return {
        chains: chains.map((c) => ({
          chain: c.chain,
          records: c.records,
          head_seq: c.headSeq.toString(),
          head_hash: c.headHash,
          ok: !c.problem,
          problem: c.problem?.kind ?? '',
          problem_seq: c.problem?.seq.toString() ?? '',
          message: c.problem?.message ?? '',
        })),
        ok: chains.every((c) => !c.problem),
      };
    }),
  };
}
