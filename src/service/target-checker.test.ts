import { describe, expect, it } from 'vitest';
import { ArrayTupleReader } from '../../test/helpers/array-tuple-reader.js';
import { parseDsl } from '../dsl/index.js';
import { Engine } from '../engine/index.js';
import { ErrorCode, InternalError, RelataError } from '../model/index.js';
import type { QueryTarget } from './engine-access.js';
import { createPassThroughChecker } from './target-checker.js';

const { model } = parseDsl(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
`);

function target(reader: ArrayTupleReader): QueryTarget {
  const engine = new Engine(model);
  const resolved = { id: '01HXXXXXXXXXXXXXXXXXXXXXXX', model: { ...model, id: '01HXXXXXXXXXXXXXXXXXXXXXXX' }, engine, typeSystem: undefined as never };
  return { storeId: '01HYYYYYYYYYYYYYYYYYYYYYYY', model: resolved, engine, reader, consistency: 'UNSPECIFIED', now: new Date() };
}

describe('the pass-through checker (decision cache off)', () => {
  const reader = new ArrayTupleReader([{ object: 'doc:1', relation: 'viewer', user: 'user:anne' }]);
  const checker = createPassThroughChecker();

  it('answers Check by the engine and says no cache was involved', async () => {
    expect(await checker.check(target(reader), { object: 'doc:1', relation: 'viewer', user: 'user:anne' })).toMatchObject({ allowed: true, cache: 'off' });
    expect(await checker.check(target(reader), { object: 'doc:2', relation: 'viewer', user: 'user:anne' })).toMatchObject({ allowed: false, cache: 'off' });
    await expect(checker.check(target(reader), { object: 'doc:1', relation: 'nope', user: 'user:anne' })).rejects.toBeInstanceOf(RelataError);
  });

  it('settles each BatchCheck item on its own, failures as typed errors', async () => {
    const settled = await checker.checkMany(target(reader), [
      { object: 'doc:1', relation: 'viewer', user: 'user:anne' },
      { object: 'folder:1', relation: 'viewer', user: 'user:anne' },
      { object: 'doc:1', relation: 'viewer', user: 'anne' },
    ]);
    expect(settled[0]).toEqual({ ok: true, result: { allowed: true, cache: 'off' } });
    expect(settled[1]).toMatchObject({ ok: false });
    expect(settled[2]).toMatchObject({ ok: false });
    for (const outcome of settled.slice(1)) {
      if (outcome.ok) continue;
      expect(outcome.error).toBeInstanceOf(RelataError);
      expect((outcome.error as RelataError).code).toBeLessThan(ErrorCode.InternalError);
    }
  });

  it('turns a failing reader into an internal error that keeps its cause', async () => {
    const cause = new Error('relation "tuple" does not exist');
    // Every read fails, whichever the session picks.
    const broken = new Proxy(new ArrayTupleReader([]), { get: (on, key) => (typeof Reflect.get(on, key) === 'function' ? () => Promise.reject(cause) : Reflect.get(on, key)) });
    const [outcome] = await checker.checkMany(target(broken), [{ object: 'doc:1', relation: 'viewer', user: 'user:anne' }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(InternalError);
      expect((outcome.error as InternalError).cause).toBe(cause);
    }
  });
});
