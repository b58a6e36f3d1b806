// Read coalescing across requests (issue 18): the plain level reads (SqlTupleReader.readLevel
// without closure-index reads) of concurrent Checks of one store go together as ONE statement.
// A read that arrives while no level statement of its store is in flight goes at once; the reads
// that arrive meanwhile wait for it and then go together (GroupCommitQueue, the protocol of the
// write groups). Each read keeps its own answer exactly:
// - its keys are its own (concatenated, never shared), and rows come back by the ordinality `n`
//   of the key, so each read gets the rows of its keys only;
// - its instant: every key carries the index of its read, and the statement compares expires_at
//   with that read's `now` (exact in SQL, no rounding of timestamps in node);
// - its user filters (they come from the read's model version): each distinct filter (a list of
//   user type + user relation) gets an id, and each forward key names the id of its filter (0 =
//   the relation is read whole), so two model versions in one group keep their own filters;
// - its errors: when a merged statement fails for what may be one read's input, each read of the
//   group runs alone, so each gets its own answer or its own error, never another's; when it
//   fails for the connection, a cancellation (timeout) or exhausted resources, every read of the
//   group gets that error at once (mayBeOneReadsFault).
// Reads inside a transaction never come here: readers are built on the datastore's pool client.
import type { UserTypeFilter } from '../../engine/index.js';
import type { SqlClient, SqlRow } from './sql-client.js';
import { GroupCommitQueue, type Settled } from './group-commit-queue.js';
import { isConnectionError, sqlState } from './sanitize-error.js';

/** One read's level: forward keys with their filters, reverse keys, and its instant. */
export interface LevelReadJob {
  /** Object type, object id, relation per forward key. */
  forward: readonly [readonly string[], readonly string[], readonly string[]];
  /** Per forward key: its user filter, or undefined = the relation is read whole. */
  filters: readonly (readonly UserTypeFilter[] | undefined)[];
  /** Object type, relation, user type, user relation, user id per reverse key. */
  reverse: readonly [readonly string[], readonly string[], readonly string[], readonly string[], readonly string[]];
  /** ISO instant: tuples with `expires_at <= now` are left out. */
  now: string;
}

/** The most keys (forward + reverse) one merged statement carries; a larger read goes alone. */
export const defaultLevelGroupKeys = 5_000;

// The level statement of sql-tuple-reader.ts for many reads: forward keys (object type, id,
// relation, filter id, read index) joined to the primary key, filters as (filter id, user type,
// user relation) rows, reverse keys (5 columns + read index) joined to tuple_reverse_idx, and
// each read's instant by its index in $16. A forward row has n > 0, a reverse row n < 0.
/** Parameters: store, forward keys (5 arrays), filters (3 arrays), reverse keys (6 arrays), nows. */
export const levelMany = `SELECT k.n::int AS n, t.user_type AS a, t.user_id AS b, t.user_relation AS c, t.condition_name, t.condition_context, t.expires_at FROM
  unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) WITH ORDINALITY AS k(object_type, object_id, relation, f, g, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.object_type AND t.object_id = k.object_id AND t.relation = k.relation
  WHERE (t.expires_at IS NULL OR t.expires_at > ($16::timestamptz[])[k.g])
    AND (k.f = 0 OR (k.f, t.user_type, t.user_relation) IN (SELECT * FROM unnest($7::int[], $8::text[], $9::text[])))
UNION ALL
SELECT -k.n::int, t.object_id, NULL, NULL, t.condition_name, t.condition_context, t.expires_at FROM
  unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int[]) WITH ORDINALITY AS k(object_type, relation, user_type, user_relation, user_id, g, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.object_type AND t.relation = k.relation
    AND t.user_type = k.user_type AND t.user_relation = k.user_relation AND t.user_id = k.user_id
  WHERE (t.expires_at IS NULL OR t.expires_at > ($16::timestamptz[])[k.g])`;

function keyCount(job: LevelReadJob): number {
  return job.forward[0].length + job.reverse[0].length;
}

/**
 * Runs `jobs` as one statement; returns per job its rows, `n` renumbered to the job's own keys
 * (forward 1.., reverse -1..), as the plain level statement would number them.
 */
export async function readLevelsSql(client: SqlClient, storeId: string, jobs: readonly LevelReadJob[]): Promise<SqlRow[][]> {
  const forward: [string[], string[], string[], number[], number[]] = [[], [], [], [], []];
  const filterRows: [number[], string[], string[]] = [[], [], []];
  const reverse: [string[], string[], string[], string[], string[], number[]] = [[], [], [], [], [], []];
  const nows: string[] = [];
  const filterIds: FilterIds = { byContent: new Map(), byList: new Map() };
  // Per global key (n - 1): the job and the job's own index of the key.
  const forwardOwner: number[] = [];
  const reverseOwner: number[] = [];
  const forwardStart: number[] = [];
  const reverseStart: number[] = [];
  for (const [j, job] of jobs.entries()) {
    nows.push(job.now);
    const g = j + 1;
    forwardStart.push(forward[0].length);
    reverseStart.push(reverse[0].length);
    for (let i = 0; i < job.forward[0].length; i++) {
      forward[0].push(job.forward[0][i]);
      forward[1].push(job.forward[1][i]);
      forward[2].push(job.forward[2][i]);
      forward[3].push(filterId(job.filters[i], filterIds, filterRows));
      forward[4].push(g);
      forwardOwner.push(j);
    }
    for (let i = 0; i < job.reverse[0].length; i++) {
      reverse[0].push(job.reverse[0][i]);
      reverse[1].push(job.reverse[1][i]);
      reverse[2].push(job.reverse[2][i]);
      reverse[3].push(job.reverse[3][i]);
      reverse[4].push(job.reverse[4][i]);
      reverse[5].push(g);
      reverseOwner.push(j);
    }
  }
  const rows = await client.query(levelMany, [storeId, ...forward, ...filterRows, ...reverse, nows], 'relata_read_level_many');
  const answers: SqlRow[][] = jobs.map(() => []);
  for (const row of rows) {
    const n = row.n as number;
    if (n > 0) {
      const j = forwardOwner[n - 1];
      row.n = n - forwardStart[j];
      answers[j].push(row);
    } else {
      const j = reverseOwner[-n - 1];
      row.n = n + reverseStart[j];
      answers[j].push(row);
    }
  }
  return answers;
}

interface FilterIds {
  /** Filter ids by content (user type and relation pairs). */
  byContent: Map<string, number>;
  /** The same by list: the keys of one read share their filter's list. */
  byList: Map<readonly UserTypeFilter[], number>;
}

/** The id of a filter (1..) in the statement's filter rows, adding its rows once; 0 = no filter. */
function filterId(filter: readonly UserTypeFilter[] | undefined, ids: FilterIds, rows: [number[], string[], string[]]): number {
  if (!filter) return 0;
  let id = ids.byList.get(filter);
  if (id !== undefined) return id;
  // NUL never occurs in a PostgreSQL text value, so the joined pairs name the filter exactly.
  const key = filter.map((f) => `${f.userType}\u0000${f.userRelation}`).join('\u0000\u0000');
  id = ids.byContent.get(key);
  if (id === undefined) {
    id = ids.byContent.size + 1;
    ids.byContent.set(key, id);
    for (const f of filter) {
      rows[0].push(id);
      rows[1].push(f.userType);
      rows[2].push(f.userRelation);
    }
  }
  ids.byList.set(filter, id);
  return id;
}

/**
 * Whether a failed merged statement may have failed for one read's own input (a data exception
 * such as a NUL in an id, a limit one read's size exceeds), so that each read alone may fare
 * better. Not when the connection or the server failed, the statement was cancelled (a timeout)
 * or resources ran out: retrying each read alone then only multiplies the load, exactly when the
 * database is struggling.
 */
function mayBeOneReadsFault(error: unknown): boolean {
  if (isConnectionError(error)) return false;
  const state = sqlState(error);
  return !(state && (state.startsWith('53') || state.startsWith('57') || state.startsWith('58')));
}

export interface LevelCoalescerOptions {
  /** Most keys (forward + reverse) in one merged statement (default defaultLevelGroupKeys). */
  maxKeys?: number;
  /** Merged statements of one store in flight at once (default 1). */
  inFlight?: number;
}

/** Per datastore: the level reads of each store, merged while one of that store is in flight. */
export class LevelCoalescer {
  private readonly queue: GroupCommitQueue<LevelReadJob, SqlRow[]>;

  constructor(client: SqlClient, options: LevelCoalescerOptions = {}) {
    const maxKeys = options.maxKeys ?? defaultLevelGroupKeys;
    this.queue = new GroupCommitQueue({
      run: async (storeId, jobs) => {
        try {
          const answers = await readLevelsSql(client, storeId, jobs);
          return answers.map((value): Settled<SqlRow[]> => ({ ok: true, value }));
        } catch (error) {
          if (jobs.length === 1 || !mayBeOneReadsFault(error)) return jobs.map((): Settled<SqlRow[]> => ({ ok: false, error }));
          // One read's input may have failed the statement: each read alone gets its own outcome.
          return Promise.all(
            jobs.map((job) =>
              readLevelsSql(client, storeId, [job]).then(
                ([value]): Settled<SqlRow[]> => ({ ok: true, value }),
                (e: unknown): Settled<SqlRow[]> => ({ ok: false, error: e }),
              ),
            ),
          );
        }
      },
      take: (waiting) => {
        let keys = 0;
        let count = 0;
        for (const job of waiting) {
          keys += keyCount(job);
          if (count > 0 && keys > maxKeys) break;
          count++;
        }
        return count;
      },
      inFlight: options.inFlight,
    });
  }

  /** The rows of one read's level, `n` numbered within its own keys. */
  read(storeId: string, job: LevelReadJob): Promise<SqlRow[]> {
    return this.queue.submit(storeId, job);
  }
}
