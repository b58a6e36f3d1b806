import { describe, expect, it } from 'vitest';
import { GroupCommitQueue, type Settled } from './group-commit-queue.js';

/** A runner whose groups finish when the test says so; it records every group it was given. */
function controlledRunner(take: (waiting: readonly number[]) => number = (w) => w.length, inFlight?: number) {
  const groups: number[][] = [];
  const finish: (() => void)[] = [];
  const queue = new GroupCommitQueue<number, string>({
    run: async (key, jobs) => {
      groups.push([...jobs]);
      await new Promise<void>((resolve) => finish.push(resolve));
      return jobs.map((j): Settled<string> => (j < 0 ? { ok: false, error: new Error(`bad ${j}`) } : { ok: true, value: `${key}:${j}` }));
    },
    take,
    inFlight,
  });
  const release = async () => {
    while (finish.length === 0) await new Promise((r) => setImmediate(r));
    finish.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { queue, groups, release };
}

describe('GroupCommitQueue', () => {
  it('starts a lone job at once and groups the jobs that arrive while it runs', async () => {
    const { queue, groups, release } = controlledRunner();
    const first = queue.submit('s', 1);
    await new Promise((r) => setImmediate(r));
    expect(groups).toEqual([[1]]);
    const later = [2, 3, 4].map((j) => queue.submit('s', j));
    await release();
    expect(groups).toEqual([[1], [2, 3, 4]]);
    await release();
    expect(await first).toBe('s:1');
    expect(await Promise.all(later)).toEqual(['s:2', 's:3', 's:4']);
  });

  it('settles each job with its own outcome', async () => {
    const { queue, release } = controlledRunner();
    const first = queue.submit('s', 0);
    const jobs = [1, -2, 3].map((j) => queue.submit('s', j).then((v) => v, (e: Error) => e.message));
    await release();
    await release();
    expect(await first).toBe('s:0');
    expect(await Promise.all(jobs)).toEqual(['s:1', 'bad -2', 's:3']);
  });

  it('runs keys independently and respects take (at least one job per group)', async () => {
    const { queue, groups, release } = controlledRunner((w) => (w[0] === 9 ? 0 : 2));
    const all = [queue.submit('a', 1), queue.submit('b', 1), queue.submit('a', 9), queue.submit('a', 2), queue.submit('a', 3), queue.submit('a', 4)];
    await new Promise((r) => setImmediate(r));
    expect(groups).toEqual([[1], [1]]);
    for (let i = 0; i < 5; i++) await release();
    expect(groups).toEqual([[1], [1], [9], [2, 3], [4]]);
    expect(await Promise.all(all)).toEqual(['a:1', 'b:1', 'a:9', 'a:2', 'a:3', 'a:4']);
  });

  it('rejects every job of a group whose runner throws or miscounts, then keeps serving', async () => {
    let calls = 0;
    const queue = new GroupCommitQueue<number, number>({
      run: (_key, jobs) => {
        calls++;
        if (calls === 1) return Promise.reject(new Error('down'));
        if (calls === 2) return Promise.resolve([]);
        return Promise.resolve(jobs.map((j) => ({ ok: true as const, value: j })));
      },
      take: (w) => w.length,
    });
    await expect(queue.submit('s', 1)).rejects.toThrow('down');
    await expect(queue.submit('s', 2)).rejects.toThrow('settled 0 of 1');
    expect(await queue.submit('s', 3)).toBe(3);
  });

  it('with inFlight 2, starts a second group at once while one runs, and groups the rest behind them', async () => {
    const { queue, groups, release } = controlledRunner(undefined, 2);
    const all = [queue.submit('s', 1), queue.submit('s', 2), queue.submit('s', 3), queue.submit('s', 4)];
    await new Promise((r) => setImmediate(r));
    expect(groups).toEqual([[1], [2]]);
    await release();
    expect(groups).toEqual([[1], [2], [3, 4]]);
    await release();
    await release();
    expect(await Promise.all(all)).toEqual(['s:1', 's:2', 's:3', 's:4']);
    // Both drains ended: a new job starts at once again.
    const next = queue.submit('s', 5);
    await new Promise((r) => setImmediate(r));
    expect(groups.at(-1)).toEqual([5]);
    await release();
    expect(await next).toBe('s:5');
  });
});
