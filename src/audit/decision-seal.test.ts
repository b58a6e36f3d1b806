// The decision body written directly (decisionBody) must be byte for byte the canonical JSON of
// the generic audit entry, or `relata audit verify` would flag every logged decision: compared
// over decisions with and without a caller, context, reason, odd characters and odd numbers.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { decisionActor, decisionBody, decisionEntry, decisionRecord, sealDecisions, type DecisionRecord } from './decision-seal.js';
import { createMasker } from './mask.js';

const base: DecisionRecord = decisionRecord(
  { operation: 'Check', storeId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', user: 'user:anne', relation: 'viewer', object: 'doc:1', allowed: true, modelId: '01HMODEL', cache: 'l1', latencyMs: 0.0123456 },
  1_700_000_000_123,
);

const variants: Partial<DecisionRecord>[] = [
  {},
  { allowed: false, operation: 'BatchCheck', cache: 'miss', latencyMs: 12.3456789 },
  { principalKind: 'client', principalId: '01HCLIENT', requestId: 'req-1', peerAddress: 'ipv4:10.1.2.3:5555', userAgent: 'grpc-node-js/1.12', reason: 'JIRA-1' },
  { principalKind: 'anonymous', principalId: '', requestId: 'r', peerAddress: 'ipv6:[::1]:443' },
  { principalKind: 'oidc', principalId: 'alice@example.com', reason: 'quote " backslash \\ tab \t newline \n é 😀 \u2028', userAgent: 'x'.repeat(600), requestId: 'y'.repeat(200) },
  { context: { ssn: '123', nested: { SSN: [1, { ssn: 2 }], b: true, a: null, z: 'é' }, list: [3, 'x'] }, contextualTuples: 2 },
  { contextualTuples: 0, context: {} },
  { latencyMs: Number.NaN },
  { latencyMs: 1e21, user: 'user:*', object: 'doc:"odd"', relation: 'can\\view' },
];

describe('decisionBody', () => {
  const mask = createMasker(['ssn']);
  it.each(variants.map((v, i) => [i, v] as const))('variant %i equals the generic canonical encoding', (_, variant) => {
    const d = { ...base, ...variant };
    const reference = decisionEntry(d, mask).seal({ seq: 1n, prevHash: '' });
    expect(decisionBody(d, decisionActor(d), mask)).toBe(reference.body);
    expect(JSON.parse(reference.body)).toEqual(JSON.parse(canonicalJson(JSON.parse(reference.body))));
    const [sealed] = sealDecisions([d], new Map(), mask);
    expect(sealed).toEqual(reference);
  });

  it('masks context keys at any depth', () => {
    const d = { ...base, ...variants[5] };
    expect(JSON.parse(decisionBody(d, decisionActor(d), mask))).toMatchObject({ context: { ssn: '***', nested: { SSN: '***' } }, contextualTuples: 2 });
  });
});
