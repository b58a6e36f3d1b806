// The engine's hot path on SQL: one named (prepared once per connection) statement per call,
// answered from the primary key (forward) or tuple_reverse_idx (reverse).
import type { ReadByObjectsQuery, ReadByUsersQuery, ReadRelationsByObjectsQuery, RelationTuple, TupleReader } from '../../engine/tuple-reader.js';
import { rowToColumns } from './rows.js';
import type { SqlClient } from './sql-client.js';

const cols = 'object_id, user_type, user_id, user_relation, condition_name, condition_context';

const byObjects = `SELECT ${cols} FROM tuple
  WHERE store = $1 AND object_type = $2 AND object_id = ANY($3::text[]) AND relation = $4`;

const byObjectsFiltered = `${byObjects}
  AND (user_type, user_relation) IN (SELECT * FROM unnest($5::text[], $6::text[]))`;

// Several relations of the same objects (one level of a union), each relation with its own
// filter: relations in $5 are read whole, the others only for their (relation, user type, user
// relation) triples. Still one range of the primary key per object id.
const byObjectsRelations = `SELECT relation, ${cols} FROM tuple
  WHERE store = $1 AND object_type = $2 AND object_id = ANY($3::text[]) AND relation = ANY($4::text[])
    AND (relation = ANY($5::text[]) OR (relation, user_type, user_relation) IN (SELECT * FROM unnest($6::text[], $7::text[], $8::text[])))`;

const byUsers = `SELECT ${cols} FROM tuple
  WHERE store = $1 AND object_type = $2 AND relation = $3 AND user_type = $4 AND user_relation = $5
    AND user_id = ANY($6::text[])`;

const byUsersOfObjects = `${byUsers} AND object_id = ANY($7::text[])`;

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
      [this.storeId, query.objectType, query.objectIds, relations, whole, ...filtered],
      'relata_read_by_objects_relations',
    );
    return rows.map((row) => rowToColumns(row, query.objectType));
  }

  async readByUsers(query: ReadByUsersQuery): Promise<RelationTuple[]> {
    if (query.userIds.length === 0 || query.objectIds?.length === 0) return [];
    const params = [this.storeId, query.objectType, query.relation, query.userType, query.userRelation, query.userIds];
    const rows = query.objectIds
      ? await this.client.query(byUsersOfObjects, [...params, query.objectIds], 'relata_read_by_users_objects')
      : await this.client.query(byUsers, params, 'relata_read_by_users');
    return rows.map((row) => rowToColumns(row, query.objectType, query.relation));
  }
}
