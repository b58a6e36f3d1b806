-- API clients (the `clients` authentication method): the secret is stored only as a slow hash.
-- scopes: {"<store id or *>": ["check", ...]}; allowed_cidrs: ["10.0.0.0/8", ...] (empty = anywhere).
CREATE TABLE api_client (
  id               text COLLATE "C" PRIMARY KEY,
  name             text NOT NULL,
  secret_hash      text NOT NULL,
  status           text NOT NULL CHECK (status IN ('active', 'disabled')),
  expires_at       timestamptz,
  allowed_cidrs    jsonb NOT NULL DEFAULT '[]',
  rate_per_second  double precision,
  rate_burst       integer,
  scopes           jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One row per create/update/delete, written in the same transaction under an advisory lock so that
-- versions commit in order: replicas poll it to drop what they remember of changed clients.
CREATE TABLE api_client_change (
  version    bigserial PRIMARY KEY,
  client_id  text COLLATE "C" NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
