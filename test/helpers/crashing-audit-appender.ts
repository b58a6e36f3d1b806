// An AuditAppenderSpec module whose appender kills the decision log's worker thread as it opens
// (process.exit in a worker ends the thread, not the process): the worker-crash case of
// test/integration/decision-log-postgres.test.ts.
import type { AuditAppender } from '../../src/storage/audit-repository.js';

export function openAuditAppender(options: { exitCode: number }): Promise<AuditAppender> {
  process.exit(options.exitCode);
}
