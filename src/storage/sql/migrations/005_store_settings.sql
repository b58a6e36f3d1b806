-- Per-store settings: small JSON texts by name, e.g. which relations of each type AuthZEN calls
-- actions. Replaced whole (last writer wins); a deleted store's settings go with its data.
CREATE TABLE store_setting (
  store       text COLLATE "C" NOT NULL,
  name        text COLLATE "C" NOT NULL,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store, name)
);
