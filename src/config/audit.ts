// The audit trail's settings (RELATA_AUDIT_*). Change audit is always on; these shape the opt-in
// decision log, masking, retention and the denial-spike signal.

export type DecisionLogMode = 'off' | 'denied' | 'all';

export interface AuditConfig {
  /** RELATA_AUDIT_DECISIONS: which Check decisions are logged (default off). */
  decisions: DecisionLogMode;
  /** RELATA_AUDIT_DECISIONS_STORES: per-store overrides, `<store id>=off|denied|all,...`. */
  decisionsByStore: ReadonlyMap<string, DecisionLogMode>;
  /** RELATA_AUDIT_DECISION_SAMPLE: fraction of the selected decisions logged, 0..1 (default 1). */
  decisionSample: number;
  /** RELATA_AUDIT_DECISION_QUEUE: decisions waiting to be written; beyond it they are dropped and counted. */
  decisionQueueSize: number;
  /** RELATA_AUDIT_DECISION_BATCH: decisions per write. */
  decisionBatchSize: number;
  /** RELATA_AUDIT_DECISION_FLUSH_MS: longest a logged decision waits before it is written. */
  decisionFlushMs: number;
  /** RELATA_AUDIT_MASK_KEYS: context keys whose values are stored as "***" (comma separated). */
  maskKeys: string[];
  /** RELATA_AUDIT_RETENTION_DAYS: records older than this are removed (0 = kept forever). */
  retentionDays: number;
  /** RELATA_AUDIT_SPIKE_MIN_DENIALS / _MULTIPLE / _WINDOW_S: a subject's denials in one window above
   * both this count and this multiple of its own baseline are a suspicious spike. */
  spikeMinDenials: number;
  spikeMultiple: number;
  spikeWindowSeconds: number;
}

import { ConfigError } from './env.js';

type Env = Record<string, string | undefined>;


const modes: readonly DecisionLogMode[] = ['off', 'denied', 'all'];

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function mode(value: string, name: string): DecisionLogMode {
  const lower = value.toLowerCase();
  if (!(modes as readonly string[]).includes(lower)) throw new ConfigError(`${name} must be one of off, denied, all; got '${value.slice(0, 64)}'`);
  return lower as DecisionLogMode;
}

function number(env: Env, name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!pattern.test(raw)) throw new ConfigError(`${name} must be ${integer ? 'an integer' : 'a number'}, got '${raw.slice(0, 64)}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${raw.slice(0, 64)}`);
  return value;
}

function byStore(env: Env): Map<string, DecisionLogMode> {
  const name = 'RELATA_AUDIT_DECISIONS_STORES';
  const out = new Map<string, DecisionLogMode>();
  for (const part of (read(env, name) ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([0-9A-Za-z]{1,64})=(\w+)$/.exec(part);
    if (!match) throw new ConfigError(`${name} must be <store id>=off|denied|all,...; got '${part.slice(0, 64)}'`);
    out.set(match[1], mode(match[2], name));
  }
  return out;
}

function maskKeys(env: Env): string[] {
  const keys = (read(env, 'RELATA_AUDIT_MASK_KEYS') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length > 1000 || keys.some((k) => k.length > 256)) throw new ConfigError('RELATA_AUDIT_MASK_KEYS must hold at most 1000 keys of at most 256 characters');
  return keys;
}

export function loadAuditConfig(env: Env = process.env): AuditConfig {
  return {
    decisions: mode(read(env, 'RELATA_AUDIT_DECISIONS') ?? 'off', 'RELATA_AUDIT_DECISIONS'),
    decisionsByStore: byStore(env),
    decisionSample: number(env, 'RELATA_AUDIT_DECISION_SAMPLE', 1, 0, 1, false),
    decisionQueueSize: number(env, 'RELATA_AUDIT_DECISION_QUEUE', 10_000, 1, 10_000_000),
    // Each batch costs a transaction of five round trips and a message to the log's worker: at
    // high rates bigger batches cost less per decision (bench/audit-decision-log-cpu.ts --batch).
    decisionBatchSize: number(env, 'RELATA_AUDIT_DECISION_BATCH', 2000, 1, 10_000),
    decisionFlushMs: number(env, 'RELATA_AUDIT_DECISION_FLUSH_MS', 200, 1, 60_000),
    maskKeys: maskKeys(env),
    retentionDays: number(env, 'RELATA_AUDIT_RETENTION_DAYS', 0, 0, 100_000),
    spikeMinDenials: number(env, 'RELATA_AUDIT_SPIKE_MIN_DENIALS', 50, 1, 1_000_000_000),
    spikeMultiple: number(env, 'RELATA_AUDIT_SPIKE_MULTIPLE', 5, 1, 1_000_000, false),
    spikeWindowSeconds: number(env, 'RELATA_AUDIT_SPIKE_WINDOW_S', 60, 1, 86_400),
  };
}

/** Defaults (no variables set): decisions off, nothing masked, kept forever. */
export const defaultAuditConfig: AuditConfig = loadAuditConfig({});
