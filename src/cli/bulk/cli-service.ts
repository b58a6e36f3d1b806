// The service for one CLI command: the datastore of RELATA_DATASTORE_URL (or --datastore),
// migrated, without a decision cache. Running servers see what the command changes through the
// changelog (their cache's changelog polling invalidates within its staleness bound).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadConfig } from '../../config/index.js';
import { RelataError } from '../../model/errors.js';
import { createLogger } from '../../observability/logger.js';
import { createRelataService } from '../../service/index.js';
import type { RelataService } from '../../service/index.js';
import { openDatastore } from '../open-datastore.js';

export async function withCliService<T>(datastoreUrl: string | undefined, body: (service: RelataService) => Promise<T>): Promise<T> {
  const env = datastoreUrl ? { ...process.env, RELATA_DATASTORE_URL: datastoreUrl } : process.env;
  const config = loadConfig(env);
  const datastore = await openDatastore(config.datastore);
  try {
    await datastore.migrate();
    const service = createRelataService({ datastore, logger: createLogger({ level: 'warn' }), limits: config.limits, tokenSecret: config.tokenSecret });
    return await body(service);
  } finally {
    await datastore.close();
  }
}

/** A usage problem of a command line (message only, exit 1). */
export class CliUsageError extends Error {}

/** Prints what went wrong on stderr and sets exit code 1; anything unexpected keeps its stack. */
export async function runCliAction(command: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const known = error instanceof RelataError || error instanceof CliUsageError || (error instanceof Error && error.name === 'TupleFileError');
    // A local command's operator may see the driver's cause, which a server keeps to its logs.
    const message = error instanceof RelataError && error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`relata ${command}: ${known ? message : error instanceof Error ? (error.stack ?? message) : message}\n`);
    process.exitCode = 1;
  }
}

/** A positive integer option, or a usage error naming it. */
export function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliUsageError(`--${name} must be an integer in [${min}, ${max}], got '${value}'`);
  return n;
}

/** Writes with back-pressure: a large export never piles up in memory. */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Ends an output file and waits until it is flushed (stdout stays open). */
export async function closeOutput(out: Writable): Promise<void> {
  if (out === process.stdout) return;
  out.end();
  await once(out, 'finish');
}
