// relata.v1 WriteAuthzenActions / ReadAuthzenActions over gRPC, and the HTTP action search
// following what gRPC wrote (one service behind both transports).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/observability/index.js';
import { startGrpcServer } from '../../../src/transport/grpc/index.js';
import type { GrpcServer } from '../../../src/transport/grpc/index.js';
import { createGrpcCaller } from '../../helpers/grpc-caller.js';
import type { GrpcCaller } from '../../helpers/grpc-caller.js';
import { startAuthzenHarness, tuple } from './harness.js';
import type { AuthzenHarness } from './harness.js';

const model = `
model
  schema 1.1
type user
type doc
  relations
    define owner: [user]
    define can_read: owner
    define can_write: owner
`;

let h: AuthzenHarness;
let grpc: GrpcServer;
let relata: GrpcCaller;
let storeId: string;

beforeAll(async () => {
  h = await startAuthzenHarness();
  ({ storeId } = await h.store(model, [tuple('doc:1#owner@user:olga')]));
  grpc = await startGrpcServer({ service: h.service, logger: silentLogger(), addr: '127.0.0.1:0' });
  relata = createGrpcCaller(`127.0.0.1:${grpc.port}`, { service: 'relata' });
});

afterAll(async () => {
  relata.close();
  await grpc.stop(1000);
  await h.close();
});

describe('relata.v1 AuthZEN actions over gRPC', () => {
  it('writes, reads back, and the HTTP action search follows', async () => {
    const types = [{ type: 'doc', actions: ['can_write', 'can_read'] }];
    expect((await relata.call('WriteAuthzenActions', { store_id: storeId, types })).response).toEqual({ types });
    expect((await relata.call('ReadAuthzenActions', { store_id: storeId })).response).toEqual({ types });
    const search = await h.post(`/stores/${storeId}/access/v1/search/action`, { subject: { type: 'user', id: 'olga' }, resource: { type: 'doc', id: '1' } });
    expect((search.body as { results: unknown }).results).toEqual([{ name: 'can_write' }, { name: 'can_read' }]);
  });

  it('refuses bad input with OpenFGA codes', async () => {
    const duplicate = await relata.fail('WriteAuthzenActions', { store_id: storeId, types: [{ type: 'doc' }, { type: 'doc' }] });
    expect(duplicate.message).toMatch(/types\[1\]\.type/);
    expect(duplicate.openfgaCode).toBe(2000);
    expect((await relata.fail('ReadAuthzenActions', { store_id: 'nope' })).message).toMatch(/store_id/);
    expect((await relata.fail('ReadAuthzenActions', { store_id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' })).openfgaCode).toBe(5002);
  });
});
