// The audit trail: change records (always, in the change's transaction), the opt-in decision log,
// hash chains and their verification, queries, reports and retention. Stored through the
// Datastore's AuditRepository role.
export * from './actor.js';
export * from './audit-trail.js';
export * from './canonical.js';
export * from './chain.js';
export * from './decision-log.js';
export * from './decision-seal.js';
export * from './decision-sealer.js';
export * from './denial-spikes.js';
export * from './entry.js';
export * from './mask.js';
export * from './queries.js';
export * from './verify.js';
