import { afterAll, describe, expect, it } from 'vitest';
import { inlineDecisionSealer, workerDecisionSealer } from './decision-sealer.js';
import type { DecisionRecord } from './decision-seal.js';

const decisions: DecisionRecord[] = Array.from({ length: 20 }, (_, i) => ({
  operation: 'Check',
  storeId: i % 2 ? 'S1' : 'S2',
  user: `user:${i}`,
  relation: 'viewer',
  object: 'doc:1',
  allowed: i % 3 !== 0,
  modelId: 'M',
  cache: 'l1',
  latencyMs: 0.5,
  principalKind: 'client',
  principalId: 'c1',
  requestId: `r${i}`,
  peerAddress: '10.0.0.1',
  userAgent: undefined,
  reason: 'why',
  context: { token: 'secret', nested: { Token: 'x', keep: 1 } },
  contextualTuples: undefined,
  at: 1_700_000_000_000 + i,
}));
const heads = new Map([['d:S1', { seq: 7n, hash: 'a'.repeat(64) }]]);
const sealers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const sealer of sealers) await sealer.close();
});

describe('decision sealers', () => {
  it('the worker seals exactly as inline sealing does: chained per chain after its head, masked', async () => {
    const worker = workerDecisionSealer(['token']);
    sealers.push(worker);
    const [onWorker, inline] = await Promise.all([worker.seal(decisions, heads), inlineDecisionSealer(['token']).seal(decisions, heads)]);
    expect(onWorker).toEqual(inline);
    expect(onWorker.filter((r) => r.chain === 'd:S1').map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(8 + i)));
    expect(onWorker.find((r) => r.chain === 'd:S2')?.prevHash).toBe('');
    expect(JSON.parse(onWorker[0].body)).toMatchObject({ actor: 'client:c1', context: { token: '***', nested: { Token: '***', keep: 1 } } });
  });

  it('fails a batch that cannot be handed over or is not sealed in time, then works again', async () => {
    const worker = workerDecisionSealer([], 1);
    sealers.push(worker);
    await expect(worker.seal(decisions, heads)).rejects.toThrow(/no answer/);
    const uncloneable = [{ ...decisions[0], context: { f: () => 1 } as unknown as Record<string, unknown> }];
    await expect(worker.seal(uncloneable, heads)).rejects.toThrow();
    const patient = workerDecisionSealer([]);
    sealers.push(patient);
    expect(await patient.seal(decisions.slice(0, 2), heads)).toHaveLength(2);
  });
});
