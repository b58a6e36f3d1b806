// A small migration runner shared by the SQL backends: numbered files NNN_name.sql, applied in
// order inside ONE transaction that first takes an advisory lock, so two processes starting at
// once apply each migration exactly once and a failed migration leaves nothing behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql-client.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations folder beside this module (or in src/ when running from a tsc build, which does not copy .sql). */
function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations')];
  const distMarker = `${sep}dist${sep}src${sep}`;
  if (here.includes(distMarker)) candidates.push(join(here.replace(distMarker, `${sep}src${sep}`), 'migrations'));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`SQL migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)_([a-z0-9_]+)\.sql$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ version: Number(match[1]), name: match[2], sql: readFileSync(join(dir, match[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name '${name}': use letters, digits and _`);
  return `"${name}"`;
}

export interface MigrateOptions {
  /** Create this schema first (the client's search_path must already name it). */
  schema?: string;
  migrations?: Migration[];
}

/** Applies pending migrations; returns the versions it applied (empty when up to date). */
export async function runMigrations(client: SqlClient, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = options.migrations ?? loadMigrations();
  // The lock is held until commit: a second process waits for it, then finds everything applied.
  return client.transaction(async (tx) => {
    if (options.schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  }, { lock: `relata.migrate:${options.schema ?? ''}` });
}
