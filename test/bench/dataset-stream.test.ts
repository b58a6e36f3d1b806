// The bench's multi-tenant dataset generated tuple by tuple (the `large` preset is streamed into
// the import): it must stay the dataset the earlier in-memory generator made, since the results
// in bench/results are compared across runs.
import { describe, expect, it } from 'vitest';
import { generateDataset, generateDatasetStream, presets } from '../../bench/dataset.js';

const id = (t: { object: string; relation: string; user: string }) => `${t.object}#${t.relation}@${t.user}`;

describe('bench dataset, streamed', () => {
  it('yields the same tuples as before streaming (counts of the tiny and small presets)', () => {
    expect(generateDataset(presets.tiny, 42, 50).tuples).toHaveLength(19_728);
    expect(generateDataset(presets.small, 42, 50).tuples).toHaveLength(98_636);
  });

  it('yields each tuple once although duplicates are only looked for within a tenant', () => {
    const { tuples } = generateDataset(presets.small, 42, 50);
    expect(new Set(tuples.map(id)).size).toBe(tuples.length);
  });

  it('returns the same request mixes as the in-memory form, whose owners are stored tuples', () => {
    const stream = generateDatasetStream(presets.tiny, 42, 50);
    let count = 0;
    let step = stream.next();
    for (; !step.done; step = stream.next()) count++;
    const held = generateDataset(presets.tiny, 42, 50);
    expect(count).toBe(held.tuples.length);
    expect(step.value.checks).toEqual(held.checks);
    expect(step.value.listObjects).toEqual(held.listObjects);
    const stored = new Set(held.tuples.map(id));
    for (const c of held.checks.directAllowed) expect(stored.has(id(c))).toBe(true);
    for (const c of held.checks.directDenied) expect(stored.has(id(c))).toBe(false);
  });
});
