// Audit use cases (relata.v1 ReadAuditRecords, AuditReport, VerifyAudit and the CLI): validate the
// filters, then read through the datastore's audit role. A deleted store's trail stays readable,
// so these do not require the store to exist.
import { ErrorCode, ValidationError, preview } from '../model/index.js';
import { auditReport, toView, verifyAudit, type AuditReport, type AuditView, type ChainReport } from '../audit/index.js';
import type { AuditFilter, AuditKind } from '../storage/audit-repository.js';
import type { ServiceContext } from './context.js';
import type { Paged } from './types.js';
import { continuationToken, pageSize, requireUlid } from './validation.js';

export interface ReadAuditInput {
  /**
   * The store whose records to read; '' or absent: the global chain's store-less records (API
   * client changes). Transports let a caller here without a store only with the scope on every
   * store (src/auth/create-authenticator.ts).
   */
  storeId?: string;
  actor?: string;
  object?: string;
  subject?: string;
  operation?: string;
  kind?: string;
  decision?: string;
  from?: Date;
  to?: Date;
  pageSize?: number;
  continuationToken?: string;
}

export interface AuditReportInput {
  storeId: string;
  from?: Date;
  to?: Date;
}

/** Longest filter value: longer ones cannot match anything Relata stores. */
const maxFilterChars = 1024;

function text(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > maxFilterChars) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: at most ${maxFilterChars} characters`);
  if (value.includes('\u0000')) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: must not contain NUL`);
  return value;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: must be one of ${allowed.join(', ')}, got '${preview(value, 32)}'`);
  }
  return value as T;
}

function range(from: Date | undefined, to: Date | undefined): { from?: Date; to?: Date } {
  for (const [date, field] of [[from, 'from'], [to, 'to']] as const) {
    if (date !== undefined && Number.isNaN(date.getTime())) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: not a valid time`);
  }
  if (from && to && from.getTime() > to.getTime()) throw new ValidationError(ErrorCode.ValidationError, 'invalid from: must not be after to');
  return { from, to };
}

export function auditFilter(input: ReadAuditInput): AuditFilter {
  // Store-less records are stored with store_id '' (src/storage/audit-repository.ts).
  const storeId = input.storeId === undefined || input.storeId === '' ? '' : requireUlid(input.storeId, 'store_id');
  return {
    storeId,
    actor: text(input.actor, 'actor'),
    object: text(input.object, 'object'),
    subject: text(input.subject, 'subject'),
    operation: text(input.operation, 'operation'),
    kind: oneOf<AuditKind>(input.kind, ['change', 'decision'], 'kind'),
    result: oneOf(input.decision, ['allowed', 'denied'] as const, 'decision'),
    ...range(input.from, input.to),
  };
}

export async function readAuditRecords(ctx: ServiceContext, input: ReadAuditInput): Promise<Paged<AuditView>> {
  const filter = auditFilter(input);
  const size = pageSize(input.pageSize, ctx.limits.defaultPageSize);
  const storeId = filter.storeId ?? '';
  const token = await ctx.tokens.open('audit', storeId, continuationToken(input.continuationToken));
  const page = await ctx.datastore.queryAudit(filter, { pageSize: size, continuationToken: token });
  return { items: page.items.map(toView), continuationToken: await ctx.tokens.seal('audit', storeId, page.continuationToken) };
}

/** Default range of a report: the last 24 hours. */
const defaultReportMs = 86_400_000;

export async function readAuditReport(ctx: ServiceContext, input: AuditReportInput): Promise<AuditReport> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const to = input.to ?? new Date();
  const from = input.from ?? new Date(to.getTime() - defaultReportMs);
  range(from, to);
  return auditReport(ctx.datastore, { storeId, from, to, spikes: ctx.audit.spikeRule });
}

export async function verifyStoreAudit(ctx: ServiceContext, storeId: string): Promise<ChainReport[]> {
  return verifyAudit(ctx.datastore, { storeId: requireUlid(storeId, 'store_id') });
}
