// Every stored tuple key of one store, in the datastore's order (ReadTuples, page by page).
import type { TupleKey } from '../../src/model/index.js';
import type { Datastore } from '../../src/storage/datastore.js';

export async function readAllTuples(datastore: Pick<Datastore, 'readTuples'>, storeId: string, pageSize = 100): Promise<TupleKey[]> {
  const out: TupleKey[] = [];
  let token: string | undefined;
  do {
    const page = await datastore.readTuples(storeId, {}, { pageSize, continuationToken: token });
    out.push(...page.items.map((i) => i.key));
    token = page.continuationToken || undefined;
  } while (token);
  return out;
}
