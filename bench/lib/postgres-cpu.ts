// CPU seconds spent so far by the PostgreSQL backends of one application_name (from /proc, so
// the database must run on this machine): the database's share of a benchmark's work.
import type pg from 'pg';
import { processCpuSeconds } from './server-process.js';

export async function postgresCpuSeconds(admin: pg.Client, applicationName: string): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  let total = 0;
  for (const { pid } of rows) {
    try {
      total += processCpuSeconds(pid);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}
