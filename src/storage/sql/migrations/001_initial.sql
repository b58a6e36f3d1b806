-- Relata's initial schema. Runs on PostgreSQL and on PGlite unchanged.
-- Identifiers and tuple fields use the "C" collation so that ORDER BY, keyset pagination and
-- the memory backend all agree on one order (code point order), whatever the database locale.

-- One global sequence numbers every change of every store: a revision (consistency token) is
-- comparable across stores, and within a store revisions follow commit order because writers
-- of a store hold a per-store advisory lock while they take them.
CREATE SEQUENCE revision_seq AS bigint;

CREATE TABLE store (
  id          text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
CREATE INDEX store_name_idx ON store (name) WHERE deleted_at IS NULL;

-- The primary key, in this column order, serves forward reads (object -> users:
-- store, object_type, object_id = ANY(..), relation) and Read's (object, relation, user) order.
CREATE TABLE tuple (
  store              text COLLATE "C" NOT NULL,
  object_type        text COLLATE "C" NOT NULL,
  object_id          text COLLATE "C" NOT NULL,
  relation           text COLLATE "C" NOT NULL,
  user_type          text COLLATE "C" NOT NULL,
  user_id            text COLLATE "C" NOT NULL,
  user_relation      text COLLATE "C" NOT NULL DEFAULT '',
  condition_name     text,
  condition_context  jsonb,
  revision           bigint NOT NULL,
  inserted_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store, object_type, object_id, relation, user_type, user_id, user_relation)
);

-- Reverse reads (user -> objects): which objects of a type grant `relation` to these users.
CREATE INDEX tuple_reverse_idx
  ON tuple (store, object_type, relation, user_type, user_relation, user_id);

-- Append-only. One row per change; its revision is the resume point of ReadChanges.
CREATE TABLE changelog (
  store              text COLLATE "C" NOT NULL,
  revision           bigint NOT NULL DEFAULT nextval('revision_seq'),
  op                 text NOT NULL CHECK (op IN ('write', 'delete')),
  object_type        text COLLATE "C" NOT NULL,
  object_id          text COLLATE "C" NOT NULL,
  relation           text COLLATE "C" NOT NULL,
  user_type          text COLLATE "C" NOT NULL,
  user_id            text COLLATE "C" NOT NULL,
  user_relation      text COLLATE "C" NOT NULL DEFAULT '',
  condition_name     text,
  condition_context  jsonb,
  at                 timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store, revision)
);
CREATE INDEX changelog_type_idx ON changelog (store, object_type, revision);

-- Immutable model versions; ids are ULIDs, so the latest is the highest id.
CREATE TABLE authorization_model (
  store           text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  schema_version  text NOT NULL,
  json            jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store, id)
);

CREATE TABLE assertion (
  store     text COLLATE "C" NOT NULL,
  model_id  text COLLATE "C" NOT NULL,
  json      jsonb NOT NULL,
  PRIMARY KEY (store, model_id)
);
