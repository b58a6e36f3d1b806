// RELATA_AUDIT_RETENTION_DAYS in a server: prunes every chain at start and then hourly, in the
// background (a failure is logged and retried next time; it never stops the server).
import { applyRetention } from '../audit/index.js';
import type { Logger } from '../observability/index.js';
import type { Datastore } from '../storage/datastore.js';

const everyMs = 3_600_000;

export function startAuditRetention(datastore: Datastore, days: number, logger: Logger): { stop(): void } | undefined {
  if (days <= 0) return undefined;
  let running: Promise<void> | undefined;
  const run = (): void => {
    running ??= applyRetention(datastore, days)
      .then((removed) => {
        if (removed > 0) logger.info({ removed, retentionDays: days }, 'audit: old records removed');
      })
      .catch((err: unknown) => logger.warn({ err }, 'audit: retention failed; retried in an hour'))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
