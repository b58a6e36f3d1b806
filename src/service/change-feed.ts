// The changelog as the decision cache reads it (cache/change-feed.ts port): the cache polls it
// for invalidations that pub/sub may have missed.
import type { ChangeFeed, FeedChange } from '../cache/change-feed.js';
import type { TupleRepository } from '../storage/datastore.js';
import { encodeRevisionToken } from '../storage/continuation-token.js';

export function createChangeFeed(tuples: TupleRepository, pageSize = 100): ChangeFeed {
  return {
    latestRevision: (storeId) => tuples.currentRevision(storeId),
    async changesSince(storeId, afterRevision): Promise<FeedChange[]> {
      const page = await tuples.readChanges(storeId, {
        pageSize,
        continuationToken: afterRevision > 0n ? encodeRevisionToken(afterRevision) : undefined,
      });
      // Oldest first is the port's contract; sorted here too so a backend's ordering slip cannot
      // make the poller resume from the wrong revision within a page.
      return page.items
        .map((change) => ({ revision: change.revision, object: change.key.object, relation: change.key.relation }))
        .sort((a, b) => (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
    },
  };
}
