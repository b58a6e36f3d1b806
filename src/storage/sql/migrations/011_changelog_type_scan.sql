-- The changelog loses its own index for type-filtered ReadChanges: that index cost every
-- changelog row 2-3 µs of PostgreSQL CPU (an eighth of a bulk-imported tuple's whole cost,
-- bench/bulk-import-phases.ts, 2026-12-04), on every write path, to serve one optional filter. The
-- primary key carries object_type instead (INCLUDE: no key width, ~0 cost per row), so a
-- type-filtered ReadChanges scans the store's changes in revision order reading index entries
-- only, as OpenFGA's own schema does (its changelog key is (store, ulid, object_type)); the scan
-- is bounded per request (sql-datastore.ts, readChanges).
-- Rebuilding the primary key of a large changelog blocks writes while it runs: apply it in a
-- quiet period.
DROP INDEX IF EXISTS changelog_type_idx;
ALTER TABLE changelog DROP CONSTRAINT changelog_pkey;
ALTER TABLE changelog ADD CONSTRAINT changelog_pkey PRIMARY KEY (store, revision) INCLUDE (object_type);
