-- Server-wide settings that every replica must share, e.g. the key that signs tokens. Written
-- once (INSERT ... ON CONFLICT DO NOTHING), so replicas starting together agree on one value.
CREATE TABLE setting (
  name        text COLLATE "C" PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
