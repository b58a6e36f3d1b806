import { describe, expect, it } from 'vitest';
import { ErrorCode, RelataError } from '../../model/index.js';
import type { MaybeOutcome, Outcome } from './set-operators.js';
import { ALLOWED, CYCLE, DENIED, exclusion, intersection, union } from './set-operators.js';

const err: Outcome = { allowed: false, error: new RelataError(ErrorCode.ValidationError, 'missing parameter') };
const values = { T: ALLOWED, F: DENIED, E: err, C: CYCLE } as const;
type V = keyof typeof values;
const of = (v: V) => () => Promise.resolve(values[v]);
const show = (o: Outcome): string => (o.error ? 'E' : o.allowed ? 'T' : o.cycle ? 'C' : 'F');

describe('set operators (truth tables)', () => {
  const pairs: [V, V][] = (['T', 'F', 'E', 'C'] as V[]).flatMap((a) => (['T', 'F', 'E', 'C'] as V[]).map((b): [V, V] => [a, b]));

  it('union: true wins, then error, then cycle, else false', async () => {
    const expected: Record<string, string> = {
      TT: 'T', TF: 'T', TE: 'T', TC: 'T', FT: 'T', FF: 'F', FE: 'E', FC: 'C',
      ET: 'T', EF: 'E', EE: 'E', EC: 'E', CT: 'T', CF: 'C', CE: 'E', CC: 'C',
    };
    for (const [a, b] of pairs) expect(`${a}${b}:${show(await union([of(a), of(b)]))}`).toBe(`${a}${b}:${expected[a + b]}`);
  });

  it('intersection: a decided false wins over an error', async () => {
    const expected: Record<string, string> = {
      TT: 'T', TF: 'F', TE: 'E', TC: 'C', FT: 'F', FF: 'F', FE: 'F', FC: 'F',
      ET: 'E', EF: 'F', EE: 'E', EC: 'C', CT: 'C', CF: 'C', CE: 'C', CC: 'C',
    };
    for (const [a, b] of pairs) expect(`${a}${b}:${show(await intersection([of(a), of(b)]))}`).toBe(`${a}${b}:${expected[a + b]}`);
  });

  it('exclusion: base but not subtract', async () => {
    const expected: Record<string, string> = {
      TT: 'F', TF: 'T', TE: 'E', TC: 'C', FT: 'F', FF: 'F', FE: 'F', FC: 'F',
      ET: 'F', EF: 'E', EE: 'E', EC: 'E', CT: 'C', CF: 'C', CE: 'C', CC: 'C',
    };
    for (const [a, b] of pairs) expect(`${a}${b}:${show(await exclusion(of(a), of(b)))}`).toBe(`${a}${b}:${expected[a + b]}`);
  });

  it('short-circuits: union answers before a slow operand, intersection and exclusion skip operands', async () => {
    let evaluated = 0;
    const never = () => new Promise<Outcome>(() => undefined);
    await expect(union([of('T'), never])).resolves.toEqual(ALLOWED);
    const counted = () => {
      evaluated += 1;
      return Promise.resolve(ALLOWED);
    };
    await intersection([of('F'), counted]);
    await exclusion(of('F'), counted);
    expect(evaluated).toBe(0);
    expect(await union([])).toEqual(DENIED);
    expect(await intersection([])).toEqual(DENIED);
  });

  it('gives the same answers when operands are settled values, and a plain value when all are', async () => {
    const settled = (v: V) => () => values[v];
    const operators = {
      union: (a: () => MaybeOutcome, b: () => MaybeOutcome) => union([a, b]),
      intersection: (a: () => MaybeOutcome, b: () => MaybeOutcome) => intersection([a, b]),
      exclusion,
    };
    for (const operator of Object.values(operators)) {
      for (const [a, b] of pairs) {
        const expected = show(await operator(of(a), of(b)));
        const now = operator(settled(a), settled(b));
        expect(now instanceof Promise, `${a}${b}`).toBe(false);
        expect(`${a}${b}:${show(await now)}`).toBe(`${a}${b}:${expected}`);
        expect(`${a}${b}:${show(await operator(settled(a), of(b)))}`).toBe(`${a}${b}:${expected}`);
        expect(`${a}${b}:${show(await operator(of(a), settled(b)))}`).toBe(`${a}${b}:${expected}`);
      }
    }
  });

  it('stops a union at an operand allowed at once, before asking the rest', () => {
    let asked = 0;
    const counted = () => {
      asked += 1;
      return DENIED;
    };
    expect(union([counted, () => ALLOWED, counted])).toBe(ALLOWED);
    expect(asked).toBe(1);
  });

  it('turns a thrown operand into an error outcome', async () => {
    const boom = () => Promise.reject(new Error('db down'));
    const outcome = await union([boom, of('F')]);
    expect(outcome.error?.code).toBe(ErrorCode.InternalError);
    const thrown = () => {
      throw new Error('bug');
    };
    expect((union([thrown, () => DENIED]) as Outcome).error?.code).toBe(ErrorCode.InternalError);
    expect((await intersection([() => ALLOWED, boom])).error?.code).toBe(ErrorCode.InternalError);
    expect((await exclusion(() => ALLOWED, boom)).error?.code).toBe(ErrorCode.InternalError);
  });
});
