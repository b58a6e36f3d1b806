// Which relations of each type a store calls actions (AuthZEN's action search answers with those
// the subject has): a per-store setting, replaced whole. Relations the current model lacks are
// kept (a later model may add them) and skipped by the search; a type left out offers every
// relation of the type (OpenFGA's behaviour).
import { ErrorCode, ValidationError } from '../model/index.js';
import type { Caller } from './caller.js';
import type { ServiceContext } from './context.js';
import type { AuthzenActions, WriteAuthzenActionsInput } from './types.js';
import { maxItems, requireRelation, requireType, requireUlid } from './validation.js';

const settingName = 'authzen.actions';
export const maxActionTypes = 256;
export const maxActionsPerType = 100;

function validate(input: WriteAuthzenActionsInput): AuthzenActions {
  const types = input.types ?? [];
  maxItems(types.length, maxActionTypes, 'types');
  const seen = new Set<string>();
  return {
    types: types.map((entry, i) => {
      const type = requireType(entry?.type, `types[${i}].type`);
      if (seen.has(type)) throw new ValidationError(ErrorCode.ValidationError, `invalid types[${i}].type: type '${type}' is listed twice`);
      seen.add(type);
      const actions = entry.actions ?? [];
      maxItems(actions.length, maxActionsPerType, `types[${i}].actions`);
      const names = new Set<string>();
      actions.forEach((action, j) => {
        requireRelation(action, `types[${i}].actions[${j}]`);
        if (names.has(action)) throw new ValidationError(ErrorCode.ValidationError, `invalid types[${i}].actions[${j}]: action '${action}' is listed twice`);
        names.add(action);
      });
      return { type, actions: [...actions] };
    }),
  };
}

export async function writeAuthzenActions(ctx: ServiceContext, input: WriteAuthzenActionsInput, caller?: Caller): Promise<AuthzenActions> {
  const storeId = requireUlid(input.storeId, 'store_id');
  const actions = validate(input);
  await ctx.stores.require(storeId);
  const audit = ctx.audit.change(storeId, 'WriteAuthzenActions', caller, { setting: settingName, types: actions.types });
  await ctx.datastore.writeStoreSetting(storeId, settingName, actions.types.length > 0 ? JSON.stringify(actions.types.map((t) => [t.type, t.actions])) : undefined, audit);
  return actions;
}

export async function readAuthzenActions(ctx: ServiceContext, storeId: string): Promise<AuthzenActions> {
  requireUlid(storeId, 'store_id');
  await ctx.stores.require(storeId);
  const text = await ctx.datastore.readStoreSetting(storeId, settingName);
  if (text === undefined) return { types: [] };
  const entries = JSON.parse(text) as [string, string[]][];
  return { types: entries.map(([type, actions]) => ({ type, actions })) };
}
