// The engine's hot path on SQL: one named (prepared once per connection) statement per call,
// answered from the primary key (forward) or tuple_reverse_idx (reverse).
import type { ReadByObjectsQuery, ReadByUsersQuery, RelationTuple, TupleReader } from '../../engine/tuple-reader.js';
import { rowContext } from './rows.js';
import type { SqlClient, SqlRow } from './sql-client.js';

const cols = 'object_id, user_type, user_id, user_relation, condition_name, condition_context';

const byObjects = `SELECT ${cols} FROM tuple
  WHERE store = $1 AND object_type = $2 AND object_id = ANY($3::text[]) AND relation = $4`;

const byObjectsFiltered = `${byObjects}
  AND (user_type, user_relation) IN (SELECT * FROM unnest($5::text[], $6::text[]))`;

const byUsers = `SELECT ${cols} FROM tuple
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_type = $4 AND user_relation = $5
    AND user_id = ANY($6::text[])`;

const byUsersOfObjects = `${byUsers} AND object_id = ANY($7::text[])`;

function toRelationTuple(row: SqlRow, objectType: string, relation: string): RelationTuple {
  const tuple: RelationTuple = {
    objectType,
    objectId: row.object_id as string,
    relation,
    userType: row.user_type as string,
    userId: row.user_id as string,
    userRelation: row.user_relation as string,
  };
  if (row.condition_name) {
    tuple.conditionName = row.condition_name as string;
    const context = rowContext(row);
    if (context) tuple.conditionContext = context;
  }
  return tuple;
}

export class SqlTupleReader implements TupleReader {
  constructor(
    private readonly client: SqlClient,
    private readonly storeId: string,
  ) {}

  async readByObjects(query: ReadByObjectsQuery): Promise<RelationTuple[]> {
    if (query.objectIds.length === 0) return [];
    if (query.userFilters && query.userFilters.length === 0) return [];
    const rows = query.userFilters
      ? await this.client.query(
          byObjectsFiltered,
          [this.storeId, query.objectType, query.objectIds, query.relation, query.userFilters.map((f) => f.userType), query.userFilters.map((f) => f.userRelation)],
          'relata_read_by_objects_filtered',
        )
      : await this.client.query(byObjects, [this.storeId, query.objectType, query.objectIds, query.relation], 'relata_read_by_objects');
    return rows.map((row) => toRelationTuple(row, query.objectType, query.relation));
  }

  async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    if (query.userIds.length === 0 || query.objectIds?.length === 0) return [];
    const params = [this.storeId, query.objectType, query.relation, query.userType, query.userRelation, query.userIds];
    const rows = query.objectIds
      ? await this.client.query(byUsersOfObjects, [...params, query.objectIds], 'relata_read_by_users_objects')
      : await this.client.query(byUsers, params, 'relata_read_by_users');
    return rows.map((row) => toRelationTuple(row, query.objectType, query.relation));
  }
}
