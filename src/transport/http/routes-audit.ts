// relata.v1 audit queries over HTTP (scope `admin` on the store): `GET /stores/{store_id}/audit`
// (records, newest first, filtered by query parameters and paged), `GET …/audit/report` and
// `GET …/audit/verify` (a read: it walks the hash chains and changes nothing); `GET /audit` reads
// the global chain's store-less records (scope `admin` on every store).
import type { RelataService } from '../../service/index.js';
import { decodeTimestamp, queryInteger } from './codec-json.js';
import { encodeAuditRecord, encodeAuditReport, encodeVerification } from './codec-relata.js';
import { handle } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { relataQueries, relataResponses } from './schemas-relata.js';

type AuditQuery = Partial<Record<'actor' | 'object' | 'subject' | 'operation' | 'kind' | 'decision' | 'from' | 'to' | 'page_size' | 'continuation_token', string>>;

/** A page of records: the route's store's, or the global chain's for a route without `:store_id`. */
function readRecords(service: RelataService) {
  return handle<unknown, AuditQuery>(async ({ params, query }, call) => {
    const page = await service.readAuditRecords(
      {
        storeId: params.store_id ?? '',
        actor: query.actor,
        object: query.object,
        subject: query.subject,
        operation: query.operation,
        kind: query.kind,
        decision: query.decision,
        from: decodeTimestamp(query.from, 'from'),
        to: decodeTimestamp(query.to, 'to'),
        pageSize: queryInteger(query.page_size, 'page_size'),
        continuationToken: query.continuation_token,
      },
      call.caller,
    );
    return { records: page.items.map(encodeAuditRecord), continuation_token: page.continuationToken };
  });
}

export function auditRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'ReadAuditRecords',
      method: 'GET',
      path: '/stores/:store_id/audit',
      tag: 'Relata',
      summary: "The store's audit records, newest first, filtered and paged (relata.v1)",
      query: relataQueries.ReadAuditRecords,
      response: relataResponses.ReadAuditRecords,
      handler: readRecords(service),
    },
    {
      kind: 'json',
      operation: 'ReadGlobalAuditRecords',
      method: 'GET',
      path: '/audit',
      tag: 'Relata',
      summary: "The global chain's store-less audit records (API client changes), newest first, filtered and paged; admin scope on every store (relata.v1 ReadAuditRecords without a store_id)",
      query: relataQueries.ReadAuditRecords,
      response: relataResponses.ReadAuditRecords,
      handler: readRecords(service),
    },
    {
      kind: 'json',
      operation: 'AuditReport',
      method: 'GET',
      path: '/stores/:store_id/audit/report',
      tag: 'Relata',
      summary: 'Changes by actor, decisions by result, top denials and denial spikes over [from, to) (relata.v1)',
      query: relataQueries.AuditReport,
      response: relataResponses.AuditReport,
      handler: handle<unknown, AuditQuery>(async ({ params, query }, call) =>
        encodeAuditReport(await service.auditReport({ storeId: params.store_id, from: decodeTimestamp(query.from, 'from'), to: decodeTimestamp(query.to, 'to') }, call.caller)),
      ),
    },
    {
      kind: 'json',
      operation: 'VerifyAudit',
      method: 'GET',
      path: '/stores/:store_id/audit/verify',
      tag: 'Relata',
      summary: "Walk the store's audit hash chains and report the first altered, missing or reordered record (relata.v1)",
      response: relataResponses.VerifyAudit,
      handler: handle(async ({ params }, call) => encodeVerification(await service.verifyAudit(params.store_id, call.caller))),
    },
  ];
}
