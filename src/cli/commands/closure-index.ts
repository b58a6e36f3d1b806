// `relata index rebuild [--store <id>]`: rebuilds the closure index (Leopard, issue 18) of one
// store or of all, from their tuples, each store under its write lock (writes to it wait; reads
// go on). Writers keep the index up to date while their maintenance stays under
// RELATA_CLOSURE_MAX_WORK_PER_WRITE; past it, or with RELATA_CLOSURE_INDEX=off, they mark the kinds
// of edge they change stale (walked by readers), and this is what clears the marks. Run it after
// turning the index on, after large bulk imports, and for repair.
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openDatastore } from '../open-datastore.js';
import { describeError } from './migrate.js';

export function registerClosureIndexCommands(program: Command): void {
  const index = program.command('index').description('the closure index of nested groups and folder chains (issue 18)');
  index
    .command('rebuild')
    .description('rebuild the closure index from the tuples (RELATA_DATASTORE_URL: postgres://... or pglite:<dir>)')
    .option('--store <id>', 'only this store (default: every store)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .action(async (options: { store?: string; datastore?: string }) => {
      const env = options.datastore ? { ...process.env, RELATA_DATASTORE_URL: options.datastore } : process.env;
      try {
        const { datastore: config } = loadConfig(env);
        const datastore = await openDatastore(config);
        try {
          if (!datastore.rebuildClosureIndex) {
            console.log(`relata index rebuild: the ${config.kind} datastore computes the closure on demand; nothing to rebuild`);
            return;
          }
          await datastore.migrate();
          const started = performance.now();
          const rebuilt = await datastore.rebuildClosureIndex(options.store);
          for (const store of rebuilt) console.log(`${store.storeId}\t${store.rows} pairs`);
          console.log(`relata index rebuild: ${rebuilt.length} store(s), ${rebuilt.reduce((n, s) => n + s.rows, 0)} pairs in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await datastore.close();
        }
      } catch (err) {
        console.error(`relata index rebuild: ${describeError(err)}`);
        process.exitCode = 1;
      }
    });
}
