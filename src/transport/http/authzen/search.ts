// The Search APIs (spec §8): subject search is ListUsers, resource search is ListObjectsPage
// (snapshot-consistent pages), action search is one BatchCheck per window of the candidate
// actions (actions.ts: the store's list for the type, else every relation).
import { ErrorCode, ValidationError } from '../../../model/index.js';
import type { AuthorizationModel } from '../../../model/index.js';
import type { HttpCall } from '../call.js';
import { actionsOf } from './actions.js';
import { conditionContext } from './context.js';
import type { EvaluationDeps } from './evaluations.js';
import { pageOf, readPage, requestDigest } from './paging.js';
import type { PageResponse } from './paging.js';
import { storeQuery } from './query.js';
import type { StoreQuery } from './query.js';
import { field, optionalContext, readAction, readBody, readResource, readSubject } from './wire.js';
import type { JsonObject } from './wire.js';

export interface SearchResponse<T> {
  page: PageResponse;
  context?: JsonObject;
  results: T[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function searchSubjects(deps: EvaluationDeps, storeId: string, rawBody: unknown, call: HttpCall): Promise<SearchResponse<{ type: string; id: string }>> {
  const body = readBody(rawBody);
  const subject = readSubject(field(body, 'subject'), 'subject', false);
  const action = readAction(field(body, 'action'), 'action');
  const resource = readResource(field(body, 'resource'), 'resource');
  const context = optionalContext(field(body, 'context'), 'context');
  const page = readPage(body);
  const merged = conditionContext({ subject, action, resource, context });
  const out = await deps.service.listUsers(
    { ...storeQuery(storeId, call), object: { type: resource.type, id: resource.id }, relation: action.name, userFilters: [{ type: subject.type }], context: merged },
    call.caller,
  );
  const subjects = new Map<string, { type: string; id: string }>();
  for (const user of out.users) {
    // A typed wildcard is every subject of the type: AuthZEN has no other way to say it than id `*`.
    if ('object' in user) subjects.set(user.object.id, { type: user.object.type, id: user.object.id });
    else if ('wildcard' in user) subjects.set('*', { type: user.wildcard.type, id: '*' });
  }
  const digest = requestDigest(['subject', subject.type, action.name, resource.type, resource.id, merged ?? null, page.limit]);
  return pageOf([...subjects.values()].sort(byId), page, digest);
}

export async function searchResources(deps: EvaluationDeps, storeId: string, rawBody: unknown, call: HttpCall): Promise<SearchResponse<{ type: string; id: string }>> {
  const body = readBody(rawBody);
  const subject = readSubject(field(body, 'subject'), 'subject');
  const action = readAction(field(body, 'action'), 'action');
  const resource = readResource(field(body, 'resource'), 'resource', false);
  const context = optionalContext(field(body, 'context'), 'context');
  const page = readPage(body);
  const query = storeQuery(storeId, call);
  const out = await deps.service.listObjectsPage(
    {
      ...query,
      type: resource.type,
      relation: action.name,
      user: `${subject.type}:${subject.id}`,
      context: conditionContext({ subject, action, resource, context }),
      pageSize: page.limit,
      continuationToken: page.token,
    },
    call.caller,
  );
  const results = out.objects.map((object) => ({ type: resource.type, id: object.slice(object.indexOf(':') + 1) }));
  // A listing cut short by the list deadline may miss resources: the PEP is told, not misled.
  return { page: { next_token: out.continuationToken, count: results.length }, ...(out.truncated ? { context: { truncated: true } } : {}), results };
}

async function modelOf(deps: EvaluationDeps, query: StoreQuery, call: HttpCall): Promise<AuthorizationModel> {
  if (query.authorizationModelId) return deps.service.readAuthorizationModel(query.storeId, query.authorizationModelId, call.caller);
  const latest = await deps.service.readAuthorizationModels({ storeId: query.storeId, pageSize: 1 }, call.caller);
  const model = latest.items[0];
  if (!model) throw new ValidationError(ErrorCode.LatestAuthorizationModelNotFound, `No authorization models found for store '${query.storeId}'`);
  return model;
}

export async function searchActions(deps: EvaluationDeps, storeId: string, rawBody: unknown, call: HttpCall): Promise<SearchResponse<{ name: string }>> {
  const body = readBody(rawBody);
  const subject = readSubject(field(body, 'subject'), 'subject');
  const resource = readResource(field(body, 'resource'), 'resource');
  const context = optionalContext(field(body, 'context'), 'context');
  const page = readPage(body);
  const query = storeQuery(storeId, call);
  const [model, configured] = await Promise.all([modelOf(deps, query, call), deps.service.readAuthzenActions(storeId, call.caller)]);
  const candidates = actionsOf(model, resource.type, configured);
  // Every check of this search reads the model the candidates came from.
  const pinned = { ...query, authorizationModelId: model.id };
  const user = `${subject.type}:${subject.id}`;
  const object = `${resource.type}:${resource.id}`;
  const merged = conditionContext({ subject, resource, context });
  const permitted: { name: string }[] = [];
  for (let start = 0; start < candidates.length; start += deps.maxEvaluations) {
    const window = candidates.slice(start, start + deps.maxEvaluations);
    const out = await deps.service.batchCheck(
      { ...pinned, checks: window.map((relation, i) => ({ correlationId: String(i), tupleKey: { user, relation, object }, context: merged })) },
      call.caller,
    );
    window.forEach((relation, i) => {
      const result = out.results.get(String(i));
      // An action whose check failed (e.g. a condition missing a parameter) is not permitted.
      if (result && 'allowed' in result && result.allowed) permitted.push({ name: relation });
    });
  }
  const digest = requestDigest(['action', user, object, model.id ?? '', candidates, merged ?? null, page.limit]);
  return pageOf(permitted, page, digest);
}
