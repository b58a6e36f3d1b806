// What the list engines (ListObjects, ListUsers) need for one request: the model index and its
// reverse graph (both kept with the cached model), the conditions, the reader and Check. The
// candidates of one request share one Check session, so their reads are batched level by level.
import type { ListEngineDeps } from '../engine/list-objects.js';
import { buildReverseGraph } from '../engine/list-objects-graph.js';
import type { QueryTarget } from './engine-access.js';
import { engineModel } from './tuple-checks.js';

export function listDeps(target: QueryTarget): ListEngineDeps {
  return {
    index: engineModel(target.model),
    reader: target.reader,
    graph: target.model.memo('reverse-graph', (model) => buildReverseGraph(model)),
    conditions: target.conditions,
    check: async (request) => (await target.engine.check(target.reader, request, { signal: target.signal })).allowed,
    openCheck: (request) => target.engine.candidateChecker(target.reader, request, { signal: target.signal }),
  };
}
