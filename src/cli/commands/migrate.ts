// `relata migrate`: applies pending SQL migrations to the datastore of RELATA_DATASTORE_URL
// (or --datastore). Safe to run from several processes at once; a no-op when up to date.
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { RelataError } from '../../model/errors.js';
import { openDatastore } from '../open-datastore.js';

/** An error for an operator: the message and, for a driver failure, its cause. */
export function describeError(err: unknown): string {
  if (err instanceof RelataError && err.cause instanceof Error) return `${err.message}: ${err.cause.message}`;
  return err instanceof Error ? err.message : String(err);
}

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (RELATA_DATASTORE_URL: postgres://..., pglite:<dir> or memory)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .action(async (options: { datastore?: string }) => {
      const env = options.datastore ? { ...process.env, RELATA_DATASTORE_URL: options.datastore } : process.env;
      try {
        const { datastore: config } = loadConfig(env);
        const datastore = await openDatastore(config);
        try {
          await datastore.migrate();
          console.log(`relata migrate: ${config.kind} datastore is up to date`);
        } finally {
          await datastore.close();
        }
      } catch (err) {
        console.error(`relata migrate: ${describeError(err)}`);
        process.exitCode = 1;
      }
    });
}
