// The engine's hot path on SQL: one named (prepared once per connection) statement per call,
// answered from the primary key (forward) or tuple_reverse_idx (reverse). Every statement leaves
// out tuples expired at the reader's instant (its last parameter): expiry is exclusive, so at
// `expires_at` itself the tuple is gone, as in the memory backend.
import type { RelationTuple } from '../../model/index.js';
import type { ClosureQuery, ClosureTuplesQuery, FilteredObjectsRead, LevelQuery, LevelTuples, MembershipQuery, ObjectsRead, ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, TupleReader, UsersRead } from '../../engine/index.js';
import { rowToColumns, withCondition } from './rows.js';
import type { SqlClient, SqlRow } from './sql-client.js';
import { readClosureSql, readClosureTuplesSql } from './sql-closure-index.js';
import { closureLevelReads, withClosureReads } from './sql-closure-level.js';
import type { LevelCoalescer } from './sql-level-coalescer.js';

const cols = 'object_id, user_type, user_id, user_relation, condition_name, condition_context, expires_at';

/** The tuple (alias `t` when given) exists at the instant in parameter `$n`. */
function live(n: number, alias = ''): string {
  return `(${alias}expires_at IS NULL OR ${alias}expires_at > $${n}::timestamptz)`;
}

const byObjectsWhere = `WHERE store = $1 AND object_type = $2 AND object_id = ANY($3::text[]) AND relation = $4`;

/** Parameters: store, object type, object ids, relation, now. */
export const byObjects = `SELECT ${cols} FROM tuple
  ${byObjectsWhere} AND ${live(5)}`;

const byObjectsFiltered = `SELECT ${cols} FROM tuple
  ${byObjectsWhere} AND ${live(7)}
  AND (user_type, user_relation) IN (SELECT * FROM unnest($5::text[], $6::text[]))`;

// Several relations of the same objects (one level of a union), each relation with its own
// filter: relations in $5 are read whole, the others only for their (relation, user type, user
// relation) triples. Still one range of the primary key per object id.
const byObjectsRelations = `SELECT relation, ${cols} FROM tuple
  WHERE store = $1 AND object_type = $2 AND object_id = ANY($3::text[]) AND relation = ANY($4::text[]) AND ${live(9)}
    AND (relation = ANY($5::text[]) OR (relation, user_type, user_relation) IN (SELECT * FROM unnest($6::text[], $7::text[], $8::text[])))`;

// The user's type and relation are the query's own: only the rest travels.
const byUsersWhere = `WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_type = $4 AND user_relation = $5
    AND user_id = ANY($6::text[])`;

/** Parameters: store, object type, relation, user type, user relation, user ids, now. */
export const byUsers = `SELECT object_id, user_id, condition_name, condition_context, expires_at FROM tuple
  ${byUsersWhere} AND ${live(7)}`;

const byUsersOfObjects = `SELECT object_id, user_id, condition_name, condition_context, expires_at FROM tuple
  ${byUsersWhere} AND object_id = ANY($7::text[]) AND ${live(8)}`;

// Many reads in one statement: one row of keys per (read, id), joined to the table. The planner
// turns it into one index probe per key row (a nested loop over the unnest), on the primary key
// (forward) or tuple_reverse_idx (reverse), whatever the mix of types and relations. A row names
// its key by position (n), so only the columns the key does not give travel and get parsed.
/** Parameters: store, object types, object ids, relations, now. */
export const manyByObjects = `SELECT k.n::int AS n, t.user_type, t.user_id, t.user_relation, t.condition_name, t.condition_context, t.expires_at FROM
  unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k(object_type, object_id, relation, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.object_type AND t.object_id = k.object_id AND t.relation = k.relation
  WHERE ${live(5, 't.')}`;

const manyByUsers = `SELECT k.n::int AS n, t.object_id, t.condition_name, t.condition_context, t.expires_at FROM
  unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS k(object_type, relation, user_type, user_relation, user_id, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.object_type AND t.relation = k.relation
    AND t.user_type = k.user_type AND t.user_relation = k.user_relation AND t.user_id = k.user_id
  WHERE ${live(7, 't.')}`;

// One level of a Check in one statement (readLevel): the forward keys (object type, id, relation,
// whether the relation is read whole) joined to the primary key, each relation's user filter as
// (object type, relation, user type, user relation) rows, and the reverse keys joined to
// tuple_reverse_idx, as in manyByUsers. A forward row has n > 0 and the user's columns in a, b, c;
// a reverse row has n < 0 and the object id in a (its key gives the rest).
/** Parameters: store, forward keys (4 arrays), filters (4 arrays), reverse keys (5 arrays), now. */
export const level = `SELECT k.n::int AS n, t.user_type AS a, t.user_id AS b, t.user_relation AS c, t.condition_name, t.condition_context, t.expires_at FROM
  unnest($2::text[], $3::text[], $4::text[], $5::bool[]) WITH ORDINALITY AS k(object_type, object_id, relation, whole, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.object_type AND t.object_id = k.object_id AND t.relation = k.relation
  WHERE ${live(15, 't.')}
    AND (k.whole OR (t.object_type, t.relation, t.user_type, t.user_relation) IN (SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::text[])))
UNION ALL
SELECT -k.n::int, t.object_id, NULL, NULL, t.condition_name, t.condition_context, t.expires_at FROM
  unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) WITH ORDINALITY AS k(object_type, relation, user_type, user_relation, user_id, n)
  JOIN tuple t ON t.store = $1 AND t.object_type = k.object_type AND t.relation = k.relation
    AND t.user_type = k.user_type AND t.user_relation = k.user_relation AND t.user_id = k.user_id
  WHERE ${live(15, 't.')}`;

/** The level with the closure index's reads beside it (sql-closure-level.ts). Parameters: level's, then 12 arrays of keys. */
const levelClosure = withClosureReads(level);

export class SqlTupleReader implements TupleReader {
  /** Present unless the closure index is off (RELATA_CLOSURE_INDEX=off): see sql-closure-index.ts. */
  readonly readClosure?: (query: ClosureQuery) => Promise<ReadonlyMap<string, readonly string[]> | undefined>;
  readonly readClosureTuples?: (query: ClosureTuplesQuery) => Promise<ReadonlyMap<string, RelationTuple[]> | undefined>;
  readonly readMemberships?: (query: MembershipQuery) => Promise<ReadonlyMap<string, RelationTuple[]> | undefined>;
  /** The reader's instant, as sent to every statement. */
  private readonly now: string;
  /** Merges the plain level reads with other requests' (RELATA_READ_COALESCING); absent = one statement per read. */
  private readonly coalescer: LevelCoalescer | undefined;

  constructor(
    private readonly client: SqlClient,
    private readonly storeId: string,
    options: { closureIndex?: boolean; now?: Date; coalescer?: LevelCoalescer } = {},
  ) {
    this.coalescer = options.coalescer;
    this.now = (options.now ?? new Date()).toISOString();
    if (options.closureIndex !== false) {
      this.readClosure = (query) => readClosureSql(client, storeId, query);
      this.readClosureTuples = (query) => readClosureTuplesSql(client, storeId, query, this.now);
      this.readMemberships = async (query) => (await this.readLevel({ objects: [], users: [], memberships: [query] })).memberships?.[0];
    }
  }

  async readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    if (query.objectIds.length === 0) return [];
    if (query.userFilters && query.userFilters.length === 0) return [];
    const rows = query.userFilters
      ? await this.client.query(
          byObjectsFiltered,
          [this.storeId, query.objectType, query.objectIds, query.relation, query.userFilters.map((f) => f.userType), query.userFilters.map((f) => f.userRelation), this.now],
          'relata_read_by_objects_filtered',
        )
      : await this.client.query(byObjects, [this.storeId, query.objectType, query.objectIds, query.relation, this.now], 'relata_read_by_objects');
    return rows.map((row) => rowToColumns(row, query.objectType, query.relation));
  }

  async readRelationsByObjects(query: ReadRelationsByObjectsQuery): Promise<RelationTuple[]> {
    if (query.objectIds.length === 0) return [];
    const relations: string[] = [];
    const whole: string[] = [];
    const filtered: [string[], string[], string[]] = [[], [], []];
    for (const r of query.relations) {
      // An empty filter admits nothing: the relation is not read at all.
      if (r.userFilters && r.userFilters.length === 0) continue;
      relations.push(r.relation);
      if (!r.userFilters) {
        whole.push(r.relation);
        continue;
      }
      for (const f of r.userFilters) {
        filtered[0].push(r.relation);
        filtered[1].push(f.userType);
        filtered[2].push(f.userRelation);
      }
    }
    if (relations.length === 0) return [];
    const rows = await this.client.query(
      byObjectsRelations,
      [this.storeId, query.objectType, query.objectIds, relations, whole, ...filtered, this.now],
      'relata_read_by_objects_relations',
    );
    return rows.map((row) => rowToColumns(row, query.objectType));
  }

  async readManyByObjects(reads: readonly ObjectsRead[]): Promise<RelationTuple[]> {
    // One read alone is cheaper as the plain statement (no function scan to plan and run).
    if (reads.length === 1) return this.readByObjects(reads[0]);
    const keys: [string[], string[], string[]] = [[], [], []];
    const seen = new Set<string>();
    for (const read of reads) {
      for (const id of read.objectIds) {
        // A key given twice would join twice: the answer holds each tuple once.
        const key = `${read.objectType}\u0000${read.relation}\u0000${id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        keys[0].push(read.objectType);
        keys[1].push(id);
        keys[2].push(read.relation);
      }
    }
    if (keys[0].length === 0) return [];
    const rows = await this.client.query(manyByObjects, [this.storeId, ...keys, this.now], 'relata_read_many_by_objects');
    return rows.map((row) => {
      const i = (row.n as number) - 1;
      return withCondition({ objectType: keys[0][i], objectId: keys[1][i], relation: keys[2][i], userType: row.user_type as string, userId: row.user_id as string, userRelation: row.user_relation as string }, row);
    });
  }

  async readManyByUsers(reads: readonly UsersRead[]): Promise<RelationTuple[]> {
    if (reads.length === 1) return this.readByUsers(reads[0]);
    const keys = usersKeys(reads);
    if (keys[0].length === 0) return [];
    const rows = await this.client.query(manyByUsers, [this.storeId, ...keys, this.now], 'relata_read_many_by_users');
    return rows.map((row) => {
      const i = (row.n as number) - 1;
      return withCondition({ objectType: keys[0][i], objectId: row.object_id as string, relation: keys[1][i], userType: keys[2][i], userId: keys[4][i], userRelation: keys[3][i] }, row);
    });
  }

  async readLevel(query: LevelQuery): Promise<LevelTuples> {
    const forward: [string[], string[], string[], boolean[]] = [[], [], [], []];
    const filters: [string[], string[], string[], string[]] = [[], [], [], []];
    // Per (object type, relation): its filter, the first given (one model, one filter each).
    const filterOf = new Map<string, FilteredObjectsRead['userFilters']>();
    const keyFilters: FilteredObjectsRead['userFilters'][] = [];
    const seen = new Set<string>();
    const addFilter = (objectType: string, relation: string, userFilters: FilteredObjectsRead['userFilters']) => {
      const typeRelation = `${objectType}\u0000${relation}`;
      if (!userFilters || filterOf.has(typeRelation)) return;
      filterOf.set(typeRelation, userFilters);
      for (const f of userFilters) {
        filters[0].push(objectType);
        filters[1].push(relation);
        filters[2].push(f.userType);
        filters[3].push(f.userRelation);
      }
    };
    // The closure reads' prefetches are filtered by the same rows (sql-closure-level.ts).
    for (const c of query.closures ?? []) for (const r of c.prefetch ?? []) addFilter(c.edge.objectType, r.relation, r.userFilters);
    for (const read of query.objects) {
      // An empty filter admits nothing: the read is left out.
      if (read.userFilters?.length === 0) continue;
      const typeRelation = `${read.objectType}\u0000${read.relation}`;
      addFilter(read.objectType, read.relation, read.userFilters);
      const keyFilter = read.userFilters && filterOf.get(typeRelation);
      for (const id of read.objectIds) {
        // A key given twice would join twice: the answer holds each tuple once.
        const key = `${typeRelation}\u0000${id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        forward[0].push(read.objectType);
        forward[1].push(id);
        forward[2].push(read.relation);
        forward[3].push(!read.userFilters);
        keyFilters.push(keyFilter);
      }
    }
    const reverse = usersKeys(query.users);
    // Only a reader with the index reads it (the engine asks only those).
    const closures = this.readClosure ? closureLevelReads(query) : undefined;
    if (forward[0].length === 0 && reverse[0].length === 0 && !closures) return { objects: [], users: [] };
    let rows: SqlRow[];
    if (closures) {
      rows = await this.client.query(levelClosure, [this.storeId, ...forward, ...filters, ...reverse, this.now, ...closures.params], 'relata_read_level_closure');
    } else if (this.coalescer) {
      // Merged with the level reads of other requests of the store (sql-level-coalescer.ts).
      rows = await this.coalescer.read(this.storeId, { forward: [forward[0], forward[1], forward[2]], filters: keyFilters, reverse, now: this.now });
    } else {
      rows = await this.client.query(level, [this.storeId, ...forward, ...filters, ...reverse, this.now], 'relata_read_level');
    }
    const objects: RelationTuple[] = [];
    const users: RelationTuple[] = [];
    const closureRows: SqlRow[] = [];
    for (const row of rows) {
      if (closures && row.kind !== 0) {
        closureRows.push(row);
        continue;
      }
      const n = row.n as number;
      if (n > 0) {
        const i = n - 1;
        objects.push(withCondition({ objectType: forward[0][i], objectId: forward[1][i], relation: forward[2][i], userType: row.a as string, userId: row.b as string, userRelation: row.c as string }, row));
      } else {
        const i = -n - 1;
        users.push(withCondition({ objectType: reverse[0][i], objectId: row.a as string, relation: reverse[1][i], userType: reverse[2][i], userId: reverse[4][i], userRelation: reverse[3][i] }, row));
      }
    }
    return closures ? { objects, users, ...closures.answer(closureRows) } : { objects, users };
  }

  async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    if (query.userIds.length === 0 || query.objectIds?.length === 0) return [];
    const params = [this.storeId, query.objectType, query.relation, query.userType, query.userRelation, query.userIds];
    const rows = query.objectIds
      ? await this.client.query(byUsersOfObjects, [...params, query.objectIds, this.now], 'relata_read_by_users_objects')
      : await this.client.query(byUsers, [...params, this.now], 'relata_read_by_users');
    const { objectType, relation, userType, userRelation } = query;
    return rows.map((row) => withCondition({ objectType, objectId: row.object_id as string, relation, userType, userId: row.user_id as string, userRelation }, row));
  }
}

/** Reverse reads as key arrays (object type, relation, user type, user relation, user id), each key once. */
function usersKeys(reads: readonly UsersRead[]): [string[], string[], string[], string[], string[]] {
  const keys: [string[], string[], string[], string[], string[]] = [[], [], [], [], []];
  const seen = new Set<string>();
  for (const read of reads) {
    for (const id of read.userIds) {
      // A key given twice would join twice: the answer holds each tuple once.
      const key = `${read.objectType}\u0000${read.relation}\u0000${read.userType}\u0000${read.userRelation}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      keys[0].push(read.objectType);
      keys[1].push(read.relation);
      keys[2].push(read.userType);
      keys[3].push(read.userRelation);
      keys[4].push(id);
    }
  }
  return keys;
}
