// The tokens the service hands out and takes back: consistency tokens (a changelog revision) and
// the continuation tokens of the paged calls, all signed by one TokenSigner whose key is
// RELATA_TOKEN_SECRET or, when unset, a random key generated on first start and kept in the
// datastore, so that every replica sharing the datastore signs and verifies alike.
import { randomBytes } from 'node:crypto';
import { ErrorCode, ValidationError, preview } from '../model/index.js';
import type { Datastore } from '../storage/datastore.js';
import { maxRevision } from '../storage/continuation-token.js';
import { RevisionBound } from './revision-bound.js';
import { TokenSigner, type SignedTokenKind } from './signed-token.js';

/** The datastore setting that holds the generated key. */
export const tokenSecretSetting = 'token_secret';

export type ContinuationKind = Exclude<SignedTokenKind, 'consistency'>;

const maxConsistencyTokenChars = 256;
const maxContinuationTokenChars = 5120;

const badConsistencyToken = (reason: string) =>
  new ValidationError(ErrorCode.ValidationError, `invalid consistency_token (x-relata-consistency-token): ${reason}`);

const badContinuationToken = (field: string) =>
  new ValidationError(ErrorCode.InvalidContinuationToken, `invalid ${field}: not a continuation token this server issued for this call and store`);

/** A decimal revision within PostgreSQL's bigint; undefined otherwise. */
export function parseRevision(text: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(text)) return undefined;
  const revision = BigInt(text);
  return revision <= maxRevision ? revision : undefined;
}

export class Tokens {
  private signer?: TokenSigner;
  private loading?: Promise<TokenSigner>;
  private readonly bound: RevisionBound;

  /** `secret`: RELATA_TOKEN_SECRET; undefined = the key kept in the datastore. */
  constructor(
    private readonly datastore: Pick<Datastore, 'ensureSetting' | 'currentRevision'>,
    private readonly secret?: string,
  ) {
    this.bound = new RevisionBound((storeId) => datastore.currentRevision(storeId));
  }

  /** The signer, loading (or creating) the datastore's key on first use; a failed load is retried. */
  ready(): Promise<TokenSigner> {
    if (this.signer) return Promise.resolve(this.signer);
    this.loading ??= this.load().then(
      (signer) => (this.signer = signer),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async load(): Promise<TokenSigner> {
    const secret = this.secret ?? (await this.datastore.ensureSetting(tokenSecretSetting, randomBytes(32).toString('base64url')));
    return new TokenSigner(Buffer.from(secret, 'utf8'));
  }

  /** The token of a revision the datastore reported for the store (a Write's). */
  async consistencyToken(storeId: string, revision: bigint): Promise<string> {
    this.bound.observe(storeId, revision);
    return (await this.ready()).sign('consistency', storeId, Buffer.from(revision.toString(), 'ascii'));
  }

  /**
   * The revision of a consistency token sent with a request on `storeId` (undefined when none was
   * sent). Refused (ValidationError): a token this server did not sign for this store, and a
   * signed one ahead of the store's latest revision (a restored database or a leaked key), which
   * would otherwise stamp cache entries with a revision no write has reached.
   */
  async consistencyRevision(storeId: string, token: string | undefined): Promise<bigint | undefined> {
    if (!token) return undefined;
    const payload = (await this.ready()).verify('consistency', storeId, token, maxConsistencyTokenChars);
    if (!payload) throw badConsistencyToken(`'${preview(token, 16)}' is not a token this server issued for this store`);
    const revision = parseRevision(payload.toString('ascii'));
    if (revision === undefined) throw badConsistencyToken('its revision is not a 64-bit integer');
    if (!(await this.bound.covers(storeId, revision))) throw badConsistencyToken("it is ahead of the store's latest revision");
    return revision;
  }

  /** Signs a storage continuation token (base64url) for `kind` on `storeId`; '' stays ''. */
  async seal(kind: ContinuationKind, storeId: string, raw: string): Promise<string> {
    if (!raw) return '';
    return (await this.ready()).sign(kind, storeId, Buffer.from(raw, 'base64url'));
  }

  /** The storage token inside a continuation token of `kind` on `storeId`; InvalidContinuationToken otherwise. */
  async open(kind: ContinuationKind, storeId: string, token: string | undefined, field = 'continuation_token'): Promise<string | undefined> {
    if (!token) return undefined;
    const payload = (await this.ready()).verify(kind, storeId, token, maxContinuationTokenChars);
    if (!payload) throw badContinuationToken(field);
    return payload.toString('base64url');
  }
}
