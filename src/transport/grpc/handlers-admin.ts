// Handlers of stores, authorization models and assertions: decode, call the service, encode.
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { unary } from './call.js';
import { decodeModel, encodeModel } from './codec-model.js';
import { decodeAssertion, encodeAssertion, encodeStore } from './codec-tuples.js';
import { int32Value } from './codec-values.js';
import { writeModelRequestFormat } from './model-request.js';
import { rawBytesOf } from './raw-request.js';
import type { OpenFGAServiceHandlers } from './generated/openfga/v1/OpenFGAService.js';

type AdminMethods =
  | 'CreateStore'
  | 'GetStore'
  | 'UpdateStore'
  | 'DeleteStore'
  | 'ListStores'
  | 'WriteAuthorizationModel'
  | 'ReadAuthorizationModel'
  | 'ReadAuthorizationModels'
  | 'WriteAssertions'
  | 'ReadAssertions';

export function adminHandlers(service: RelataService, deps: CallDeps): Pick<OpenFGAServiceHandlers, AdminMethods> {
  return {
    CreateStore: unary(deps, 'CreateStore', async (req, call) => {
      const store = encodeStore(await service.createStore({ name: req.name }, call.caller));
      return { id: store.id, name: store.name, created_at: store.created_at, updated_at: store.updated_at };
    }),
    GetStore: unary(deps, 'GetStore', async (req, call) => encodeStore(await service.getStore(req.store_id, call.caller))),
    UpdateStore: unary(deps, 'UpdateStore', async (req, call) => {
      const store = encodeStore(await service.updateStore({ storeId: req.store_id, name: req.name }, call.caller));
      return { id: store.id, name: store.name, created_at: store.created_at, updated_at: store.updated_at };
    }),
    DeleteStore: unary(deps, 'DeleteStore', async (req, call) => {
      await service.deleteStore(req.store_id, call.caller);
      return {};
    }),
    ListStores: unary(deps, 'ListStores', async (req, call) => {
      const page = await service.listStores(
        { pageSize: int32Value(req.page_size), continuationToken: req.continuation_token, name: req.name },
        call.caller,
      );
      return { stores: page.items.map(encodeStore), continuation_token: page.continuationToken };
    }),
    WriteAuthorizationModel: unary(deps, 'WriteAuthorizationModel', async (req, call) => {
      // The server's definitions keep this request's bytes (raw-request.ts): the model worker decodes them.
      const bytes = rawBytesOf(req);
      const input = bytes
        ? { storeId: req.store_id ?? '', encoded: { format: writeModelRequestFormat, bytes } }
        : { storeId: req.store_id, model: decodeModel({ schema_version: req.schema_version, type_definitions: req.type_definitions, conditions: req.conditions }) };
      const { authorizationModelId } = await service.writeAuthorizationModel(input, call.caller);
      return { authorization_model_id: authorizationModelId };
    }),
    ReadAuthorizationModel: unary(deps, 'ReadAuthorizationModel', async (req, call) => ({
      authorization_model: encodeModel(await service.readAuthorizationModel(req.store_id, req.id, call.caller)),
    })),
    ReadAuthorizationModels: unary(deps, 'ReadAuthorizationModels', async (req, call) => {
      const page = await service.readAuthorizationModels({
        storeId: req.store_id,
        pageSize: int32Value(req.page_size),
        continuationToken: req.continuation_token,
      }, call.caller);
      return { authorization_models: page.items.map(encodeModel), continuation_token: page.continuationToken };
    }),
    WriteAssertions: unary(deps, 'WriteAssertions', async (req, call) => {
      await service.writeAssertions({
        storeId: req.store_id,
        authorizationModelId: req.authorization_model_id,
        assertions: (req.assertions ?? []).map(decodeAssertion),
      }, call.caller);
      return {};
    }),
    ReadAssertions: unary(deps, 'ReadAssertions', async (req, call) => {
      const out = await service.readAssertions({ storeId: req.store_id, authorizationModelId: req.authorization_model_id }, call.caller);
      return { authorization_model_id: out.authorizationModelId, assertions: out.assertions.map(encodeAssertion) };
    }),
  };
}
