// The `clients` authentication method: API client keys (`rk_<id>_<secret>`, see api-key.ts).
//
// Cold path: the key's id finds the record, the secret is checked with scrypt (tens of ms, on the
// libuv pool, at most a few at once: kdf-gate.ts). Concurrent first calls with one key share that
// verification (single-flight). A verified active key is remembered in a bounded LRU keyed by the
// SHA-256 of the whole key, so a warm call is a hash and a map lookup. Only successes are
// remembered: a wrong secret misses the cache and pays the KDF every time, so guessing through
// the cache is as slow as without it. An unknown id is hashed against a dummy too, so timing does
// not tell whether a client id exists.
//
// Every call, warm or cold, then checks expiry, the IP allowlist and the rate limit. Changes made
// anywhere (disable, delete, rotate, scopes, ...) reach every replica through the datastore's
// change log (client-changes.ts), which evicts the client's remembered keys; with a pub/sub
// channel (change-push.ts) the replica that made a change also announces it, so the others evict
// within milliseconds instead of at their next poll.
import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ApiClientRateLimit, ApiClientRecord, ApiClientRepository } from '../../storage/index.js';
import type { AuthMethod, CallCredentials } from '../authenticator.js';
import { AuthenticationError, RateLimitedError } from '../errors.js';
import type { Principal } from '../principal.js';
import { addressAllowed, compileAllowlist, type Allowlist } from './allowlist.js';
import { looksLikeApiKey, parseApiKey } from './api-key.js';
import { ClientChangePush, type ClientChangeChannel } from './change-push.js';
import { ClientChangeWatcher, type ApiClientChangeSource } from './client-changes.js';
import { KdfGate } from './kdf-gate.js';
import { clientPrincipal } from './principal.js';
import { RateLimiter } from './rate-limiter.js';
import { hashSecret, verifySecret } from './secret-hash.js';

export interface ClientsMethodDeps {
  /** Where client records and their change log live: the Datastore. */
  clients: Pick<ApiClientRepository, 'getApiClient'> & ApiClientChangeSource;
  /** How often to poll the change log (default 1000 ms). */
  pollIntervalMs?: number;
  /** Warm keys wait for a poll when the last one is older than this (default 5 × poll interval). */
  maxStalenessMs?: number;
  /** Verified keys remembered (default 10 000). */
  maxCachedKeys?: number;
  /** Rate-limit buckets kept (default 10 000 clients). */
  maxRateBuckets?: number;
  /** Slow hashes at once (default 4) and waiting (default 256) before calls are refused. */
  kdfConcurrency?: number;
  kdfQueue?: number;
  /** Pub/sub for announcing and hearing changes at once (Redis); absent = the change-log poll alone. */
  push?: ClientChangeChannel;
  /** This replica's name on the push channel (its own announcements are ignored); random by default. */
  replicaId?: string;
  now?: () => number;
}

export interface ClientsMethodStats {
  /** Secret verifications run so far (each one scrypt). */
  kdfRuns: number;
  cachedKeys: number;
  rateBuckets: number;
}

export interface ClientsAuthMethod extends AuthMethod {
  readonly name: 'clients';
  /** Polls the change log now (tests). */
  sync(): Promise<void>;
  /**
   * The clients this replica just changed (after the commit): forgotten here at once, announced
   * to the other replicas on the push channel, then the change log is polled. Never rejects.
   */
  changed(clientIds: readonly string[]): Promise<void>;
  stats(): ClientsMethodStats;
  close(): Promise<void>;
}

interface VerifiedKey {
  clientId: string;
  principal: Principal;
  expiresAt: number | undefined;
  allowlist: Allowlist | undefined;
  rateLimit: ApiClientRateLimit | undefined;
}

type Verification = VerifiedKey | AuthenticationError;

function toVerified(record: ApiClientRecord): VerifiedKey {
  return {
    clientId: record.id,
    principal: clientPrincipal(record.id, record.scopes),
    expiresAt: record.expiresAt?.getTime(),
    allowlist: compileAllowlist(record.allowedCidrs),
    rateLimit: record.rateLimit,
  };
}

export function createClientsAuthMethod(deps: ClientsMethodDeps): ClientsAuthMethod {
  const now = deps.now ?? Date.now;
  const pollIntervalMs = deps.pollIntervalMs ?? 1_000;
  const verified = new LRUCache<string, VerifiedKey>({ max: deps.maxCachedKeys ?? 10_000 });
  const inflight = new Map<string, { clientId: string; pending: Promise<Verification> }>();
  const limiter = new RateLimiter(deps.maxRateBuckets ?? 10_000);
  const gate = new KdfGate(deps.kdfConcurrency ?? 4, deps.kdfQueue ?? 256);
  // A key verified while a change was applied may have read the record before the change: it
  // serves its own call but is not remembered.
  let generation = 0;
  let kdfRuns = 0;
  // Hashing against this makes an unknown id cost what a wrong secret costs.
  const dummyHash = hashSecret('relata-dummy-secret');

  const forget = (clientIds: readonly string[] | undefined): void => {
    generation++;
    if (clientIds === undefined) {
      verified.clear();
      inflight.clear();
      return;
    }
    const ids = new Set(clientIds);
    for (const [digest, entry] of verified.entries()) if (ids.has(entry.clientId)) verified.delete(digest);
    // A verification in flight may have read the record before the change: later calls must not
    // join it (those already waiting on it were admitted before the change was known).
    for (const [digest, flight] of inflight) if (ids.has(flight.clientId)) inflight.delete(digest);
    for (const id of ids) limiter.forget(id);
  };
  const watcher = new ClientChangeWatcher(deps.clients, forget, {
    intervalMs: pollIntervalMs,
    maxStalenessMs: deps.maxStalenessMs ?? 5 * pollIntervalMs,
    now,
  });
  const push = deps.push
    ? new ClientChangePush(deps.push, deps.replicaId ?? randomUUID(), {
        changed: forget,
        live: () => void watcher.sync().catch(() => undefined),
      })
    : undefined;

  const runKdf = (secret: string, stored: string): Promise<boolean> =>
    gate.run(() => {
      kdfRuns++;
      return verifySecret(secret, stored);
    });

  async function verify(clientId: string, secret: string): Promise<Verification> {
    const record = await deps.clients.getApiClient(clientId);
    if (!record) {
      await runKdf(secret, await dummyHash);
      return new AuthenticationError('unknown_key');
    }
    if (!(await runKdf(secret, record.secretHash))) return new AuthenticationError('bad_secret');
    // Checked only after the secret: without it a caller learns nothing of the client's state.
    if (record.status !== 'active') return new AuthenticationError('disabled');
    return toVerified(record);
  }

  async function verifyOnce(digest: string, clientId: string, secret: string): Promise<VerifiedKey> {
    let pending = inflight.get(digest)?.pending;
    if (!pending) {
      const startedAt = generation;
      const started = verify(clientId, secret).then((result) => {
        if (!(result instanceof AuthenticationError) && generation === startedAt) verified.set(digest, result);
        return result;
      });
      pending = started;
      inflight.set(digest, { clientId, pending: started });
      void started.finally(() => {
        if (inflight.get(digest)?.pending === started) inflight.delete(digest);
      }).catch(() => undefined);
    }
    const result = await pending;
    if (result instanceof AuthenticationError) throw new AuthenticationError(result.reason);
    return result;
  }

  function admit(key: VerifiedKey, call: CallCredentials): Principal {
    const at = now();
    if (key.expiresAt !== undefined && key.expiresAt <= at) throw new AuthenticationError('expired');
    if (key.allowlist && !addressAllowed(key.allowlist, call.peerAddress)) throw new AuthenticationError('address_not_allowed');
    if (key.rateLimit) {
      const waitMs = limiter.take(key.clientId, key.rateLimit, at);
      if (waitMs > 0) throw new RateLimitedError(waitMs);
    }
    return key.principal;
  }

  return {
    name: 'clients',
    async authenticate(bearer: string, call: CallCredentials): Promise<Principal | undefined> {
      if (!looksLikeApiKey(bearer)) return undefined;
      const parsed = parseApiKey(bearer);
      if (!parsed) throw new AuthenticationError('malformed');
      const stale = watcher.fresh();
      if (stale) await stale;
      const digest = createHash('sha256').update(bearer).digest('base64url');
      const key = verified.get(digest) ?? (await verifyOnce(digest, parsed.clientId, parsed.secret));
      return admit(key, call);
    },
    sync: () => watcher.sync(),
    async changed(clientIds) {
      forget(clientIds);
      await push?.announce(clientIds);
      await watcher.sync().catch(() => undefined);
    },
    stats: () => ({ kdfRuns, cachedKeys: verified.size, rateBuckets: limiter.size }),
    async close(): Promise<void> {
      watcher.close();
      await push?.close();
    },
  };
}
