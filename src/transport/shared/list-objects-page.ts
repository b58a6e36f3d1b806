// relata.v1 ListObjectsPageResponse's fields (proto names), the same on gRPC and HTTP.
import type { ListObjectsPageOutput } from '../../service/index.js';

export function encodeListObjectsPage(out: ListObjectsPageOutput) {
  return {
    objects: out.objects,
    continuation_token: out.continuationToken,
    consistency_token: out.consistencyToken,
    truncated: out.truncated,
    condition_failures: out.conditionFailures,
  };
}
