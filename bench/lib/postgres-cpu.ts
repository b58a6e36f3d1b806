// CPU time of the PostgreSQL backends that serve a Relata server's pool, from /proc: the server
// connects with its own application_name (set in its datastore URL), by which its backends are
// found. Comparing two samples gives the database's share of a workload's cost.
import type pg from 'pg';
import { processCpuSeconds } from './server-process.js';

/** The datastore URL with `application_name` set, so that its backends can be found. */
export const withApplicationName = (databaseUrl: string, appName: string): string => `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${appName}`;

/** CPU seconds of each backend (by pid) connected with `appName`. */
export async function postgresCpuSeconds(admin: pg.Client, appName: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, processCpuSeconds(pid));
    } catch {
      // The backend ended between the query and the read.
    }
  }
  return cpu;
}

/** CPU seconds the backends spent between two samples (a backend new in `after` counts whole). */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, now] of after) seconds += now - (before.get(pid) ?? 0);
  return seconds;
}
