// Output of `relata audit query`: a table for people, JSON or CSV for tools.
import type { AuditView } from '../../audit/index.js';

export type AuditFormat = 'table' | 'json' | 'csv';

const columns = ['at', 'kind', 'operation', 'actor', 'result', 'summary'] as const;

/** One line saying what the record is about: the tuples changed, the decision asked, the names set. */
export function summary(view: AuditView): string {
  const r = view.record;
  const tuples = (key: string) => (Array.isArray(r[key]) ? (r[key] as { object?: string; relation?: string; user?: string }[]) : []);
  const fmt = (t: { object?: string; relation?: string; user?: string }) => `${t.object}#${t.relation}@${t.user}`;
  const parts: string[] = [];
  for (const t of tuples('writes')) parts.push(`+${fmt(t)}`);
  for (const t of tuples('deletes')) parts.push(`-${fmt(t)}`);
  if (view.kind === 'decision') parts.push(`${String(r.object)}#${String(r.relation)}@${String(r.user)}`);
  if (typeof r.modelId === 'string' && view.kind === 'change') parts.push(`model ${r.modelId}`);
  if (typeof r.name === 'string') parts.push(`name ${JSON.stringify(r.name)}`);
  if (typeof r.reason === 'string') parts.push(`reason ${JSON.stringify(r.reason)}`);
  const text = parts.join(' ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function cells(view: AuditView): string[] {
  return [view.at, view.kind, view.operation, view.actor, view.result, summary(view)];
}

function csvCell(value: string): string {
  // Formula injection: a cell starting with = + - @ is quoted text, not a formula, in spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatAudit(views: AuditView[], format: AuditFormat): string {
  if (format === 'json') return JSON.stringify(views, null, 2);
  if (format === 'csv') return [columns.join(','), ...views.map((v) => cells(v).map(csvCell).join(','))].join('\n');
  const rows = [columns.map((c) => c.toUpperCase()), ...views.map(cells)];
  const widths = columns.map((_, i) => Math.min(60, Math.max(...rows.map((row) => row[i].length))));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}
