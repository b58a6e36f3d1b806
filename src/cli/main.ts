// `relata` command line: the composition root (the only place that picks concrete backends).
import { Command } from 'commander';

const program = new Command('relata').description('Relata: a Zanzibar-style relationship authorization server');
program.showHelpAfterError();
(await import('./commands/model.js')).registerModelCommands(program);
(await import('./commands/model-test.js')).registerModelTestCommand(program);
(await import('./commands/serve.js')).registerServeCommand(program);
(await import('./commands/migrate.js')).registerMigrateCommand(program);
(await import('./commands/clients.js')).registerClientsCommands(program);
(await import('./commands/authzen.js')).registerAuthzenCommands(program);
(await import('./commands/audit.js')).registerAuditCommands(program);
(await import('./commands/tuples.js')).registerTuplesCommands(program);
(await import('./commands/store-file-transfer.js')).registerStoreCommands(program);
(await import('./commands/explain.js')).registerExplainCommands(program);
(await import('./commands/closure-index.js')).registerClosureIndexCommands(program);
await program.parseAsync(process.argv);
