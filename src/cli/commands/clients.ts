// `relata clients create|list|show|disable|enable|rotate|delete`: API client management against
// the datastore directly (RELATA_DATASTORE_URL or --datastore), so that the first admin client can
// be created before any server runs. `create` and `rotate` print the key once; it is never stored.
// With RELATA_REDIS_URL set, each change is also announced to the running servers (the channel of
// client-change-channel.ts), which otherwise learn of it at their next change-log poll.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { clientChangeNotices } from '../../auth/index.js';
import type { ClientChangeChannel } from '../../auth/index.js';
import { loadConfig } from '../../config/index.js';
import { ErrorCode, RelataError, ValidationError } from '../../model/errors.js';
import { createApiClientAdmin, parseExpiry, parseScopeGrant } from '../../service/index.js';
import type { ApiClientAdmin, ApiClientInfo, IssuedApiClient } from '../../service/index.js';
import type { Datastore } from '../../storage/datastore.js';
import { openClientChangeChannel } from '../client-change-channel.js';
import { openDatastore } from '../open-datastore.js';
import { operatorCaller, reasonOption } from '../operator.js';

export interface ClientsCommandIo {
  /** The datastore to manage; default: the configured one (migrated first, closed after). */
  open?: (url: string | undefined) => Promise<Datastore>;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Where changes are announced; default: the RELATA_REDIS_URL channel, none without it. */
  changeChannel?: () => (ClientChangeChannel & { publisherReady(timeoutMs: number): Promise<boolean>; close(): Promise<void> }) | undefined;
}

/** How long a change waits for Redis before leaving the servers to their change-log poll. */
const announceTimeoutMs = 1_000;

function configuredChangeChannel() {
  try {
    return openClientChangeChannel(loadConfig(process.env));
  } catch {
    return undefined; // a config the servers would refuse: nothing to announce to
  }
}

interface CommonOptions {
  datastore?: string;
  json?: boolean;
  reason?: string;
}

interface CreateOptions extends CommonOptions {
  name: string;
  scope: string[];
  expires?: string;
  allow: string[];
  rate?: string;
  burst?: string;
}

function describe(client: ApiClientInfo): string[] {
  return [
    `id:         ${client.id}`,
    `name:       ${client.name}`,
    `status:     ${client.status}`,
    `scopes:     ${client.grants.map((g) => `${g.store}:${g.scopes.join(',')}`).join(' ')}`,
    `expires:    ${client.expiresAt?.toISOString() ?? 'never'}`,
    `allow:      ${client.allowedCidrs.length > 0 ? client.allowedCidrs.join(' ') : 'any address'}`,
    `rate:       ${client.rateLimit ? `${client.rateLimit.perSecond}/s, burst ${client.rateLimit.burst}` : 'unlimited'}`,
    `created:    ${client.createdAt.toISOString()}`,
  ];
}

function number(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) throw new ValidationError(ErrorCode.ValidationError, `invalid ${field}: expected a number, got '${text.slice(0, 40)}'`);
  return value;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerClientsCommands(program: Command, io: ClientsCommandIo = {}): void {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  const open = io.open ?? (async (url: string | undefined) => {
    const env = url ? { ...process.env, RELATA_DATASTORE_URL: url } : process.env;
    return openDatastore(loadConfig(env).datastore);
  });

  /** Opens the datastore, runs one admin action, closes; a refused action prints its message and exits 1. */
  const run = (action: (admin: ApiClientAdmin, options: CommonOptions) => Promise<void>) => async (options: CommonOptions): Promise<void> => {
    let datastore: Datastore | undefined;
    const channel = (io.changeChannel ?? configuredChangeChannel)();
    const announce = async (clientId: string): Promise<void> => {
      if (!channel || !(await channel.publisherReady(announceTimeoutMs))) return;
      for (const notice of clientChangeNotices(`cli-${randomUUID()}`, [clientId])) await channel.publish(notice);
    };
    try {
      datastore = await open(options.datastore);
      await datastore.migrate();
      await action(createApiClientAdmin(datastore.apiClients, { onChange: announce }), options);
    } catch (error) {
      const detail = error instanceof RelataError && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      err(`relata clients: ${error instanceof Error ? error.message : String(error)}${detail}`);
      process.exitCode = 1;
    } finally {
      if (!io.open) await datastore?.close();
      await channel?.close();
    }
  };
  const printIssued = (issued: IssuedApiClient, json: boolean | undefined, verb: string): void => {
    if (json) return out(JSON.stringify({ ...issued.client, key: issued.key }));
    out(`${verb} api client ${issued.client.id}`);
    for (const line of describe(issued.client)) out(line);
    out(`key:        ${issued.key}`);
    out('The key is shown only now: store it as a secret. Lost keys cannot be recovered, only rotated.');
  };

  const clients = program.command('clients').description('manage API clients (the `clients` authentication method) in the datastore');
  const withCommon = (command: Command): Command =>
    command.option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)').option('--json', 'print JSON');
  /** A command that changes a client: audited with the operator (`cli:<os user>`) and `--reason`. */
  const withChange = (command: Command): Command => withCommon(command).option(...reasonOption);
  const operator = (verb: string, options: CommonOptions) => operatorCaller(`clients ${verb}`, options.reason);

  withChange(clients.command('create'))
    .description('create an API client and print its key (once)')
    .requiredOption('--name <name>', 'a name for people (3-64 characters)')
    .option('--scope <STORE:SCOPES>', 'a grant such as STORE_ID:check,read or *:admin (repeatable; scopes: check, read, write, model, admin)', collect, [])
    .option('--expires <when>', 'expiry: 30d, 12h, 15m, 90s from now, or an ISO 8601 date')
    .option('--allow <cidr>', 'an IP address or CIDR range the client may call from (repeatable; default: anywhere)', collect, [])
    .option('--rate <n>', 'requests per second (default: unlimited)')
    .option('--burst <n>', 'requests allowed at once (default: the rate, rounded up)')
    .action(run(async (admin, options) => {
      const o = options as CreateOptions;
      const issued = await admin.create({
        name: o.name,
        grants: o.scope.map((text, i) => parseScopeGrant(text, `scope[${i}]`)),
        expiresAt: o.expires === undefined ? undefined : parseExpiry(o.expires),
        allowedCidrs: o.allow,
        ratePerSecond: number(o.rate, 'rate'),
        rateBurst: number(o.burst, 'burst'),
      }, operator('create', o));
      printIssued(issued, o.json, 'created');
    }));

  withCommon(clients.command('list'))
    .description('list API clients')
    .action(run(async (admin, options) => {
      let token = '';
      do {
        const page = await admin.list({ pageSize: 100, continuationToken: token || undefined });
        for (const c of page.items) {
          out(options.json ? JSON.stringify(c) : `${c.id}  ${c.status.padEnd(8)}  ${c.name}  ${c.grants.map((g) => `${g.store}:${g.scopes.join(',')}`).join(' ')}`);
        }
        token = page.continuationToken;
      } while (token);
    }));

  withCommon(clients.command('show').argument('<client-id>'))
    .description('show one API client')
    .action(async (id: string, options: CommonOptions) => run(async (admin, o) => {
      const client = await admin.show(id);
      if (o.json) out(JSON.stringify(client));
      else for (const line of describe(client)) out(line);
    })(options));

  for (const [verb, past] of [['disable', 'disabled'], ['enable', 'enabled']] as const) {
    withChange(clients.command(verb).argument('<client-id>'))
      .description(`${verb} an API client (takes effect on every replica within its change poll interval)`)
      .action(async (id: string, options: CommonOptions) => run(async (admin, o) => {
        await admin[verb](id, operator(verb, o));
        out(`${past} api client ${id}`);
      })(options));
  }

  withChange(clients.command('rotate').argument('<client-id>'))
    .description('replace the key of an API client (the old key stops working) and print the new one (once)')
    .action(async (id: string, options: CommonOptions) => run(async (admin, o) => printIssued(await admin.rotate(id, operator('rotate', o)), o.json, 'rotated'))(options));

  withChange(clients.command('delete').argument('<client-id>'))
    .description('delete an API client')
    .action(async (id: string, options: CommonOptions) => run(async (admin, o) => {
      await admin.delete(id, operator('delete', o));
      out(`deleted api client ${id}`);
    })(options));
}
