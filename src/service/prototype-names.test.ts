// Check, BatchCheck, ListObjects, ListUsers, Expand and Read on a model whose type, relations,
// condition and parameter are named like Object.prototype members give exactly the answers of the
// same model with an ordinary name: memory datastore, decision cache on (L1 + Redis L2).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDecisionCache } from '../cache/index.js';
import type { DecisionCache } from '../cache/index.js';
import { transformDslToModel } from '../dsl/index.js';
import { RelataError, ownValue } from '../model/index.js';
import type { TupleKey } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { createChangeFeed } from './change-feed.js';
import { createRelataService } from './relata-service.js';
import { PLAIN_NAME, PROTOTYPE_NAMES, contextWith, prototypeNamesDsl } from '../../test/helpers/prototype-names.js';
import { testRedisUrl } from '../../test/helpers/services.js';

const caches: DecisionCache[] = [];

afterEach(async () => {
  await Promise.all(caches.splice(0).map((cache) => cache.close()));
});

function tuples(n: string, param: string): TupleKey[] {
  const ctx = (value: string) => ({ name: n, context: contextWith(param, value) });
  return [
    { object: `${n}:g1`, relation: n, user: 'user:anne' },
    { object: `${n}:g1`, relation: n, user: `${n}:g2#${n}` },
    { object: `${n}:g2`, relation: n, user: 'user:bob' },
    { object: `${n}:g3`, relation: n, user: 'user:*' },
    { object: `${n}:g4`, relation: n, user: 'user:carl', condition: ctx('ok') },
    { object: `${n}:g4`, relation: n, user: 'user:frank', condition: ctx('no') },
    { object: `${n}:g5`, relation: n, user: 'user:dave', condition: { name: n } },
    { object: 'doc:1', relation: n, user: 'user:erin' },
    { object: 'doc:1', relation: n, user: `${n}:g1#${n}` },
    { object: 'doc:1', relation: 'blocked', user: 'user:bob' },
    { object: 'doc:2', relation: 'parent', user: `${n}:g3` },
    { object: 'doc:3', relation: 'parent', user: `${n}:g4` },
    { object: 'doc:4', relation: 'parent', user: `${n}:g5` },
    { object: 'doc:5', relation: 'parent', user: `${n}:g1` },
  ];
}

const users = ['anne', 'bob', 'carl', 'dave', 'erin', 'frank', 'zed'].map((u) => `user:${u}`);
const docs = ['doc:1', 'doc:2', 'doc:3', 'doc:4', 'doc:5'];

async function outcome<T>(run: () => Promise<T>): Promise<T | string> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RelataError) return `error ${error.code}`;
    throw error;
  }
}

/** Every answer of the scenario for name `n` (also the condition parameter), as one JSON text with `n` spelled `@`. */
async function answers(n: string): Promise<string> {
  const datastore = createMemoryDatastore();
  const cache = createDecisionCache({ redisUrl: testRedisUrl, redisKeyPrefix: `relata:test-${randomUUID()}:` }, { feed: createChangeFeed(datastore) });
  caches.push(cache);
  const service = createRelataService({ datastore, logger: silentLogger(), cache });
  const { id: storeId } = await service.createStore({ name: 'prototype-names' });
  const { authorizationModelId } = await service.writeAuthorizationModel({ storeId, model: transformDslToModel(prototypeNamesDsl(n, n)) });
  await service.write({ storeId, writes: { tupleKeys: tuples(n, n) } });

  const contexts = [undefined, contextWith(n, 'ok'), contextWith(n, 'no')];
  const relations = [n, 'viewer', 'can_view', 'both', 'parent'];
  const out: unknown[] = [];
  // Twice: the second round is answered from the decision cache.
  for (const round of [1, 2]) {
    for (const context of contexts) {
      for (const user of users) {
        for (const object of docs) {
          for (const relation of relations) {
            out.push([round, 'check', object, relation, user, context, await outcome(() => service.check({ storeId, tupleKey: { object, relation, user }, context }))]);
          }
        }
        for (const group of ['g1', 'g2', 'g3', 'g4', 'g5']) {
          const object = `${n}:${group}`;
          out.push([round, 'check', object, n, user, context, await outcome(() => service.check({ storeId, tupleKey: { object, relation: n, user }, context }))]);
        }
        for (const relation of relations) {
          const listed = await outcome(() => service.listObjects({ storeId, type: 'doc', relation, user, context }));
          out.push([round, 'list-objects', relation, user, context, typeof listed === 'string' ? listed : [...listed.objects].sort()]);
        }
        const groups = await outcome(() => service.listObjects({ storeId, type: n, relation: n, user, context }));
        out.push([round, 'list-objects', n, user, context, typeof groups === 'string' ? groups : [...groups.objects].sort()]);
      }
      for (const object of docs) {
        for (const relation of relations) {
          const filters = [[{ type: 'user' }], [{ type: n, relation: n }]];
          for (const userFilters of filters) {
            const listed = await outcome(() => service.listUsers({ storeId, object: { type: 'doc', id: object.slice(4) }, relation, userFilters, context }));
            out.push([round, 'list-users', object, relation, userFilters, context, typeof listed === 'string' ? listed : listed.users.map((u) => JSON.stringify(u)).sort()]);
          }
        }
      }
    }
    // A correlation id may be the name too.
    const ids = users.map((_, i) => (i === 0 ? n : `c${i}`));
    const batch = await service.batchCheck({ storeId, checks: users.map((user, i) => ({ correlationId: ids[i]!, tupleKey: { object: 'doc:1', relation: 'viewer', user } })) });
    out.push([round, 'batch-check', batch.results.size, ids.map((id) => [id, batch.results.get(id)])]);
  }
  for (const object of [...docs, `${n}:g1`]) {
    for (const relation of object.startsWith('doc') ? relations : [n]) {
      out.push(['expand', object, relation, await outcome(() => service.expand({ storeId, tupleKey: { object, relation } }))]);
    }
  }
  const read = await service.read({ storeId, tupleKey: { object: 'doc:1', relation: n } });
  out.push(['read', read.items.map((t) => JSON.stringify(t.key).replaceAll(n, '@')).sort()]);

  // A revoked grant stops counting at once, through the cache (HIGHER_CONSISTENCY reads past it).
  await service.write({ storeId, deletes: { tupleKeys: [{ object: `${n}:g2`, relation: n, user: 'user:bob' }] } });
  for (const relation of [n, 'viewer']) {
    const check = await service.check({ storeId, tupleKey: { object: 'doc:1', relation, user: 'user:bob' }, consistency: 'HIGHER_CONSISTENCY' });
    out.push(['after-delete', relation, check]);
  }
  const model = await service.readAuthorizationModel(storeId, authorizationModelId);
  out.push(['model', model.type_definitions, model.conditions]);
  return JSON.stringify(out, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)).replaceAll(n, '@');
}

/** How each API refuses a type, relation, condition or parameter `n` the model does not define. */
async function undefinedNameFailures(n: string): Promise<string[]> {
  const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
  const { id: storeId } = await service.createStore({ name: 'undefined-names' });
  await service.writeAuthorizationModel({ storeId, model: transformDslToModel(prototypeNamesDsl(PLAIN_NAME)) });
  const check = (object: string, relation: string, user = 'user:anne') => service.check({ storeId, tupleKey: { object, relation, user } });
  const write = (tuple: TupleKey) => service.write({ storeId, writes: { tupleKeys: [tuple] } });
  const listUsers = (type: string, relation: string, filter: { type: string; relation?: string }) =>
    service.listUsers({ storeId, object: { type, id: '1' }, relation, userFilters: [filter] });
  const calls: (() => Promise<unknown>)[] = [
    () => check(`${n}:1`, 'viewer'),
    () => check('doc:1', n),
    () => check('doc:1', 'viewer', `${n}:x`),
    () => check('doc:1', 'viewer', `plain:x#${n}`),
    () => write({ object: 'doc:1', relation: n, user: 'user:anne' }),
    () => write({ object: `${n}:1`, relation: 'viewer', user: 'user:anne' }),
    () => write({ object: 'doc:1', relation: 'plain', user: `${n}:x` }),
    () => write({ object: 'plain:1', relation: 'plain', user: 'user:anne', condition: { name: n } }),
    () => write({ object: 'plain:1', relation: 'plain', user: 'user:anne', condition: { name: 'plain', context: contextWith(n, 'ok') } }),
    () => service.listObjects({ storeId, type: n, relation: 'viewer', user: 'user:anne' }),
    () => service.listObjects({ storeId, type: 'doc', relation: n, user: 'user:anne' }),
    () => service.listObjects({ storeId, type: 'doc', relation: 'viewer', user: `${n}:a` }),
    () => service.listObjects({ storeId, type: 'doc', relation: 'viewer', user: `plain:a#${n}` }),
    () => listUsers(n, 'viewer', { type: 'user' }),
    () => listUsers('doc', n, { type: 'user' }),
    () => listUsers('doc', 'viewer', { type: n }),
    () => listUsers('doc', 'viewer', { type: 'plain', relation: n }),
    () => service.expand({ storeId, tupleKey: { object: 'doc:1', relation: n } }),
    () => service.expand({ storeId, tupleKey: { object: `${n}:1`, relation: 'viewer' } }),
    () => service.read({ storeId, tupleKey: { object: 'doc:1', relation: n } }),
  ];
  const failures: string[] = [];
  for (const call of calls) {
    const result = await outcome(call);
    failures.push(typeof result === 'string' ? result : `answered ${JSON.stringify(result)}`);
  }
  return failures;
}

describe('models named like Object.prototype members', () => {
  let plain: string | undefined;
  /** The ordinary model's answers, computed once. */
  const plainAnswers = async (): Promise<string> => {
    const expected = (plain ??= await answers(PLAIN_NAME));
    // The scenario means something: grants, conditions and exclusions all decide answers.
    expect(expected).toContain('"check","doc:1","viewer","user:anne",null,{"allowed":true}');
    expect(expected).toContain('"check","doc:3","viewer","user:carl",null,{"allowed":true}');
    expect(expected).toContain('"check","doc:3","viewer","user:frank",null,{"allowed":false}');
    expect(expected).toContain('"check","doc:1","can_view","user:bob",null,{"allowed":false}');
    return expected;
  };

  for (const n of PROTOTYPE_NAMES) {
    it(`${n} answers like an ordinary name (also as the condition parameter)`, async () => {
      expect(await answers(n)).toBe(await plainAnswers());
    }, 60_000);
  }

  it.each(PROTOTYPE_NAMES)('a context key %s is stored and read back as an own key (tuples, changes, assertions)', async (n) => {
    const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    const { id: storeId } = await service.createStore({ name: 'context-keys' });
    const { authorizationModelId } = await service.writeAuthorizationModel({ storeId, model: transformDslToModel(prototypeNamesDsl(n)) });
    const context = contextWith(n, 'ok');
    await service.write({ storeId, writes: { tupleKeys: [{ object: `${n}:g1`, relation: n, user: 'user:carl', condition: { name: n, context } }] } });
    const keysOf = (value: Record<string, unknown> | undefined) => [Object.keys(value ?? {}), ownValue(value, n)];
    const [tuple] = (await service.read({ storeId })).items;
    expect(keysOf(tuple!.key.condition?.context)).toEqual([[n], 'ok']);
    const [change] = (await service.readChanges({ storeId })).items;
    expect(keysOf(change!.key.condition?.context)).toEqual([[n], 'ok']);
    const assertion = { tupleKey: { object: `${n}:g1`, relation: n, user: 'user:carl' }, expectation: true, context };
    await service.writeAssertions({ storeId, authorizationModelId, assertions: [assertion] });
    const [readBack] = (await service.readAssertions({ storeId, authorizationModelId })).assertions;
    expect(keysOf(readBack!.context)).toEqual([[n], 'ok']);
  });

  it.each(PROTOTYPE_NAMES)('an undefined %s is refused by every API like an ordinary undefined name', async (n) => {
    const expected = await undefinedNameFailures('nosuch');
    expect(expected.every((failure) => failure.startsWith('error 20'))).toBe(true);
    expect(await undefinedNameFailures(n)).toEqual(expected);
  });
});
