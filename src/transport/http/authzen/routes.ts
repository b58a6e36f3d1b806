// AuthZEN 1.0 Authorization API (OpenID Foundation), store-scoped as OpenFGA serves it
// (`/stores/{store_id}/access/v1/…`), at the spec's default paths (`/access/v1/…`) for a configured
// default store, and the PDP metadata document. Authorization reuses the operations of the calls
// underneath: evaluation = Check, evaluations and action search = BatchCheck, subject search =
// ListUsers, resource search = ListObjectsPage (all the `check` scope). Errors take AuthZEN's form
// (errors.ts), framework refusals (bad JSON, wrong content type, body too large) included.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpCall, HttpDeps, RouteAccess, RouteOptions } from '../call.js';
import { jsonRoute, sendError } from '../call.js';
import { frameworkError } from '../framework-error.js';
import { authzenErrorBody } from './errors.js';
import { evaluate, evaluateMany } from './evaluations.js';
import type { EvaluationDeps } from './evaluations.js';
import { metadataFor, requestBaseUrl, requireStoreId } from './metadata.js';
import { pathStoreId } from './query.js';
import { searchActions, searchResources, searchSubjects } from './search.js';

export interface AuthzenOptions {
  /** The store of the unscoped `/access/v1/…` paths (RELATA_AUTHZEN_DEFAULT_STORE); absent = not served. */
  defaultStoreId?: string;
  /** RELATA_AUTHZEN_BASE_URL, without a trailing slash; absent = each request's scheme and Host. */
  baseUrl?: string;
  /** Items per `/evaluations` request: the service's BatchCheck limit (RELATA_MAX_CHECKS_PER_BATCH_CHECK). */
  maxEvaluations?: number;
}

/** The service's default BatchCheck limit (src/service/limits.ts), for servers built without a config. */
const defaultMaxEvaluations = 50;

type Handler = (deps: EvaluationDeps, storeId: string, body: unknown, call: HttpCall) => Promise<unknown>;

const endpoints: [path: string, route: string, access: RouteAccess, handler: Handler][] = [
  ['evaluation', 'AuthzenEvaluation', 'Check', evaluate],
  ['evaluations', 'AuthzenEvaluations', 'BatchCheck', evaluateMany],
  ['search/subject', 'AuthzenSearchSubject', 'ListUsers', searchSubjects],
  ['search/resource', 'AuthzenSearchResource', 'ListObjectsPage', searchResources],
  ['search/action', 'AuthzenSearchAction', 'BatchCheck', searchActions],
];

export function registerAuthzenRoutes(app: FastifyInstance, deps: HttpDeps, options: AuthzenOptions = {}): void {
  const evaluationDeps: EvaluationDeps = { service: deps.service, logger: deps.logger, maxEvaluations: options.maxEvaluations ?? defaultMaxEvaluations };
  const defaultStore = options.defaultStoreId;
  const scoped: RouteOptions = { errorBody: authzenErrorBody };
  const unscoped: RouteOptions = { errorBody: authzenErrorBody, storeId: () => defaultStore };
  void app.register((scope, _opts, done) => {
    scope.setErrorHandler((error: FastifyError, request, reply) => sendError(deps, reply, request.routeOptions.url ?? 'unknown', undefined, frameworkError(error), authzenErrorBody));
    for (const [path, route, access, handler] of endpoints) {
      scope.post(
        `/stores/:store_id/access/v1/${path}`,
        jsonRoute(deps, route, access, (request, call) => handler(evaluationDeps, pathStoreId(request), request.body, call), scoped),
      );
      if (defaultStore !== undefined) {
        scope.post(`/access/v1/${path}`, jsonRoute(deps, route, access, (request, call) => handler(evaluationDeps, defaultStore, request.body, call), unscoped));
      }
    }
    const baseOf = (request: FastifyRequest, call: HttpCall): string => {
      if (options.baseUrl !== undefined) return options.baseUrl;
      call.setHeader('cache-control', 'no-store');
      return requestBaseUrl(request.protocol, request.host);
    };
    const storeMetadata = jsonRoute(deps, 'AuthzenConfiguration', 'public', (request, call) => Promise.resolve(metadataFor(`${baseOf(request, call)}/stores/${requireStoreId(pathStoreId(request))}`)), scoped);
    scope.get('/.well-known/authzen-configuration/stores/:store_id', storeMetadata);
    scope.get('/.well-known/authzen-configuration/:store_id', storeMetadata);
    if (defaultStore !== undefined) {
      scope.get('/.well-known/authzen-configuration', jsonRoute(deps, 'AuthzenConfiguration', 'public', (request, call) => Promise.resolve(metadataFor(baseOf(request, call))), scoped));
    }
    done();
  });
}
