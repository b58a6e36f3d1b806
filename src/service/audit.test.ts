// The service with an authenticated caller (what the gRPC transport passes once authentication
// lands): every change path records exactly one record with the principal as actor, and logged
// decisions (Check, BatchCheck) carry the actor, model, cache tier and the masked context.
import { describe, expect, it } from 'vitest';
import { transformDslToModel } from '../dsl/index.js';
import { silentLogger } from '../observability/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { AuditTrail } from '../audit/index.js';
import { defaultAuditConfig } from '../config/audit.js';
import { fullAccess } from '../auth/principal.js';
import { createRelataService } from './relata-service.js';
import type { Caller } from './caller.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
`);

const caller: Caller = { principal: { ...fullAccess('preshared', '0'), kind: 'oidc', id: 'alice@example.com' }, requestId: 'rq', peerAddress: 'ipv4:192.0.2.1:9', userAgent: 'sdk/1', reason: 'JIRA-1' };

describe('audit through the service', () => {
  it('records each change path once with the principal; decisions with actor, cache tier and masked context', async () => {
    const datastore = createMemoryDatastore();
    const audit = new AuditTrail({ repository: datastore, config: { ...defaultAuditConfig, decisions: 'all', maskKeys: ['ssn'] } });
    const service = createRelataService({ datastore, logger: silentLogger(), audit });
    const { id: storeId } = await service.createStore({ name: 'store-a' }, caller);
    const { authorizationModelId } = await service.writeAuthorizationModel({ storeId, model }, caller);
    const t = { object: 'doc:1', relation: 'viewer', user: 'user:bob' };
    await service.write({ storeId, writes: { tupleKeys: [t] } }, caller);
    await expect(service.write({ storeId, writes: { tupleKeys: [t] } }, caller)).rejects.toThrow();
    await service.write({ storeId, deletes: { tupleKeys: [t] } }, caller);
    await service.writeAssertions({ storeId, authorizationModelId, assertions: [{ tupleKey: t, expectation: false }] }, caller);
    await service.updateStore({ storeId, name: 'store-b' }, caller);
    await service.check({ storeId, tupleKey: t, context: { ssn: '123', day: 'mon' } }, caller);
    await service.batchCheck({ storeId, checks: [{ correlationId: 'a', tupleKey: t }] }, caller);
    await service.deleteStore(storeId, caller);
    await audit.close();

    const changes = (await service.readAuditRecords({ storeId, kind: 'change' })).items.reverse();
    expect(changes.map((r) => r.operation)).toEqual(['CreateStore', 'WriteAuthorizationModel', 'Write', 'Write', 'WriteAssertions', 'UpdateStore', 'DeleteStore']);
    for (const r of changes) expect(r.record).toMatchObject({ actor: 'oidc:alice@example.com', principal: { kind: 'oidc', id: 'alice@example.com' }, ip: '192.0.2.1', reason: 'JIRA-1', requestId: 'rq', userAgent: 'sdk/1' });
    const decisions = (await service.readAuditRecords({ storeId, kind: 'decision' })).items.reverse();
    expect(decisions.map((r) => [r.operation, r.result])).toEqual([['Check', 'denied'], ['BatchCheck', 'denied']]);
    expect(decisions[0].record).toMatchObject({ actor: 'oidc:alice@example.com', modelId: authorizationModelId, context: { ssn: '***', day: 'mon' }, cache: 'off' });
    expect((await service.verifyAudit(storeId)).map((c) => c.problem)).toEqual([undefined, undefined]);
    const report = await service.auditReport({ storeId });
    expect(report.decisionsByResult).toEqual([{ key: 'denied', count: 2 }]);
  });

  it('records an in-process actor when there is no caller', async () => {
    const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    const { id: storeId } = await service.createStore({ name: 'store-a' });
    const [record] = (await service.readAuditRecords({ storeId })).items;
    expect(record).toMatchObject({ actor: 'in-process', operation: 'CreateStore' });
  });
});
