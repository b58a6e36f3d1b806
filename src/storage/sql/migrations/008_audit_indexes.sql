-- Audit query indexes, measured on 10M records by bench/audit-indexes.ts (README "Audit trail").
-- `--kind change|decision` walked the id index filtering kind (a store's changes are a fifth of
-- its records): (store_id, kind, id) keeps the id order. A time range ending in the past is
-- answered from (store_id, at, id) alone (an index-only scan, see queryAuditSql), which replaces
-- 004's (store_id, at). On a large audit_record these builds take minutes and block appends
-- while they run (migrations run in one transaction): apply this during a quiet period.
CREATE INDEX audit_kind_idx ON audit_record (store_id, kind, id);
CREATE INDEX audit_store_at_idx ON audit_record (store_id, at, id);
DROP INDEX IF EXISTS audit_at_idx;
