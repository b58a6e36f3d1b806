// What a dataset costs besides time: a server's peak resident memory (VmHWM, from /proc) and the
// size on disk of the database and of the run's tuple and changelog tables (with their indexes).
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** The highest resident set size the process has had, in MiB (0 when /proc does not say). */
export function peakRssMiB(pid: number): number {
  const peak = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return peak ? Number(peak[1]) / 1024 : 0;
}

export interface DatabaseFootprint {
  databaseMiB: number;
  tupleTableMiB: number;
  tupleHeapMiB: number;
  tupleIndexesMiB: number;
  changelogMiB: number;
}

const mib = (bytes: string | number) => Number(bytes) / 2 ** 20;

export async function databaseFootprint(admin: pg.Client, schema: string): Promise<DatabaseFootprint> {
  const { rows } = await admin.query<Record<string, string>>(
    `SELECT pg_database_size(current_database()) AS database,
       pg_total_relation_size($1::regclass) AS tuple_total, pg_relation_size($1::regclass) AS tuple_heap,
       pg_indexes_size($1::regclass) AS tuple_indexes, pg_total_relation_size($2::regclass) AS changelog`,
    [`${schema}.tuple`, `${schema}.changelog`],
  );
  const row = rows[0]!;
  return {
    databaseMiB: mib(row.database!),
    tupleTableMiB: mib(row.tuple_total!),
    tupleHeapMiB: mib(row.tuple_heap!),
    tupleIndexesMiB: mib(row.tuple_indexes!),
    changelogMiB: mib(row.changelog!),
  };
}

export const describeFootprint = (f: DatabaseFootprint): string =>
  `database ${f.databaseMiB.toFixed(0)} MiB; tuple table ${f.tupleTableMiB.toFixed(0)} MiB (heap ${f.tupleHeapMiB.toFixed(0)}, indexes ${f.tupleIndexesMiB.toFixed(0)}); changelog ${f.changelogMiB.toFixed(0)} MiB`;
