// relata.v1 handlers of a store's AuthZEN actions per type (which relations search/action offers).
import type { RelataService } from '../../service/index.js';
import type { CallDeps } from './call.js';
import { unary } from './call.js';
import type { AuthzenActions } from './generated/relata/v1/AuthzenActions.js';
import type { ReadAuthzenActionsRequest__Output } from './generated/relata/v1/ReadAuthzenActionsRequest.js';
import type { WriteAuthzenActionsRequest__Output } from './generated/relata/v1/WriteAuthzenActionsRequest.js';

export function authzenActionHandlers(service: RelataService, deps: CallDeps) {
  return {
    WriteAuthzenActions: unary<WriteAuthzenActionsRequest__Output, AuthzenActions>(deps, 'WriteAuthzenActions', (req, call) =>
      service.writeAuthzenActions({ storeId: req.store_id, types: req.types.map((entry) => ({ type: entry.type, actions: entry.actions })) }, call.caller),
    ),
    ReadAuthzenActions: unary<ReadAuthzenActionsRequest__Output, AuthzenActions>(deps, 'ReadAuthzenActions', (req) => service.readAuthzenActions(req.store_id)),
  };
}
