-- Expiring grants (issue 19): a tuple may carry `expires_at`; from that instant on every read
-- leaves it out (readers compare it with the request's "now"), and the sweeper deletes it later,
-- recording the delete in the changelog. NULL = never expires. The changelog keeps the expiry a
-- written (or swept) tuple had, so ReadChanges can tell an expiry from a plain delete.
ALTER TABLE tuple ADD COLUMN expires_at timestamptz;
ALTER TABLE changelog ADD COLUMN expires_at timestamptz;

-- The sweeper's scan: the earliest expired tuples of any store, then of one store. Partial, so
-- tuples without an expiry (nearly all of them) cost nothing here.
CREATE INDEX tuple_expiry_idx ON tuple (expires_at, store) WHERE expires_at IS NOT NULL;
CREATE INDEX tuple_store_expiry_idx ON tuple (store, expires_at) WHERE expires_at IS NOT NULL;
