// CPU time of the PostgreSQL backends serving one client (found by the application_name its
// connection string sets): what a server's work costs on the database side, on the same machine.
import type pg from 'pg';
import { processCpuSeconds } from './server-process.js';

/** CPU seconds per backend pid of `applicationName`'s connections, now. */
export async function postgresCpuSeconds(admin: Pick<pg.Client, 'query'>, applicationName: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
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

/** CPU seconds spent between two snapshots (a backend started meanwhile counts from 0; one that ended is lost). */
export function cpuSpent(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** `url` with `application_name` set (in the URL it overrides the pool's own). */
export function withApplicationName(url: string, applicationName: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}application_name=${applicationName}`;
}
