// `relata tuples write --expires`: a relative or RFC 3339 expiry reaches WriteTuples; a bad one
// is a validation error naming the option, and nothing is written.
import { describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../dsl/index.js';
import { ErrorCode } from '../../model/index.js';
import { silentLogger } from '../../observability/index.js';
import { createRelataService } from '../../service/index.js';
import { createMemoryDatastore } from '../../storage/memory/index.js';
import { failureCode } from '../../../test/helpers/failure-code.js';
import { PassThrough } from 'node:stream';
import { userInfo } from 'node:os';
import { exportTuplesCommand, writeTupleCommand } from './tuples.js';

const model = transformDslToModel(`model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
`);

describe('relata tuples write', () => {
  it('writes an expiring tuple from --expires 24h or an RFC 3339 time, and refuses nonsense', async () => {
    const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    const store = (await service.createStore({ name: 'cli-write' })).id;
    await service.writeAuthorizationModel({ storeId: store, model });
    const now = Date.now();
    await writeTupleCommand(service, { store, object: 'doc:1', relation: 'viewer', user: 'user:anne', expires: '24h' }, now);
    const at = new Date(now + 3_600_000).toISOString();
    await writeTupleCommand(service, { store, object: 'doc:2', relation: 'viewer', user: 'user:anne', expires: at });
    await writeTupleCommand(service, { store, object: 'doc:3', relation: 'viewer', user: 'user:anne' });
    const items = (await service.read({ storeId: store })).items;
    expect(items.map((t) => t.expiresAt?.getTime())).toEqual([now + 86_400_000, Date.parse(at), undefined]);
    expect(await failureCode(writeTupleCommand(service, { store, object: 'doc:4', relation: 'viewer', user: 'user:anne', expires: 'soon' }))).toBe(ErrorCode.ValidationError);
    expect(await failureCode(writeTupleCommand(service, { store, object: 'doc:4', relation: 'viewer', user: 'user:anne', expires: '2001-01-01T00:00:00Z' }))).toBe(ErrorCode.ValidationError);
    expect((await service.read({ storeId: store })).items).toHaveLength(3);
  });

  it('records the operator (cli:<os user>) and the --reason in the audit trail', async () => {
    const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    const store = (await service.createStore({ name: 'cli-audit' })).id;
    await service.writeAuthorizationModel({ storeId: store, model });
    await writeTupleCommand(service, { store, object: 'doc:1', relation: 'viewer', user: 'user:anne', reason: 'ticket 42' });
    const records = (await service.readAuditRecords({ storeId: store })).items.filter((r) => r.operation === 'WriteTuples');
    expect(records).toHaveLength(1);
    expect(records[0].actor).toBe(`cli:${userInfo().username}`);
    expect(records[0].record).toMatchObject({ reason: 'ticket 42' });
  });

  it('exports an expiring grant with its expires_at (jsonl, yaml) and refuses CSV, which has no column for it', async () => {
    const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
    const store = (await service.createStore({ name: 'cli-export' })).id;
    await service.writeAuthorizationModel({ storeId: store, model });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await writeTupleCommand(service, { store, object: 'doc:1', relation: 'viewer', user: 'user:anne', expires: at });
    await writeTupleCommand(service, { store, object: 'doc:2', relation: 'viewer', user: 'user:anne' });
    const exported = async (format: 'jsonl' | 'yaml' | 'csv') => {
      const out = new PassThrough();
      const chunks: string[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      await exportTuplesCommand(service, store, format, out);
      return chunks.join('');
    };
    expect((await exported('jsonl')).trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { user: 'user:anne', relation: 'viewer', object: 'doc:1', expires_at: at },
      { user: 'user:anne', relation: 'viewer', object: 'doc:2' },
    ]);
    expect(await exported('yaml')).toContain(`expires_at: ${at}`);
    await expect(exported('csv')).rejects.toThrow(/expires_at/);
  });
});
