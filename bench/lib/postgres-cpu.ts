// CPU seconds of the PostgreSQL backends serving one application (found by application_name in
// pg_stat_activity), from /proc: what a bench adds to its own process's CPU per operation.
import type pg from 'pg';
import { processCpuSeconds } from './server-process.js';

/** CPU seconds so far of each backend of `applicationName`, by pid (a backend that ended meanwhile is left out). */
export async function backendCpuSeconds(admin: pg.Client, applicationName: string): Promise<Map<number, number>> {
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

/** CPU seconds the backends spent between two readings (a backend new since `before` counts from 0). */
export function backendCpuSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let seconds = 0;
  for (const [pid, cpu] of after) seconds += cpu - (before.get(pid) ?? 0);
  return seconds;
}
