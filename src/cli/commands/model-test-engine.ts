// The engine as `relata model test` and the engine conformance suites use it: one model, CEL
// conditions compiled once, and Check / ListObjects / ListUsers over any TupleReader.

import type { AuthorizationModel } from '../../model/index.js';
import { ErrorCode, ValidationError, parseObject, parseUser } from '../../model/index.js';
import type { CheckRequest, ListObjectsRequest, ListUsersRequest } from '../../engine/api.js';
import { Engine } from '../../engine/engine.js';
import type { ListEngineDeps, ListObjectsResult } from '../../engine/list-objects.js';
import { listObjects } from '../../engine/list-objects.js';
import { buildReverseGraph } from '../../engine/list-objects-graph.js';
import type { ListOptions } from '../../engine/list-objects-limits.js';
import type { ListUsersOptions, ListUsersResult } from '../../engine/list-users.js';
import { listUsers } from '../../engine/list-users.js';
import type { TupleReader } from '../../engine/tuple-reader.js';
import { celConditionEvaluator } from '../../engine/cel-conditions.js';

export interface QueryEngine {
  readonly engine: Engine;
  check(reader: TupleReader, request: CheckRequest): Promise<boolean>;
  listObjects(reader: TupleReader, request: ListObjectsRequest, options?: ListOptions): Promise<ListObjectsResult>;
  listUsers(reader: TupleReader, request: ListUsersRequest, options?: ListUsersOptions): Promise<ListUsersResult>;
  listDeps(reader: TupleReader): ListEngineDeps;
}

export function createQueryEngine(model: AuthorizationModel): QueryEngine {
  const conditions = celConditionEvaluator(model);
  const engine = new Engine(model, { conditions });
  const graph = buildReverseGraph(model);
  const listDeps = (reader: TupleReader): ListEngineDeps => ({
    index: engine.model,
    reader,
    graph,
    conditions,
    check: async (request) => (await engine.check(reader, request)).allowed,
    openCheck: (request) => {
      // One session per list request: the candidates' reads are coalesced level by level.
      const session = engine.openSession(reader, request);
      return async (candidate) => {
        const object = parseObject(candidate.object);
        const user = parseUser(candidate.user);
        if (!object || !user) throw new ValidationError(ErrorCode.ValidationError, `invalid candidate '${candidate.object}' / '${candidate.user}'`);
        const outcome = await session.check(object, candidate.relation, user);
        if (outcome.error) throw outcome.error;
        return outcome.allowed;
      };
    },
  });
  return {
    engine,
    listDeps,
    check: async (reader, request) => (await engine.check(reader, request)).allowed,
    listObjects: (reader, request, options) => listObjects(listDeps(reader), request, options),
    listUsers: (reader, request, options) => listUsers(listDeps(reader), request, options),
  };
}
