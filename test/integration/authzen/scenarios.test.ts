// Two applications as a PEP would ask about them over AuthZEN: a todo app with roles and
// ownership (the AuthZEN interop's shape), and records with departments and managers, with
// subject and resource properties reaching a condition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthzenHarness, tuple } from './harness.js';
import type { AuthzenHarness } from './harness.js';

const todoModel = `
model
  schema 1.1
type user
type app
  relations
    define admin: [user]
    define editor: [user] or admin
    define viewer: [user] or editor
    define can_read_todos: viewer
    define can_create_todo: editor
type todo
  relations
    define app: [app]
    define owner: [user]
    define can_read: viewer from app
    define can_update: owner or admin from app
    define can_delete: owner or admin from app
`;

const recordsModel = `
model
  schema 1.1
type user
  relations
    define manager: [user]
type department
  relations
    define member: [user]
    define head: [user]
type record
  relations
    define department: [department]
    define creator: [user]
    define cleared: [user with has_clearance]
    define can_view: member from department or creator or manager from creator
    define can_edit: creator or head from department
    define can_view_classified: cleared and can_view

condition has_clearance(subject_level: int, resource_level: int) {
  subject_level >= resource_level
}
`;

let h: AuthzenHarness;
let todo: string;
let records: string;

beforeAll(async () => {
  h = await startAuthzenHarness();
  const todoStore = await h.store(todoModel, [
    tuple('app:todos#admin@user:rick'),
    tuple('app:todos#editor@user:morty'),
    tuple('app:todos#viewer@user:jerry'),
    tuple('todo:1#app@app:todos'),
    tuple('todo:1#owner@user:morty'),
    tuple('todo:2#app@app:todos'),
    tuple('todo:2#owner@user:rick'),
  ]);
  todo = `/stores/${todoStore.storeId}/access/v1`;
  await h.put(`/stores/${todoStore.storeId}/authzen/actions`, {
    types: [
      { type: 'app', actions: ['can_create_todo', 'can_read_todos'] },
      { type: 'todo', actions: ['can_read', 'can_update', 'can_delete'] },
    ],
  });
  const recordsStore = await h.store(recordsModel, [
    tuple('department:finance#member@user:fiona'),
    tuple('department:finance#head@user:harriet'),
    tuple('user:carl#manager@user:mona'),
    tuple('record:r1#department@department:finance'),
    tuple('record:r2#creator@user:carl'),
    tuple('record:r1#cleared@user:fiona', { name: 'has_clearance' }),
  ]);
  records = `/stores/${recordsStore.storeId}/access/v1`;
  await h.put(`/stores/${recordsStore.storeId}/authzen/actions`, { types: [{ type: 'record', actions: ['can_view', 'can_edit', 'can_view_classified'] }] });
});

afterAll(async () => {
  await h.close();
});

const user = (id: string) => ({ type: 'user', id });

describe('todo app: roles and ownership', () => {
  it('lets owners and admins change a todo, everyone read it', async () => {
    const response = await h.post(`${todo}/evaluations`, {
      resource: { type: 'todo', id: '1' },
      evaluations: [
        { subject: user('morty'), action: { name: 'can_update' } },
        { subject: user('rick'), action: { name: 'can_delete' } },
        { subject: user('jerry'), action: { name: 'can_update' } },
        { subject: user('jerry'), action: { name: 'can_read' } },
        { subject: user('summer'), action: { name: 'can_read' } },
      ],
    });
    expect((response.body as { evaluations: unknown }).evaluations).toEqual([{ decision: true }, { decision: true }, { decision: false }, { decision: true }, { decision: false }]);
  });

  it('searches the actions a user has: the store’s actions in its order, not roles or ownership', async () => {
    const actions = async (id: string, resource: { type: string; id: string }) =>
      ((await h.post(`${todo}/search/action`, { subject: user(id), resource })).body as { results: { name: string }[] }).results.map((a) => a.name);
    expect(await actions('morty', { type: 'todo', id: '1' })).toEqual(['can_read', 'can_update', 'can_delete']);
    expect(await actions('jerry', { type: 'todo', id: '1' })).toEqual(['can_read']);
    expect(await actions('morty', { type: 'app', id: 'todos' })).toEqual(['can_create_todo', 'can_read_todos']);
    expect(await actions('summer', { type: 'todo', id: '1' })).toEqual([]);
  });

  it('searches who may delete a todo, and which todos a user may delete', async () => {
    const subjects = await h.post(`${todo}/search/subject`, { subject: { type: 'user' }, action: { name: 'can_delete' }, resource: { type: 'todo', id: '1' } });
    expect((subjects.body as { results: unknown }).results).toEqual([user('morty'), user('rick')]);
    const resources = await h.post(`${todo}/search/resource`, { subject: user('rick'), action: { name: 'can_delete' }, resource: { type: 'todo' } });
    expect((resources.body as { results: unknown }).results).toEqual([
      { type: 'todo', id: '1' },
      { type: 'todo', id: '2' },
    ]);
  });

  it('short-circuits on the first permit of a list of fallbacks', async () => {
    const response = await h.post(`${todo}/evaluations`, {
      subject: user('jerry'),
      resource: { type: 'todo', id: '1' },
      options: { evaluations_semantic: 'permit_on_first_permit' },
      evaluations: ['can_delete', 'can_update', 'can_read', 'can_update'].map((name) => ({ action: { name } })),
    });
    expect((response.body as { evaluations: unknown }).evaluations).toEqual([{ decision: false }, { decision: false }, { decision: true }]);
  });
});

describe('records: departments and managers', () => {
  it('grants department members, the creator and the creator’s manager', async () => {
    const decide = async (id: string, record: string, action: string) =>
      ((await h.post(`${records}/evaluation`, { subject: user(id), action: { name: action }, resource: { type: 'record', id: record } })).body as { decision: boolean }).decision;
    expect(await decide('fiona', 'r1', 'can_view')).toBe(true);
    expect(await decide('fiona', 'r1', 'can_edit')).toBe(false);
    expect(await decide('harriet', 'r1', 'can_edit')).toBe(true);
    expect(await decide('carl', 'r2', 'can_edit')).toBe(true);
    expect(await decide('mona', 'r2', 'can_view')).toBe(true);
    expect(await decide('mona', 'r2', 'can_edit')).toBe(false);
    expect(await decide('fiona', 'r2', 'can_view')).toBe(false);
  });

  it('maps subject and resource properties to condition parameters (subject_*, resource_*)', async () => {
    const ask = (subjectLevel: number, resourceLevel: number) =>
      h.post(`${records}/evaluation`, {
        subject: { type: 'user', id: 'fiona', properties: { level: subjectLevel } },
        action: { name: 'can_view_classified' },
        resource: { type: 'record', id: 'r1', properties: { level: resourceLevel } },
      });
    expect((await ask(3, 2)).body).toEqual({ decision: true });
    expect((await ask(1, 2)).body).toEqual({ decision: false });
  });

  it('lets the request context win over a property of the same name', async () => {
    const response = await h.post(`${records}/evaluation`, {
      subject: { type: 'user', id: 'fiona', properties: { level: 1 } },
      action: { name: 'can_view_classified' },
      resource: { type: 'record', id: 'r1', properties: { level: 2 } },
      context: { subject_level: 5 },
    });
    expect(response.body).toEqual({ decision: true });
  });

  it('fails one evaluation whose condition lacks a parameter, not the batch', async () => {
    const response = await h.post(`${records}/evaluations`, {
      subject: user('fiona'),
      resource: { type: 'record', id: 'r1' },
      evaluations: [{ action: { name: 'can_view' } }, { action: { name: 'can_view_classified' } }],
    });
    expect(response.status).toBe(200);
    const [plain, conditional] = (response.body as { evaluations: { decision: boolean; context?: unknown }[] }).evaluations;
    expect(plain).toEqual({ decision: true });
    expect(conditional).toMatchObject({ decision: false, context: { error: { status: 400, message: expect.stringContaining('missing context parameters') } } });
  });

  it('searches the actions of a manager and the subjects who may view a record', async () => {
    const actions = await h.post(`${records}/search/action`, { subject: user('mona'), resource: { type: 'record', id: 'r2' } });
    expect((actions.body as { results: unknown }).results).toEqual([{ name: 'can_view' }]);
    const viewers = await h.post(`${records}/search/subject`, { subject: { type: 'user' }, action: { name: 'can_view' }, resource: { type: 'record', id: 'r2' } });
    expect((viewers.body as { results: unknown }).results).toEqual([user('carl'), user('mona')]);
  });
});
