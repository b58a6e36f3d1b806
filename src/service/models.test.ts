// WriteAuthorizationModel on the in-memory datastore: OpenFGA's model limits (and their
// overrides), and large models that used to stall the write, then a Check on them.
import { describe, expect, it } from 'vitest';
import { fibonacciLoop, nestedRewrite, ttuChain, userChain, wideUnion } from '../../test/helpers/generated-models.js';
import { cpuTime } from '../../test/helpers/cpu-time.js';
import { failureCode } from '../../test/helpers/failure-code.js';
import { ErrorCode, modelWireSize } from '../model/index.js';
import type { AuthorizationModel } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { createRelataService } from './relata-service.js';
import type { ServiceLimits } from './context.js';

async function serviceWithStore(limits: Partial<ServiceLimits> = {}) {
  const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger(), limits });
  const storeId = (await service.createStore({ name: 'models' })).id;
  return { service, storeId };
}

async function timedWrite(limits: Partial<ServiceLimits>, model: AuthorizationModel) {
  const { service, storeId } = await serviceWithStore(limits);
  const { ms, result } = await cpuTime(() => service.writeAuthorizationModel({ storeId, model }));
  return { service, storeId, authorizationModelId: result.authorizationModelId, ms };
}

describe('writeAuthorizationModel', () => {
  it('writes 3000 relations of [user] or r_(i-1) in well under a second (800 took 38 s), then checks through them', async () => {
    const { service, storeId, authorizationModelId, ms } = await timedWrite({}, userChain(3000));
    expect(ms).toBeLessThan(1000);
    await service.write({ storeId, authorizationModelId, writes: { tupleKeys: [{ object: 'doc0:a', relation: 'r2980', user: 'user:anne' }, { object: 'doc0:b', relation: 'r10', user: 'user:anne' }] } });
    const allowed = async (object: string, relation: string) => (await service.check({ storeId, authorizationModelId, tupleKey: { object, relation, user: 'user:anne' } })).allowed;
    expect(await allowed('doc0:a', 'r2999')).toBe(true);
    expect(await allowed('doc0:b', 'r30')).toBe(true);
    // A denial walks the chain down to r0: within Check's resolution depth (25) only near the bottom.
    expect(await allowed('doc0:b', 'r9')).toBe(false);
  });

  it.each([
    ['a 3000-wide union', wideUnion(3000)],
    ['a 99-type TTU chain', ttuChain(99)],
    ['a 100-deep nested rewrite', nestedRewrite(100)],
  ])('writes %s in well under a second', async (_name, model) => {
    expect((await timedWrite({}, model)).ms).toBeLessThan(1000);
  });

  it('refuses a 3000-relation computed loop with the cycle error, in well under a second', async () => {
    const { service, storeId } = await serviceWithStore();
    const { ms, result: error } = await cpuTime(() =>
      service.writeAuthorizationModel({ storeId, model: fibonacciLoop(3000) }).catch((e: unknown) => e as { code: number; message: string }),
    );
    expect(ms).toBeLessThan(1000);
    expect(error).toMatchObject({ code: ErrorCode.InvalidAuthorizationModel });
    expect((error as { message: string }).message).toContain('`r0` is an impossible relation for `doc` (potential loop).');
  });

  it('refuses models over the type and size limits with ExceededEntityLimit', async () => {
    const { service, storeId } = await serviceWithStore();
    expect(await failureCode(service.writeAuthorizationModel({ storeId, model: userChain(101, 1) }))).toBe(ErrorCode.ExceededEntityLimit);
    const tooBig = userChain(6000);
    expect(modelWireSize(tooBig)).toBeGreaterThan(256 * 1024);
    await expect(service.writeAuthorizationModel({ storeId, model: tooBig })).rejects.toThrow(/^model exceeds size limit: \d+ bytes vs 262144 bytes$/);
    expect(await failureCode(service.writeAuthorizationModel({ storeId, model: tooBig }))).toBe(ErrorCode.ExceededEntityLimit);
  });

  it('takes raised limits from the configuration (6000 relations over 150 types)', async () => {
    const limits = { maxTypesPerAuthorizationModel: 200, maxAuthorizationModelSizeBytes: 1024 * 1024 };
    const { ms } = await timedWrite(limits, userChain(6000, 40));
    expect(ms).toBeLessThan(2000);
    const { service, storeId } = await serviceWithStore({ maxAuthorizationModelSizeBytes: 2048 });
    await expect(service.writeAuthorizationModel({ storeId, model: userChain(100) })).rejects.toThrow(/vs 2048 bytes$/);
  });

  it('refuses a model with no types, as before, and a too-deep rewrite with InvalidAuthorizationModel', async () => {
    const { service, storeId } = await serviceWithStore();
    expect(await failureCode(service.writeAuthorizationModel({ storeId, model: { schema_version: '1.1', type_definitions: [] } }))).toBe(ErrorCode.TypeDefinitionsTooFewItems);
    expect(await failureCode(service.writeAuthorizationModel({ storeId, model: nestedRewrite(300) }))).toBe(ErrorCode.InvalidAuthorizationModel);
  });
});
