// What every use case receives: the datastore, the shared resolvers, limits and the logger.
import type { ModelChecker } from './model-checker.js';
import type { Datastore } from '../storage/datastore.js';
import type { Logger } from '../observability/logger.js';
import type { LimitsConfig } from '../config/config.js';
import type { DecisionCache } from '../cache/decision-cache.js';
import type { Checker } from '../cache/cached-checker.js';
import type { ModelResolver } from './model-resolver.js';
import type { QueryTarget } from './engine-access.js';
import type { StoreGuard } from './store-guard.js';
import type { SnapshotAnswers } from './snapshot-answers.js';
import type { Tokens } from './tokens.js';
import type { AuditTrail } from '../audit/audit-trail.js';

export type ServiceLimits = LimitsConfig;

export interface ServiceContext {
  readonly datastore: Datastore;
  readonly models: ModelResolver;
  readonly stores: StoreGuard;
  readonly limits: ServiceLimits;
  readonly logger: Logger;
  /** Answers of paged listings by snapshot, so that later pages are slices. */
  readonly snapshotAnswers: SnapshotAnswers;
  /** Runs WriteAuthorizationModel's checks and analyses (on a worker thread when served). */
  readonly modelChecker: ModelChecker;
  /** Signs and verifies consistency and continuation tokens. */
  readonly tokens: Tokens;
  /** The decision cache; absent = every Check is evaluated. */
  readonly cache?: DecisionCache;
  /** Every Check and BatchCheck: through the cache when there is one, else a pass-through. */
  readonly checker: Checker<QueryTarget>;
  /** Change drafts for every mutation (appended in its transaction) and the decision log. */
  readonly audit: AuditTrail;
  /**
   * The clock of expiring grants: each request takes one instant from it (before any read) and
   * every read, cache lookup and write of the request uses that instant. Tests inject their own.
   */
  readonly clock: () => Date;
}
