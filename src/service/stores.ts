// Store use cases: create, get, list, update, delete.
import { ulid } from 'ulid';
import type { StoreRecord } from '../storage/datastore.js';
import type { ServiceContext } from './context.js';
import type { CreateStoreInput, ListStoresInput, Paged, StoreInfo, UpdateStoreInput } from './types.js';
import { storeNotFound } from './store-guard.js';
import { continuationToken, pageSize, requireStoreName, requireUlid } from './validation.js';
import type { Caller } from './caller.js';

function toInfo(record: StoreRecord): StoreInfo {
  return { id: record.id, name: record.name, createdAt: record.createdAt, updatedAt: record.updatedAt };
}

export async function createStore(ctx: ServiceContext, input: CreateStoreInput, caller?: Caller): Promise<StoreInfo> {
  const name = requireStoreName(input.name);
  const id = ulid();
  const record = await ctx.datastore.createStore({ id, name }, ctx.audit.change(id, 'CreateStore', caller, { name }));
  ctx.stores.created(record.id);
  return toInfo(record);
}

export async function getStore(ctx: ServiceContext, storeId: string): Promise<StoreInfo> {
  requireUlid(storeId, 'store_id');
  const record = await ctx.datastore.getStore(storeId);
  if (!record) throw storeNotFound();
  return toInfo(record);
}

export async function listStores(ctx: ServiceContext, input: ListStoresInput): Promise<Paged<StoreInfo>> {
  const size = pageSize(input.pageSize, ctx.limits.defaultPageSize);
  // ListStores is not bound to a store: its tokens are signed for the empty store id.
  const token = await ctx.tokens.open('stores', '', continuationToken(input.continuationToken));
  const name = input.name ? requireStoreName(input.name) : undefined;
  const page = await ctx.datastore.listStores({ pageSize: size, continuationToken: token }, name ? { name } : undefined);
  return { items: page.items.map(toInfo), continuationToken: await ctx.tokens.seal('stores', '', page.continuationToken) };
}

export async function updateStore(ctx: ServiceContext, input: UpdateStoreInput, caller?: Caller): Promise<StoreInfo> {
  requireUlid(input.storeId, 'store_id');
  const name = requireStoreName(input.name);
  const record = await ctx.datastore.updateStore(input.storeId, name, ctx.audit.change(input.storeId, 'UpdateStore', caller, { name }));
  if (!record) throw storeNotFound();
  return toInfo(record);
}

export async function deleteStore(ctx: ServiceContext, storeId: string, caller?: Caller): Promise<void> {
  requireUlid(storeId, 'store_id');
  const deleted = await ctx.datastore.deleteStore(storeId, ctx.audit.change(storeId, 'DeleteStore', caller));
  ctx.stores.deleted(storeId);
  ctx.models.storeDeleted(storeId);
  ctx.cache?.recordModelChange(storeId);
  if (!deleted) throw storeNotFound();
}
