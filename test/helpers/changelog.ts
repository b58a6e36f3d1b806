// Every change of one store, oldest first (ReadChanges, page by page until an empty page).
import type { Datastore, TupleChange } from '../../src/storage/datastore.js';

export async function readAllChanges(datastore: Pick<Datastore, 'readChanges'>, storeId: string): Promise<TupleChange[]> {
  const out: TupleChange[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await datastore.readChanges(storeId, { pageSize: 1000, continuationToken: token });
    if (page.items.length === 0) return out;
    out.push(...page.items);
    token = page.continuationToken;
  }
}
