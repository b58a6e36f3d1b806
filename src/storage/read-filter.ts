// The Read filter in column form. `object` is `type:id` or `type:` (every object of the type);
// `user` is `type:id`, `type:*`, `type:id#relation` or `type:` (every user of the type).
import { ErrorCode, ValidationError, parseObject, parseUser, preview } from '../model/index.js';
import type { ReadTuplesFilter } from './datastore.js';

export interface ReadFilterColumns {
  objectType?: string;
  objectId?: string;
  relation?: string;
  userType?: string;
  userId?: string;
  userRelation?: string;
}

function typeOnly(value: string): string | undefined {
  return /^[^:#]+:$/.test(value) ? value.slice(0, -1) : undefined;
}

export function parseReadFilter(filter: ReadTuplesFilter): ReadFilterColumns {
  const columns: ReadFilterColumns = {};
  if (filter.object) {
    const type = typeOnly(filter.object);
    const object = type === undefined ? parseObject(filter.object) : undefined;
    if (type !== undefined) columns.objectType = type;
    else if (object) {
      columns.objectType = object.type;
      columns.objectId = object.id;
    } else throw new ValidationError(ErrorCode.ValidationError, `invalid 'object' field: '${preview(filter.object)}' is not of the form type:id or type:`);
  }
  if (filter.relation) columns.relation = filter.relation;
  if (filter.user) {
    const type = typeOnly(filter.user);
    const user = type === undefined ? parseUser(filter.user) : undefined;
    if (type !== undefined) columns.userType = type;
    else if (user) {
      columns.userType = user.type;
      columns.userId = user.id;
      columns.userRelation = user.relation ?? '';
    } else throw new ValidationError(ErrorCode.ValidationError, `invalid 'user' field: '${preview(filter.user)}' is not of the form type:id, type:id#relation or type:`);
  }
  return columns;
}

/** Whether a stored tuple (in columns) passes the filter; for backends that filter in memory. */
export function matchesReadFilter(f: ReadFilterColumns, t: Required<ReadFilterColumns>): boolean {
  return (
    (f.objectType === undefined || f.objectType === t.objectType) &&
    (f.objectId === undefined || f.objectId === t.objectId) &&
    (f.relation === undefined || f.relation === t.relation) &&
    (f.userType === undefined || f.userType === t.userType) &&
    (f.userId === undefined || f.userId === t.userId) &&
    (f.userRelation === undefined || f.userRelation === t.userRelation)
  );
}
