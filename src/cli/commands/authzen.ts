// `relata authzen actions get|set|clear`: which relations of each type AuthZEN's search/action
// offers, on the datastore of RELATA_DATASTORE_URL (or --datastore), as an operator with access
// to it (the server's relata.v1 WriteAuthzenActions and `PUT /stores/{id}/authzen/actions` are
// the same setting for API callers). `set` replaces one type's list and keeps the others.
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { RelataError } from '../../model/errors.js';
import { silentLogger } from '../../observability/index.js';
import { createRelataService } from '../../service/index.js';
import type { AuthzenActions, RelataService } from '../../service/index.js';
import { openDatastore } from '../open-datastore.js';
import { operatorCaller, reasonOption } from '../operator.js';

interface DatastoreOption {
  datastore?: string;
  reason?: string;
}

async function withService(options: DatastoreOption, run: (service: RelataService) => Promise<void>): Promise<void> {
  const env = options.datastore ? { ...process.env, RELATA_DATASTORE_URL: options.datastore } : process.env;
  try {
    const config = loadConfig(env);
    const datastore = await openDatastore(config.datastore);
    try {
      await datastore.migrate();
      await run(createRelataService({ datastore, logger: silentLogger(), tokenSecret: config.tokenSecret }));
    } finally {
      await datastore.close();
    }
  } catch (err) {
    console.error(`relata authzen: ${err instanceof RelataError || err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

function print(actions: AuthzenActions): void {
  if (actions.types.length === 0) console.log('(no actions listed: every relation of a type is an action)');
  for (const entry of actions.types) console.log(`${entry.type}: ${entry.actions.join(' ')}`);
}

/** `types` with `type`'s list replaced (removed when `actions` is empty), the others kept in place. */
export function withTypeActions(current: AuthzenActions['types'], type: string, actions: string[]): AuthzenActions['types'] {
  const others = current.filter((entry) => entry.type !== type);
  if (actions.length === 0) return others;
  const at = current.findIndex((entry) => entry.type === type);
  const entry = { type, actions };
  return at < 0 ? [...others, entry] : [...others.slice(0, at), entry, ...others.slice(at)];
}

export function registerAuthzenCommands(program: Command): void {
  const actions = program.command('authzen').description('AuthZEN settings of a store').command('actions').description('which relations of each type search/action offers');
  actions
    .command('get <store-id>')
    .description('print the listed actions per type')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .action((storeId: string, options: DatastoreOption) => withService(options, async (service) => print(await service.readAuthzenActions(storeId))));
  actions
    .command('set <store-id> <type> [actions...]')
    .description("replace one type's actions (none: the type offers every relation again)")
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .option(...reasonOption)
    .action((storeId: string, type: string, names: string[], options: DatastoreOption) =>
      withService(options, async (service) => {
        const current = await service.readAuthzenActions(storeId);
        print(await service.writeAuthzenActions({ storeId, types: withTypeActions(current.types, type, names) }, operatorCaller('authzen actions set', options.reason)));
      }),
    );
  actions
    .command('clear <store-id>')
    .description('remove every list: every relation of every type is an action')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .option(...reasonOption)
    .action((storeId: string, options: DatastoreOption) =>
      withService(options, async (service) => print(await service.writeAuthzenActions({ storeId, types: [] }, operatorCaller('authzen actions clear', options.reason)))),
    );
}
