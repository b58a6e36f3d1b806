// The service on the in-memory datastore: validation edges that the gRPC suite does not reach.
import { beforeEach, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../dsl/index.js';
import { ErrorCode } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { createRelataService } from './relata-service.js';
import type { RelataService } from './relata-service.js';
import { failureCode } from '../../test/helpers/failure-code.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
`);

let service: RelataService;
let storeId: string;

beforeEach(async () => {
  service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger(), limits: { maxTuplesPerWrite: 3 } });
  storeId = (await service.createStore({ name: 'unit' })).id;
});

describe('RelataService', () => {
  it('needs a model before tuples can be written', async () => {
    expect(await failureCode(service.write({ storeId, writes: { tupleKeys: [{ object: 'doc:1', relation: 'viewer', user: 'user:a' }] } }))).toBe(
      ErrorCode.LatestAuthorizationModelNotFound,
    );
  });

  it('applies the configured write limit and policies', async () => {
    await service.writeAuthorizationModel({ storeId, model });
    const tuples = ['a', 'b', 'c', 'd'].map((u) => ({ object: 'doc:1', relation: 'viewer', user: `user:${u}` }));
    expect(await failureCode(service.write({ storeId, writes: { tupleKeys: tuples } }))).toBe(ErrorCode.ExceededEntityLimit);
    expect(await failureCode(service.write({ storeId, writes: { tupleKeys: tuples.slice(0, 1), onDuplicate: 'maybe' } }))).toBe(ErrorCode.ValidationError);
    const { consistencyToken } = await service.write({ storeId, writes: { tupleKeys: tuples.slice(0, 3) } });
    // Signed, not a bare revision: a caller cannot write one of its own.
    expect(consistencyToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(() => BigInt(consistencyToken)).toThrow();
  });

  it('drops a deleted store at once', async () => {
    await service.deleteStore(storeId);
    expect(await failureCode(service.read({ storeId }))).toBe(ErrorCode.StoreIdNotFound);
    expect(await failureCode(service.deleteStore(storeId))).toBe(ErrorCode.StoreIdNotFound);
  });

  it('validates Read filters', async () => {
    await service.writeAuthorizationModel({ storeId, model });
    expect(await failureCode(service.read({ storeId, tupleKey: { relation: 'viewer' } }))).toBe(ErrorCode.ValidationError);
    expect(await failureCode(service.read({ storeId, tupleKey: { object: 'doc:' } }))).toBe(ErrorCode.ValidationError);
    expect(await failureCode(service.read({ storeId, tupleKey: { object: 'doc:1', relation: 'owner' } }))).toBe(ErrorCode.RelationNotFound);
    expect((await service.read({ storeId, tupleKey: { object: 'doc:', user: 'user:a' } })).items).toEqual([]);
  });

  it('writes and reads assertions of a model', async () => {
    const { authorizationModelId } = await service.writeAuthorizationModel({ storeId, model });
    const assertions = [{ tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:a' }, expectation: true }];
    await service.writeAssertions({ storeId, authorizationModelId, assertions });
    expect((await service.readAssertions({ storeId, authorizationModelId })).assertions).toEqual(assertions);
    const bad = [{ tupleKey: { object: 'doc:1', relation: 'nope', user: 'user:a' }, expectation: true }];
    expect(await failureCode(service.writeAssertions({ storeId, authorizationModelId, assertions: bad }))).toBe(ErrorCode.ValidationError);
  });

  it('rejects out-of-range page sizes and bad batch checks', async () => {
    await service.writeAuthorizationModel({ storeId, model });
    expect(await failureCode(service.listStores({ pageSize: 101 }))).toBe(ErrorCode.PageSizeInvalid);
    const item = { correlationId: 'x', tupleKey: { object: 'doc:1', relation: 'viewer', user: 'user:a' } };
    expect(await failureCode(service.batchCheck({ storeId, checks: [item, item] }))).toBe(ErrorCode.ValidationError);
    expect(await failureCode(service.batchCheck({ storeId, checks: [{ ...item, correlationId: 'bad id!' }] }))).toBe(ErrorCode.ValidationError);
  });
});
