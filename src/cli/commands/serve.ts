// `relata serve` (the default command): reads the config from RELATA_* env vars, starts the
// server and shuts down gracefully on SIGTERM/SIGINT (a second signal exits at once). With
// RELATA_WORKERS > 1 this process is the primary of N worker processes (src/cli/cluster/).
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/index.js';
import { startRelata } from '../compose.js';
import { workerMarker } from '../cluster/messages.js';
import { startFailureLine } from '../start-failure.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('serve the OpenFGA-compatible gRPC API (config from RELATA_* environment variables)')
    .action(async () => {
      let config;
      try {
        config = loadConfig();
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(`relata: invalid configuration: ${error.message}\n`);
          process.exit(2);
        }
        throw error;
      }
      if (config.workers > 1) {
        const { default: cluster } = await import('node:cluster');
        if (cluster.isWorker && process.env[workerMarker] === '1') return (await import('../cluster/worker.js')).runWorker(config);
        return (await import('../cluster/primary.js')).runPrimary(config);
      }
      let runtime;
      try {
        runtime = await startRelata(config);
      } catch (error) {
        // A dependency that is down at start (e.g. the datastore): one line naming it, not a stack trace.
        process.stderr.write(`relata: cannot start: ${startFailureLine(error)}\n`);
        process.exit(1);
      }
      let signalled = false;
      const onSignal = (signal: NodeJS.Signals): void => {
        if (signalled) {
          runtime.logger.warn({ signal }, 'second signal: exiting without draining');
          process.exit(1);
        }
        signalled = true;
        runtime.logger.info({ signal }, 'signal received');
        runtime.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            runtime.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
}
