import { userInfo } from 'node:os';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createClientsAuthMethod } from '../../auth/index.js';
import { MemoryDatastore } from '../../storage/memory/index.js';
import type { Datastore } from '../../storage/datastore.js';
import { dropTestSchema, testDatabaseUrl, testRedisUrl } from '../../../test/helpers/services.js';
import { randomUUID } from 'node:crypto';
import { RedisBroadcast } from '../../cache/index.js';
import { registerClientsCommands, type ClientsCommandIo } from './clients.js';

/** Runs `relata clients …` as the CLI would, capturing its output and exit code. */
async function relata(args: string[], datastore?: Datastore, changeChannel?: ClientsCommandIo['changeChannel']): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('relata').exitOverride();
  registerClientsCommands(program, { open: datastore ? () => Promise.resolve(datastore) : undefined, out: (l) => out.push(l), err: (l) => err.push(l), changeChannel: changeChannel ?? (() => undefined) });
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'relata', 'clients', ...args]);
    return { out, err, code: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
  }
}

const keyOf = (out: string[]): string => out.find((l) => l.startsWith('key:'))!.split(/\s+/)[1];
const idOf = (out: string[]): string => out.find((l) => l.startsWith('id:'))!.split(/\s+/)[1];
const schema = `relata_cli_clients_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
afterAll(() => dropTestSchema(schema));

describe('relata clients', () => {
  it('create prints the key once; the key authenticates with the scopes, allowlist and rate given', async () => {
    const ds = new MemoryDatastore();
    const { out, code } = await relata(['create', '--name', 'first admin', '--scope', '*:admin,read', '--scope', '01HZZZZZZZZZZZZZZZZZZZZZZZ:check', '--expires', '30d', '--allow', '10.0.0.0/8', '--rate', '100'], ds);
    expect(code).toBe(0);
    const key = keyOf(out);
    expect(key).toMatch(/^rk_[0-9A-Z]{26}_[A-Za-z0-9_-]{43}$/);
    expect(out.join('\n')).toContain('rate:       100/s, burst 100');
    const principal = await createClientsAuthMethod({ clients: ds.apiClients }).authenticate(key, { authorization: undefined, peerAddress: '::ffff:10.2.3.4' });
    expect(principal?.scopes.get('*')).toEqual(new Set(['admin', 'read']));
    const shown = await relata(['show', idOf(out)], ds);
    expect(shown.out.join('\n')).not.toContain(key.slice(-43));
    expect(shown.out.join('\n')).toContain('status:     active');
  });

  it('list, disable, enable, rotate and delete', async () => {
    const ds = new MemoryDatastore();
    const created = await relata(['create', '--name', 'ci-runner', '--scope', '*:check'], ds);
    const id = idOf(created.out);
    expect((await relata(['list'], ds)).out).toEqual([expect.stringMatching(new RegExp(`^${id}  active +ci-runner  \\*:check$`))]);
    expect((await relata(['disable', id], ds)).out).toEqual([`disabled api client ${id}`]);
    expect(JSON.parse((await relata(['show', id, '--json'], ds)).out[0])).toMatchObject({ id, status: 'disabled' });
    expect((await relata(['enable', id], ds)).out).toEqual([`enabled api client ${id}`]);
    const rotated = await relata(['rotate', id, '--json'], ds);
    const json = JSON.parse(rotated.out[0]) as { key: string };
    expect(json.key).not.toBe(keyOf(created.out));
    expect(JSON.stringify(json)).not.toContain('scrypt');
    expect((await relata(['delete', id], ds)).out).toEqual([`deleted api client ${id}`]);
    expect((await relata(['list'], ds)).out).toEqual([]);
  });

  it('bad input: a message naming the field, exit 1, nothing written', async () => {
    const ds = new MemoryDatastore();
    const cases: [string[], string][] = [
      [['create', '--name', 'x', '--scope', '*:check'], 'invalid name'],
      [['create', '--name', 'okay'], 'invalid scopes'],
      [['create', '--name', 'okay', '--scope', 'nostore'], 'invalid scope[0]'],
      [['create', '--name', 'okay', '--scope', 'store:check'], 'invalid scopes[0].store'],
      [['create', '--name', 'okay', '--scope', '*:root'], 'invalid scopes[0].scopes'],
      [['create', '--name', 'okay', '--scope', '*:check', '--expires', 'tomorrow'], 'invalid expires'],
      [['create', '--name', 'okay', '--scope', '*:check', '--allow', '300.1.1.1'], 'invalid allowed_cidrs[0]'],
      [['create', '--name', 'okay', '--scope', '*:check', '--rate', 'fast'], 'invalid rate'],
      [['create', '--name', 'okay', '--scope', '*:check', '--rate', '0', '--burst', '3'], 'invalid rate_burst'],
      [['show', 'nope'], 'invalid client_id'],
      [['disable', '01HZZZZZZZZZZZZZZZZZZZZZZZ'], 'api client not found'],
      [['rotate', '01HZZZZZZZZZZZZZZZZZZZZZZZ'], 'api client not found'],
    ];
    for (const [args, message] of cases) {
      const result = await relata(args, ds);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err.join('\n')).toContain(message);
    }
    expect((await relata(['list'], ds)).out).toEqual([]);
  });

  it('bootstraps a fresh datastore (migrates it first), across separate runs', async () => {
    const before = process.env.RELATA_DATASTORE_SCHEMA;
    process.env.RELATA_DATASTORE_SCHEMA = schema;
    try {
      const created = await relata(['create', '--name', 'first admin', '--scope', '*:admin', '--datastore', testDatabaseUrl]);
      expect(created.err).toEqual([]);
      const listed = await relata(['list', '--datastore', testDatabaseUrl]);
      expect(listed.out).toEqual([expect.stringContaining(idOf(created.out))]);
    } finally {
      if (before === undefined) delete process.env.RELATA_DATASTORE_SCHEMA;
      else process.env.RELATA_DATASTORE_SCHEMA = before;
    }
  });

  it('with Redis, a change made with the CLI reaches a running server at once (no poll); an unreachable Redis only delays the command', async () => {
    const ds = new MemoryDatastore();
    const channel = `relata:test-cli-${randomUUID().slice(0, 8)}:api-clients`;
    const created = await relata(['create', '--name', 'pushed', '--scope', '*:check'], ds);
    const key = keyOf(created.out);
    const listening = new RedisBroadcast({ url: testRedisUrl, channel, commandTimeoutMs: 250 });
    const server = createClientsAuthMethod({ clients: ds.apiClients, pollIntervalMs: 1e9, maxStalenessMs: 1e9, push: listening });
    await server.authenticate(key, { authorization: undefined, peerAddress: '127.0.0.1' });
    await vi.waitFor(() => expect(listening.live).toBe(true), { timeout: 5_000 });
    expect(server.stats().cachedKeys).toBe(1);
    const disabled = await relata(['disable', idOf(created.out)], ds, () => new RedisBroadcast({ url: testRedisUrl, channel, commandTimeoutMs: 250 }));
    expect(disabled.code).toBe(0);
    await vi.waitFor(() => expect(server.stats().cachedKeys).toBe(0), { timeout: 2_000 });
    await server.close();
    const started = performance.now();
    const enabled = await relata(['enable', idOf(created.out)], ds, () => new RedisBroadcast({ url: 'redis://127.0.0.1:1', channel, commandTimeoutMs: 50 }));
    expect(enabled.code).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('audits every change with the operator (cli:<os user>) and --reason; a failed change records nothing', async () => {
    const ds = new MemoryDatastore();
    const created = await relata(['create', '--name', 'audited', '--scope', '*:check', '--reason', 'onboarding'], ds);
    const id = idOf(created.out);
    for (const verb of ['disable', 'enable', 'rotate', 'delete']) expect((await relata([verb, id, '--reason', `${verb} it`], ds)).code).toBe(0);
    expect((await relata(['delete', id], ds)).code).toBe(1);
    await relata(['list'], ds);
    const records = (await ds.queryAudit({ storeId: '' }, { pageSize: 100 })).items.reverse();
    expect(records.map((r) => r.operation)).toEqual(['CreateApiClient', 'DisableApiClient', 'EnableApiClient', 'RotateApiClientKey', 'DeleteApiClient']);
    const actor = `cli:${userInfo().username}`;
    expect(records.map((r) => r.actor)).toEqual(Array(5).fill(actor));
    expect(records.map((r) => (JSON.parse(r.body) as { reason?: string }).reason)).toEqual(['onboarding', 'disable it', 'enable it', 'rotate it', 'delete it']);
    expect(JSON.parse(records[0].body)).toMatchObject({ clientId: id, userAgent: 'relata clients create', requestId: expect.stringMatching(/^cli-/) as unknown });
  });
});
