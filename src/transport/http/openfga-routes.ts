// OpenFGA's REST API: every openfga.v1 RPC at the path and method of its google.api.http
// annotation, with OpenFGA's JSON (proto field names, snake_case).
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from './call.js';
import { jsonRoute } from './call.js';

interface StoreParams {
  store_id: string;
}

interface CheckBody {
  tuple_key?: { object?: string; relation?: string; user?: string };
}

export function registerOpenfgaRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get<{ Params: StoreParams }>(
    '/stores/:store_id',
    jsonRoute(deps, 'GetStore', 'GetStore', async (request, call) => {
      const store = await deps.service.getStore((request.params as StoreParams).store_id, call.caller);
      return { id: store.id, name: store.name, created_at: store.createdAt.toISOString(), updated_at: store.updatedAt.toISOString() };
    }),
  );
  app.post<{ Params: StoreParams; Body: CheckBody }>(
    '/stores/:store_id/check',
    jsonRoute(deps, 'Check', 'Check', async (request, call) => {
      const body = (request.body ?? {}) as CheckBody;
      const key = body.tuple_key ?? {};
      const out = await deps.service.check(
        { storeId: (request.params as StoreParams).store_id, tupleKey: { object: key.object ?? '', relation: key.relation ?? '', user: key.user ?? '' }, signal: call.signal },
        call.caller,
      );
      return { allowed: out.allowed, resolution: '' };
    }),
  );
}
