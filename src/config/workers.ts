// RELATA_WORKERS: how many server processes `relata serve` runs behind its ports (node:cluster).
// 1 (the default) is one process with no cluster code path; N > 1 needs a shared datastore, since
// one process owns PGlite's data directory and the memory backend is per process.
import { availableParallelism } from 'node:os';
import { ConfigError, read, type Env } from './env.js';

export const workersVariable = 'RELATA_WORKERS';
export const maxWorkers = 64;

/** `auto` = the CPUs this process may use (os.availableParallelism), capped at maxWorkers. */
export function workersConfig(env: Env, datastoreKind: 'postgres' | 'pglite' | 'memory', cpus: () => number = availableParallelism): number {
  const raw = read(env, workersVariable);
  if (raw === undefined) return 1;
  const workers = raw.toLowerCase() === 'auto' ? Math.min(maxWorkers, Math.max(1, cpus())) : parseWorkers(raw);
  if (workers > 1 && datastoreKind !== 'postgres') {
    throw new ConfigError(
      `${workersVariable}=${raw} needs a PostgreSQL datastore: the ${datastoreKind} datastore lives in one process (set ${workersVariable}=1 or RELATA_DATASTORE_URL=postgres://...)`,
    );
  }
  return workers;
}

function parseWorkers(raw: string): number {
  const invalid = `${workersVariable} must be an integer from 1 to ${maxWorkers} or auto, got '${raw.length > 40 ? `${raw.slice(0, 40)}...` : raw}'`;
  if (!/^\d{1,3}$/.test(raw)) throw new ConfigError(invalid);
  const value = Number(raw);
  if (value < 1 || value > maxWorkers) throw new ConfigError(invalid);
  return value;
}
