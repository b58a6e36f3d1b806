// CPU of the PostgreSQL backends serving a process, found by the application_name it connects
// with (a bench puts one of its own in the datastore URL), read from /proc.
import type pg from 'pg';
import { processCpuSeconds } from './server-process.js';

/** CPU seconds of each backend whose application_name is `appName`, by pid. */
export async function backendCpuByPid(admin: pg.Client, appName: string): Promise<Map<number, number>> {
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

/** CPU seconds the backends used since `before` (a backend that appeared since counts whole). */
export function backendCpuSince(before: ReadonlyMap<number, number>, now: ReadonlyMap<number, number>): number {
  let seconds = 0;
  for (const [pid, total] of now) seconds += total - (before.get(pid) ?? 0);
  return seconds;
}
