import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../model/index.js';
import { createMemoryDatastore } from '../storage/memory/index.js';
import { failureCode } from '../../test/helpers/failure-code.js';
import { Tokens, tokenSecretSetting } from './tokens.js';

const storeA = '01HAAAAAAAAAAAAAAAAAAAAAAA';
const storeB = '01HBBBBBBBBBBBBBBBBBBBBBBB';
const secret = 'a-test-secret-of-enough-length-0123456789';

/** The memory datastore, counting reads of the current revision. */
function countingDatastore() {
  const datastore = createMemoryDatastore();
  const counter = { reads: 0 };
  const currentRevision = datastore.currentRevision.bind(datastore);
  datastore.currentRevision = (storeId: string) => {
    counter.reads++;
    return currentRevision(storeId);
  };
  const write = async (storeId: string, id: number) =>
    (await datastore.writeTuples(storeId, { writes: [{ object: `doc:${id}`, relation: 'viewer', user: 'user:anne' }], deletes: [] })).revision;
  return { datastore, counter, write };
}

describe('Tokens', () => {
  it('round-trips a consistency token on its store only', async () => {
    const { datastore, write } = countingDatastore();
    const tokens = new Tokens(datastore, secret);
    const token = await tokens.consistencyToken(storeA, await write(storeA, 1));
    expect(await tokens.consistencyRevision(storeA, token)).toBeGreaterThan(0n);
    expect(await tokens.consistencyRevision(storeA, undefined)).toBeUndefined();
    expect(await tokens.consistencyRevision(storeA, '')).toBeUndefined();
    expect(await failureCode(tokens.consistencyRevision(storeB, token))).toBe(ErrorCode.ValidationError);
  });

  it('refuses bare revisions (the old format) and edited tokens with a ValidationError naming the header', async () => {
    const { datastore } = countingDatastore();
    const tokens = new Tokens(datastore, secret);
    for (const forged of ['7', '8', '9223372036854775807', 'garbage', 'x'.repeat(10_000)]) {
      const error = await tokens.consistencyRevision(storeA, forged).catch((e: unknown) => e as Error);
      expect(error).toMatchObject({ code: ErrorCode.ValidationError });
      expect((error as Error).message).toMatch(/consistency_token \(x-relata-consistency-token\)/);
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });

  it('refuses a signed token ahead of the store, reading the datastore only when the token is ahead of what it knows', async () => {
    const { datastore, counter, write } = countingDatastore();
    const tokens = new Tokens(datastore, secret);
    const signer = await tokens.ready();
    const r1 = await write(storeA, 1);
    const ahead = signer.sign('consistency', storeA, Buffer.from(String(r1 + 1n)));
    expect(await failureCode(tokens.consistencyRevision(storeA, ahead))).toBe(ErrorCode.ValidationError);
    expect(counter.reads).toBe(1);
    const current = signer.sign('consistency', storeA, Buffer.from(String(r1)));
    expect(await tokens.consistencyRevision(storeA, current)).toBe(r1);
    expect(await tokens.consistencyRevision(storeA, current)).toBe(r1);
    expect(counter.reads).toBe(1);
    // The store moves on (a write through another replica): one read, then accepted.
    expect(await write(storeA, 2)).toBe(r1 + 1n);
    expect(await tokens.consistencyRevision(storeA, ahead)).toBe(r1 + 1n);
    expect(counter.reads).toBe(2);
    // A token this process issued needs no read.
    const issued = await tokens.consistencyToken(storeB, await write(storeB, 3));
    expect(await tokens.consistencyRevision(storeB, issued)).toBeGreaterThan(0n);
    expect(counter.reads).toBe(2);
  });

  it('refuses a signed revision outside int64 with INVALID_ARGUMENT (ValidationError), never an internal error', async () => {
    const { datastore } = countingDatastore();
    const tokens = new Tokens(datastore, secret);
    const signer = await tokens.ready();
    for (const revision of ['9223372036854775808', '99999999999999999999', '-1', '', '1.5']) {
      expect(await failureCode(tokens.consistencyRevision(storeA, signer.sign('consistency', storeA, Buffer.from(revision))))).toBe(ErrorCode.ValidationError);
    }
  });

  it('seals continuation tokens for one kind and store', async () => {
    const tokens = new Tokens(createMemoryDatastore(), secret);
    const raw = Buffer.from(JSON.stringify(['tuples', 'doc', '1'])).toString('base64url');
    const sealed = await tokens.seal('read', storeA, raw);
    expect(await tokens.open('read', storeA, sealed)).toBe(raw);
    expect(await tokens.seal('read', storeA, '')).toBe('');
    expect(await tokens.open('read', storeA, '')).toBeUndefined();
    expect(await failureCode(tokens.open('changes', storeA, sealed))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(tokens.open('read', storeB, sealed))).toBe(ErrorCode.InvalidContinuationToken);
    expect(await failureCode(tokens.open('read', storeA, raw))).toBe(ErrorCode.InvalidContinuationToken);
    const consistency = await tokens.consistencyToken(storeA, 1n);
    expect(await failureCode(tokens.open('read', storeA, consistency))).toBe(ErrorCode.InvalidContinuationToken);
  });

  it('keeps its key in the datastore: every instance on it (a restart, a replica) signs alike; concurrent first starts agree', async () => {
    const datastore = createMemoryDatastore();
    const replicas = Array.from({ length: 5 }, () => new Tokens(datastore));
    const tokens = await Promise.all(replicas.map((r) => r.consistencyToken(storeA, 0n)));
    expect(new Set(tokens).size).toBe(1);
    const restarted = new Tokens(datastore);
    expect(await restarted.consistencyRevision(storeA, tokens[0])).toBe(0n);
    const stored = await datastore.ensureSetting(tokenSecretSetting, 'unused');
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // RELATA_TOKEN_SECRET overrides the stored key.
    const overridden = new Tokens(datastore, secret);
    expect(await failureCode(overridden.consistencyRevision(storeA, tokens[0]))).toBe(ErrorCode.ValidationError);
    expect(await new Tokens(createMemoryDatastore(), secret).consistencyRevision(storeA, await overridden.consistencyToken(storeA, 0n))).toBe(0n);
  });

  it('retries loading the key after a failure', async () => {
    let fail = true;
    const datastore = {
      ensureSetting: (_name: string, value: string) => (fail ? Promise.reject(new Error('down')) : Promise.resolve(value)),
      currentRevision: () => Promise.resolve(0n),
    };
    const tokens = new Tokens(datastore);
    await expect(tokens.ready()).rejects.toThrow('down');
    fail = false;
    await expect(tokens.ready()).resolves.toBeDefined();
  });
});
