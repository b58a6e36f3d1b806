// Stores, authorization models and assertions at OpenFGA's paths.
import type { RelataService } from '../../service/index.js';
import { decodeAssertion, decodeModel, encodeAssertion, encodeModel, encodeStore, queryInteger } from './codec-json.js';
import type { TupleKeyJson, JsonObject } from './codec-json.js';
import { rawBodyOf, writeModelBodyFormat } from './model-request.js';
import { handle, partsOf } from './route-table.js';
import type { RouteSpec } from './route-table.js';
import { bodies, queries, responses } from './schemas.js';

type PageQuery = { page_size?: string; continuation_token?: string };

export function storeRoutes(service: RelataService): RouteSpec[] {
  return [
    {
      kind: 'json',
      operation: 'CreateStore',
      method: 'POST',
      path: '/stores',
      tag: 'Stores',
      summary: 'Create a store',
      status: 201,
      body: bodies.CreateStore,
      response: responses.CreateStore,
      handler: handle<{ name?: string }>(async ({ body }, call) => {
        const { deleted_at: _deleted, ...store } = encodeStore(await service.createStore({ name: body.name ?? '' }, call.caller));
        return store;
      }),
    },
    {
      kind: 'json',
      operation: 'ListStores',
      method: 'GET',
      path: '/stores',
      tag: 'Stores',
      summary: 'List stores',
      query: queries.ListStores,
      response: responses.ListStores,
      handler: handle<unknown, PageQuery & { name?: string }>(async ({ query }, call) => {
        const page = await service.listStores(
          { pageSize: queryInteger(query.page_size, 'page_size'), continuationToken: query.continuation_token, name: query.name || undefined },
          call.caller,
        );
        return { stores: page.items.map(encodeStore), continuation_token: page.continuationToken };
      }),
    },
    {
      kind: 'json',
      operation: 'GetStore',
      method: 'GET',
      path: '/stores/:store_id',
      tag: 'Stores',
      summary: 'Get a store',
      response: responses.GetStore,
      handler: handle(async ({ params }, call) => encodeStore(await service.getStore(params.store_id, call.caller))),
    },
    {
      kind: 'json',
      operation: 'UpdateStore',
      method: 'PATCH',
      path: '/stores/:store_id',
      tag: 'Stores',
      summary: 'Rename a store',
      body: bodies.UpdateStore,
      response: responses.UpdateStore,
      handler: handle<{ name?: string }>(async ({ params, body }, call) => {
        const { deleted_at: _deleted, ...store } = encodeStore(await service.updateStore({ storeId: params.store_id, name: body.name ?? '' }, call.caller));
        return store;
      }),
    },
    {
      kind: 'json',
      operation: 'DeleteStore',
      method: 'DELETE',
      path: '/stores/:store_id',
      tag: 'Stores',
      summary: 'Delete a store',
      status: 204,
      handler: handle(async ({ params }, call) => {
        await service.deleteStore(params.store_id, call.caller);
        return undefined;
      }),
    },
    {
      kind: 'json',
      operation: 'WriteAuthorizationModel',
      method: 'POST',
      path: '/stores/:store_id/authorization-models',
      tag: 'Authorization Models',
      summary: 'Write a new authorization model version',
      status: 201,
      body: bodies.WriteAuthorizationModel,
      response: responses.WriteAuthorizationModel,
      handler: async (request, call) => {
        const { params, body } = partsOf<{ schema_version?: string; type_definitions?: unknown[]; conditions?: JsonObject | null }>(request);
        // The body's bytes go to the model worker (model-request.ts); the parsed body only passed the schema.
        const bytes = rawBodyOf(request);
        const input = bytes ? { storeId: params.store_id, encoded: { format: writeModelBodyFormat, bytes } } : { storeId: params.store_id, model: decodeModel(body) };
        const { authorizationModelId } = await service.writeAuthorizationModel(input, call.caller);
        return { authorization_model_id: authorizationModelId };
      },
    },
    {
      kind: 'json',
      operation: 'ReadAuthorizationModels',
      method: 'GET',
      path: '/stores/:store_id/authorization-models',
      tag: 'Authorization Models',
      summary: 'List the authorization models of a store, newest first',
      query: queries.ReadAuthorizationModels,
      response: responses.ReadAuthorizationModels,
      handler: handle<unknown, PageQuery>(async ({ params, query }, call) => {
        const page = await service.readAuthorizationModels(
          { storeId: params.store_id, pageSize: queryInteger(query.page_size, 'page_size'), continuationToken: query.continuation_token },
          call.caller,
        );
        return { authorization_models: page.items.map(encodeModel), continuation_token: page.continuationToken };
      }),
    },
    {
      kind: 'json',
      operation: 'ReadAuthorizationModel',
      method: 'GET',
      path: '/stores/:store_id/authorization-models/:id',
      tag: 'Authorization Models',
      summary: 'Read one authorization model',
      response: responses.ReadAuthorizationModel,
      handler: handle(async ({ params }, call) => ({
        authorization_model: encodeModel(await service.readAuthorizationModel(params.store_id, params.id, call.caller)),
      })),
    },
    {
      kind: 'json',
      operation: 'WriteAssertions',
      method: 'PUT',
      path: '/stores/:store_id/assertions/:authorization_model_id',
      tag: 'Assertions',
      summary: 'Replace the assertions of an authorization model',
      status: 204,
      body: bodies.WriteAssertions,
      handler: handle<{ assertions?: { tuple_key?: TupleKeyJson; expectation?: boolean; contextual_tuples?: TupleKeyJson[]; context?: JsonObject | null }[] }>(
        async ({ params, body }, call) => {
          await service.writeAssertions(
            { storeId: params.store_id, authorizationModelId: params.authorization_model_id, assertions: (body.assertions ?? []).map(decodeAssertion) },
            call.caller,
          );
          return undefined;
        },
      ),
    },
    {
      kind: 'json',
      operation: 'ReadAssertions',
      method: 'GET',
      path: '/stores/:store_id/assertions/:authorization_model_id',
      tag: 'Assertions',
      summary: 'Read the assertions of an authorization model',
      response: responses.ReadAssertions,
      handler: handle(async ({ params }, call) => {
        const out = await service.readAssertions({ storeId: params.store_id, authorizationModelId: params.authorization_model_id }, call.caller);
        return { authorization_model_id: out.authorizationModelId, assertions: out.assertions.map(encodeAssertion) };
      }),
    },
  ];
}
