-- The audit trail: append-only hash chains (src/storage/audit-repository.ts, src/audit/).
-- A chain is one store's changes ('c:<store>'), one store's logged decisions ('d:<store>') or the
-- global chain of store-less events ('c:'). Appenders lock the chain's head row until commit,
-- so a chain never forks; retention removes a prefix and keeps its last record as the base.
CREATE TABLE audit_chain (
  chain      text COLLATE "C" PRIMARY KEY,
  head_seq   bigint NOT NULL DEFAULT 0,
  head_hash  text NOT NULL DEFAULT '',
  base_seq   bigint NOT NULL DEFAULT 0,
  base_hash  text NOT NULL DEFAULT ''
);

CREATE TABLE audit_record (
  id         bigserial PRIMARY KEY,
  chain      text COLLATE "C" NOT NULL,
  seq        bigint NOT NULL,
  store_id   text COLLATE "C" NOT NULL,
  at         timestamptz NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('change', 'decision', 'anchor')),
  operation  text COLLATE "C" NOT NULL,
  actor      text COLLATE "C" NOT NULL,
  result     text NOT NULL DEFAULT '',
  subjects   text[] NOT NULL DEFAULT '{}',
  objects    text[] NOT NULL DEFAULT '{}',
  body       text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL,
  UNIQUE (chain, seq)
);

-- Queries are per store, newest first (by id), optionally narrowed; each narrowing has an index
-- that keeps the id order, so a page reads about a page of rows even among 10M records.
CREATE INDEX audit_store_idx ON audit_record (store_id, id);
CREATE INDEX audit_actor_idx ON audit_record (store_id, actor, id);
CREATE INDEX audit_operation_idx ON audit_record (store_id, operation, id);
CREATE INDEX audit_result_idx ON audit_record (store_id, result, id) WHERE kind = 'decision';
CREATE INDEX audit_at_idx ON audit_record (store_id, at);
CREATE INDEX audit_subjects_idx ON audit_record USING gin (subjects);
CREATE INDEX audit_objects_idx ON audit_record USING gin (objects);
