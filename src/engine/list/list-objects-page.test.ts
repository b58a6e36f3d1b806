import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../dsl/index.js';
import { ErrorCode } from '../../model/index.js';
import type { TupleKey } from '../../model/index.js';
import { ArrayTupleReader } from '../../../test/helpers/array-tuple-reader.js';
import type { ListObjectsRequest } from '../api.js';
import { Engine } from '../engine.js';
import type { ListObjectsPageRequest } from './list-objects-page.js';
import { pageOf } from './list-objects-page.js';
import type { TupleReader } from '../read/tuple-reader.js';

/** The service's paging: the sorted answer of one snapshot, cut after the last object seen. */
async function listObjectsPage(on: { engine: Engine; reader: TupleReader }, request: ListObjectsRequest, page: ListObjectsPageRequest) {
  return pageOf(await on.engine.listObjectsSorted(on.reader, request), page);
}

const { model } = parseDsl(`model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type doc
  relations
    define viewer: [user, group#member]
`);
const engine = new Engine(model);
const request = { type: 'doc', relation: 'viewer', user: 'user:anne' };

describe('listObjectsPage', () => {
  it('pages through the answer in id order after the last object seen', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `d${String(i).padStart(2, '0')}`);
    const reader = new ArrayTupleReader([...ids].reverse().map((id) => ({ object: `doc:${id}`, relation: 'viewer', user: 'user:anne' })));
    const deps = { engine, reader };
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await listObjectsPage(deps, request, { pageSize: 10, after });
      seen.push(...page.objects);
      pages++;
      if (!page.more) break;
      after = page.objects[page.objects.length - 1];
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids.map((id) => `doc:${id}`));
    // An object that vanished is still a valid place to resume after.
    expect((await listObjectsPage(deps, request, { pageSize: 2, after: 'doc:d05x' })).objects).toEqual(['doc:d06', 'doc:d07']);
    expect(await listObjectsPage(deps, request, { pageSize: 5, after: 'doc:zz' })).toEqual({ objects: [], conditionFailures: [], more: false, truncated: false });
  });

  it('rejects bad page sizes', async () => {
    const deps = { engine, reader: new ArrayTupleReader([{ object: 'doc:1', relation: 'viewer', user: 'user:anne' }]) };
    for (const pageSize of [0, -1, 1.5, 1001]) {
      await expect(listObjectsPage(deps, request, { pageSize })).rejects.toMatchObject({ code: ErrorCode.PageSizeInvalid });
    }
  });
});

describe('listObjectsPage condition failures', () => {
  it('reports each candidate whose condition lacks context on the page whose id range holds it', async () => {
    const conditional = parseDsl(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user, user with in_region]
condition in_region(region: string) {
  region == "eu"
}
`).model;
    const deps = {
      engine: new Engine(conditional),
      reader: new ArrayTupleReader([
        ...['a', 'b', 'c', 'd', 'e'].map((id) => ({ object: `doc:${id}`, relation: 'viewer', user: 'user:anne' })),
        ...['b2', 'd2', 'z'].map((id) => ({ object: `doc:${id}`, relation: 'viewer', user: 'user:anne', condition: { name: 'in_region' } })),
      ]),
    };
    const pages: { objects: string[]; failures: string[] }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listObjectsPage(deps, request, { pageSize: 2, after });
      pages.push({ objects: page.objects, failures: page.conditionFailures.map((f) => f.object) });
      if (!page.more) break;
      after = page.objects[page.objects.length - 1];
    }
    expect(pages).toEqual([
      { objects: ['doc:a', 'doc:b'], failures: [] },
      { objects: ['doc:c', 'doc:d'], failures: ['doc:b2'] },
      { objects: ['doc:e'], failures: ['doc:d2', 'doc:z'] },
    ]);
  });
});

describe('listObjects cost', () => {
  it('issues the same reads whatever the size of the rest of the store', async () => {
    const answer: TupleKey[] = [
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
      { object: 'doc:1', relation: 'viewer', user: 'group:eng#member' },
      { object: 'doc:2', relation: 'viewer', user: 'user:anne' },
    ];
    const noise = (n: number): TupleKey[] => Array.from({ length: n }, (_, i) => ({ object: `doc:n${i}`, relation: 'viewer', user: `user:u${i}` }));
    const small = new ArrayTupleReader([...answer, ...noise(10)]);
    const large = new ArrayTupleReader([...answer, ...noise(20_000)]);
    const a = await engine.listObjects(small, request);
    const b = await engine.listObjects(large, request);
    expect(a.objects.sort()).toEqual(['doc:1', 'doc:2']);
    expect(b.objects.sort()).toEqual(['doc:1', 'doc:2']);
    expect(large.reads).toBe(small.reads);
    expect(large.reads).toBeLessThanOrEqual(4);
  });
});
