// relata.v1 Explain, ListPermissions and ListRelations over a real gRPC server and client: the
// wire shapes (nested explain tree, condition parameters as a Struct), paging tokens, and errors
// carrying the gRPC status and OpenFGA code.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import type { GrpcCaller } from '../helpers/grpc-caller.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type doc
  relations
    define owner: [user]
    define viewer: [user with small, group#member] or owner
condition small(x: int) {
  x < 5
}
`;

let h: GrpcHarness;
let relata: GrpcCaller;
let storeId: string;
const key = (object: string, relation: string, user: string) => ({ object, relation, user });

beforeAll(async () => {
  h = await startGrpcHarness('grpc_explain');
  relata = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { service: 'relata' });
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'grpc-explain' })).response.id;
  const model = encodeModel(transformDslToModel(dsl));
  await h.call('WriteAuthorizationModel', { store_id: storeId, schema_version: model.schema_version, type_definitions: model.type_definitions, conditions: model.conditions });
  await h.call('Write', {
    store_id: storeId,
    writes: {
      tuple_keys: [
        key('doc:1', 'viewer', 'group:eng#member'),
        key('group:eng', 'member', 'user:anne'),
        key('doc:2', 'owner', 'user:anne'),
        { ...key('doc:3', 'viewer', 'user:bob'), condition: { name: 'small', context: { fields: { x: { numberValue: 9 } } } } },
      ],
    },
  });
});

afterAll(async () => {
  relata?.close();
  await h?.close();
});

interface WireNode {
  step: string;
  result: string;
  reason: string;
  tuple: { object: string; relation: string; user: string } | null;
  condition: { name: string; met: boolean; parameters: { fields: Record<string, { numberValue?: number }> } } | null;
  children: WireNode[];
}
const nodes = (n: WireNode): WireNode[] => [n, ...n.children.flatMap(nodes)];

describe('relata.v1 Explain over gRPC', () => {
  it('returns the granting path, the failed condition with its parameters, and refuses bad input as Check', async () => {
    const allowed = await relata.call<{ allowed: boolean; root: WireNode; node_count: number; truncated: boolean }>('Explain', { store_id: storeId, tuple_key: key('doc:1', 'viewer', 'user:anne') });
    expect(allowed.response).toMatchObject({ allowed: true, truncated: false });
    expect(nodes(allowed.response.root).flatMap((n) => (n.tuple ? [`${n.tuple.object}#${n.tuple.relation}@${n.tuple.user}`] : []))).toEqual(['doc:1#viewer@group:eng#member', 'group:eng#member@user:anne']);

    const denied = await relata.call<{ allowed: boolean; root: WireNode }>('Explain', { store_id: storeId, tuple_key: key('doc:3', 'viewer', 'user:bob') });
    expect(denied.response.allowed).toBe(false);
    const conditional = nodes(denied.response.root).find((n) => n.condition);
    expect(conditional).toMatchObject({ reason: 'condition-false', condition: { name: 'small', met: false, parameters: { fields: { x: { numberValue: 9 } } } } });

    const capped = await relata.call<{ truncated: boolean; node_count: number }>('Explain', { store_id: storeId, tuple_key: key('doc:1', 'viewer', 'user:zed'), max_nodes: 2 });
    expect(capped.response).toMatchObject({ truncated: true, node_count: 2 });

    const badRelation = await relata.fail('Explain', { store_id: storeId, tuple_key: key('doc:1', 'nope', 'user:anne') });
    const checkFailure = await h.fail('Check', { store_id: storeId, tuple_key: key('doc:1', 'nope', 'user:anne') });
    expect({ grpc: badRelation.grpcCode, code: badRelation.openfgaCode }).toEqual({ grpc: checkFailure.grpcCode, code: checkFailure.openfgaCode });
    const badCap = await relata.fail('Explain', { store_id: storeId, tuple_key: key('doc:1', 'viewer', 'user:anne'), max_nodes: 100_000 });
    expect({ grpc: badCap.grpcCode, code: badCap.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError });
  });
});

describe('relata.v1 ListPermissions and ListRelations over gRPC', () => {
  it('pages a snapshot and lists one object\'s relations', async () => {
    type Page = { permissions: { object: string; relation: string }[]; continuation_token: string; consistency_token: string };
    const first = await relata.call<Page>('ListPermissions', { store_id: storeId, user: 'user:anne', page_size: 2 });
    expect(first.response.permissions).toEqual([{ object: 'doc:1', relation: 'viewer' }, { object: 'doc:2', relation: 'owner' }]);
    const second = await relata.call<Page>('ListPermissions', { store_id: storeId, user: 'user:anne', page_size: 2, continuation_token: first.response.continuation_token });
    expect(second.response.permissions).toEqual([{ object: 'doc:2', relation: 'viewer' }, { object: 'group:eng', relation: 'member' }]);
    expect(second.response.continuation_token).toBe('');
    const badToken = await relata.fail('ListPermissions', { store_id: storeId, user: 'user:bob', page_size: 2, continuation_token: first.response.continuation_token });
    expect({ grpc: badToken.grpcCode, code: badToken.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.InvalidContinuationToken });
    const badType = await relata.fail('ListPermissions', { store_id: storeId, user: 'user:anne', types: ['nope'] });
    expect({ grpc: badType.grpcCode, code: badType.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.TypeNotFound });

    const relations = await relata.call<{ relations: string[]; failures: unknown[] }>('ListRelations', { store_id: storeId, object: 'doc:2', user: 'user:anne' });
    expect(relations.response).toEqual({ relations: ['owner', 'viewer'], failures: [] });
    const undecided = await relata.call<{ relations: string[]; failures: { relation: string; code: number }[] }>('ListRelations', {
      store_id: storeId,
      object: 'doc:4',
      user: 'user:bob',
      contextual_tuples: { tuple_keys: [{ ...key('doc:4', 'viewer', 'user:bob'), condition: { name: 'small' } }] },
    });
    expect(undecided.response.failures.map((f) => [f.relation, f.code])).toEqual([['viewer', ErrorCode.ValidationError]]);
  });
});
