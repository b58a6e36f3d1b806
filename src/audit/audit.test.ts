// The audit module alone: canonical encoding, masking, actors, the decision log's bounded queue,
// spike detection, and the audit config's parsing.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { createMasker } from './mask.js';
import { actorFields, clientIp } from './actor.js';
import { DecisionLog } from './decision-log.js';
import { DenialSpikeDetector, findSpikes } from './denial-spikes.js';
import { AuditTrail } from './audit-trail.js';
import { defaultAuditConfig, loadAuditConfig } from '../config/audit.js';
import { ConfigError } from '../config/index.js';
import type { AuditDraft } from '../storage/audit-repository.js';

describe('canonical encoding', () => {
  it('sorts keys at every depth, drops undefined, encodes bigints and dates as strings', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: 'x' }, n: 5n, t: new Date(0) })).toBe(
      '{"a":{"c":"x","d":[2,{"z":1}]},"b":1,"n":"5","t":"1970-01-01T00:00:00.000Z"}',
    );
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
    expect(canonicalJson({ x: NaN, y: Infinity })).toBe('{"x":null,"y":null}');
  });
});

describe('masking', () => {
  it('masks configured keys case-insensitively at any depth, keeps __proto__ an own key', () => {
    const mask = createMasker(['Password', 'token']);
    const input = JSON.parse('{"password":"p","nested":{"TOKEN":"t","ok":1},"list":[{"token":"x"}],"__proto__":{"token":"y"}}') as unknown;
    const masked = mask(input) as Record<string, unknown>;
    expect(masked).toMatchObject({ password: '***', nested: { TOKEN: '***', ok: 1 }, list: [{ token: '***' }] });
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(masked, '__proto__')?.value).toEqual({ token: '***' });
    expect(createMasker([])(input)).toBe(input);
  });
});

describe('actor', () => {
  it('names a principal, else the peer, else in-process', () => {
    expect(actorFields(undefined)).toEqual({ actor: 'in-process' });
    expect(actorFields({ principal: { kind: 'oidc', id: 'alice' }, peerAddress: 'ipv6:[::1]:4000' })).toMatchObject({ actor: 'oidc:alice', ip: '::1' });
    expect(actorFields({ principal: { kind: 'anonymous', id: '' }, peerAddress: 'ipv4:10.1.2.3:555' }).actor).toBe('peer:10.1.2.3');
    expect(actorFields({ principal: { kind: 'anonymous', id: '' } }).actor).toBe('unknown');
    expect(actorFields({ reason: 'r'.repeat(5000) }).reason).toHaveLength(1025);
    expect(clientIp('unix:/tmp/sock')).toBe('unix:/tmp/sock');
  });
});

describe('decision log', () => {
  const draft = (): AuditDraft => ({ chain: 'd:x', seal: () => { throw new Error('unused'); } });

  it('drops and counts past a tiny queue without waiting, and flushes the rest on close', async () => {
    const written: number[] = [];
    const dropped: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const log = new DecisionLog({
      mode: 'all', byStore: new Map(), sample: 1, queueSize: 2, batchSize: 2, flushMs: 60_000,
      write: async (drafts) => { await gate; written.push(drafts.length); },
      onDropped: (n, why) => dropped.push(`${n}:${why}`),
    });
    for (let i = 0; i < 5; i++) log.record(draft);
    expect(log.queued).toBe(2);
    expect(log.droppedCount).toBe(3);
    expect(dropped).toEqual(['1:queue-full', '1:queue-full', '1:queue-full']);
    const closing = log.close();
    release();
    await closing;
    expect(written).toEqual([2]);
    log.record(draft); // after close: dropped, never queued
    expect(log.droppedCount).toBe(4);
  });

  it('counts a failed batch as dropped', async () => {
    let failures = 0;
    const log = new DecisionLog({
      mode: 'all', byStore: new Map(), sample: 1, queueSize: 10, batchSize: 10, flushMs: 60_000,
      write: () => Promise.reject(new Error('db down')),
      onDropped: (n, why) => (failures += why === 'write-failed' ? n : 0),
    });
    log.record(draft);
    log.record(draft);
    await log.close();
    expect(failures).toBe(2);
  });

  it('selects by mode per store and samples', () => {
    let r = 0;
    const log = new DecisionLog({
      mode: 'denied', byStore: new Map([['S1', 'all'], ['S2', 'off']]), sample: 0.5, queueSize: 1, batchSize: 1, flushMs: 60_000,
      write: () => Promise.resolve(), random: () => (r = 1 - r),
    });
    expect(log.wants('S2', false)).toBe(false);
    expect(log.wants('S0', true)).toBe(false);
    expect([log.wants('S0', false), log.wants('S0', false)]).toEqual([false, true]);
    expect([log.wants('S1', true), log.wants('S1', true)]).toEqual([false, true]);
    void log.close();
  });

  it('counts every decision and the spike once, even with the decision log off', () => {
    const seen: string[] = [];
    const trail = new AuditTrail({
      config: { ...defaultAuditConfig, spikeMinDenials: 3, spikeMultiple: 2 },
      metrics: { decision: (ok) => seen.push(ok ? 'allowed' : 'denied'), denialSpike: () => seen.push('spike'), decisionsWritten: () => undefined, decisionsDropped: () => undefined },
    });
    const event = { operation: 'Check' as const, storeId: 'S', user: 'user:m', relation: 'r', object: 'o:1', modelId: 'M', cache: 'l1', latencyMs: 0 };
    trail.decision({ ...event, allowed: true });
    for (let i = 0; i < 6; i++) trail.decision({ ...event, allowed: false });
    expect(seen.filter((s) => s === 'spike')).toHaveLength(1);
    expect(seen.filter((s) => s === 'denied')).toHaveLength(6);
    expect(trail.decisionLogOn).toBe(false);
  });
});

describe('denial spikes', () => {
  const rule = { minDenials: 5, multiple: 3, windowMs: 1000 };

  it('live: needs both the absolute count and the multiple of the baseline', () => {
    let now = 0;
    const d = new DenialSpikeDetector(rule, 10, () => now);
    // A steady 8 per window builds a baseline...
    for (let w = 0; w < 20; w++) {
      now = w * 1000;
      for (let i = 0; i < 8; i++) d.denied('user:steady');
    }
    now = 20_000;
    const flags = Array.from({ length: 30 }, () => d.denied('user:steady'));
    expect(flags.filter(Boolean)).toHaveLength(1); // above 3 x the baseline of ~8, not at 6 (the absolute count)
    expect(flags.indexOf(true)).toBeGreaterThan(20);
    const fresh = Array.from({ length: 7 }, () => d.denied('user:new'));
    expect(fresh.indexOf(true)).toBe(5); // the 6th denial: > 5 and > 3 x 1
  });

  it('live: memory stays bounded by the subject cap', () => {
    const d = new DenialSpikeDetector(rule, 3, () => 0);
    for (let i = 0; i < 100; i++) expect(d.denied(`user:${i}`)).toBe(false);
  });

  it('offline: finds the window where a subject spiked against its own history', () => {
    const from = new Date(0);
    const at = (ms: number) => new Date(ms);
    const denials = [
      ...Array.from({ length: 4 }, (_, w) => Array.from({ length: 2 }, () => ({ subject: 'user:a', at: at(w * 1000 + 10) }))).flat(),
      ...Array.from({ length: 30 }, () => ({ subject: 'user:a', at: at(4500) })),
      ...Array.from({ length: 6 }, () => ({ subject: 'user:b', at: at(100) })),
    ];
    const found = findSpikes(denials, from, rule);
    expect(found.map((f) => [f.subject, f.denials, f.windowStart.getTime()])).toEqual([
      ['user:a', 30, 4000],
      ['user:b', 6, 0],
    ]);
  });
});

describe('audit config', () => {
  it('parses every variable and names the bad one', () => {
    const c = loadAuditConfig({
      RELATA_AUDIT_DECISIONS: 'Denied',
      RELATA_AUDIT_DECISIONS_STORES: '01HABC=all, 01HDEF=off',
      RELATA_AUDIT_DECISION_SAMPLE: '0.25',
      RELATA_AUDIT_MASK_KEYS: 'password, token ,',
      RELATA_AUDIT_RETENTION_DAYS: '90',
    });
    expect(c).toMatchObject({ decisions: 'denied', decisionSample: 0.25, maskKeys: ['password', 'token'], retentionDays: 90 });
    expect([...c.decisionsByStore]).toEqual([['01HABC', 'all'], ['01HDEF', 'off']]);
    expect(defaultAuditConfig).toMatchObject({ decisions: 'off', decisionSample: 1, retentionDays: 0 });
    for (const [name, value] of [
      ['RELATA_AUDIT_DECISIONS', 'some'],
      ['RELATA_AUDIT_DECISION_SAMPLE', '1.5'],
      ['RELATA_AUDIT_DECISION_SAMPLE', '-1'],
      ['RELATA_AUDIT_DECISIONS_STORES', 'abc'],
      ['RELATA_AUDIT_DECISIONS_STORES', 'abc=sometimes'],
      ['RELATA_AUDIT_DECISION_QUEUE', '0'],
      ['RELATA_AUDIT_RETENTION_DAYS', 'forever'],
    ]) {
      expect(() => loadAuditConfig({ [name]: value })).toThrow(ConfigError);
      expect(() => loadAuditConfig({ [name]: value })).toThrow(name);
    }
  });
});
