-- The closure index (Leopard, Zanzibar §3.2.4; issue 18). For each kind of recursive edge —
-- tuples `t:a#r@t:b#ur` whose user is an object of the object's own type, with ur = '' (a
-- tupleset chain, folder#parent) or ur = r (nested membership, team#member) — one row per pair
-- (from a, to b) joined by a chain of one or more such edges. Only edges that hold until a
-- write removes them are indexed (no condition, no expiry, no wildcard user); the other edges of each kind
-- are counted in tuple_closure_excluded, and a kind with any is answered by walking the graph.
-- Both tables change in the transaction of every tuple write (sql-closure-index.ts).
CREATE TABLE tuple_closure (
  store          text COLLATE "C" NOT NULL,
  object_type    text COLLATE "C" NOT NULL,
  relation       text COLLATE "C" NOT NULL,
  user_relation  text COLLATE "C" NOT NULL,
  from_id        text COLLATE "C" NOT NULL,
  to_id          text COLLATE "C" NOT NULL,
  PRIMARY KEY (store, object_type, relation, user_relation, from_id, to_id)
);
-- "Which starts reach b": the sources a delete or an insert at b affects.
CREATE INDEX tuple_closure_to_idx ON tuple_closure (store, object_type, relation, user_relation, to_id);

CREATE TABLE tuple_closure_excluded (
  store          text COLLATE "C" NOT NULL,
  object_type    text COLLATE "C" NOT NULL,
  relation       text COLLATE "C" NOT NULL,
  user_relation  text COLLATE "C" NOT NULL,
  excluded       bigint NOT NULL,
  PRIMARY KEY (store, object_type, relation, user_relation)
);

-- Tuples written before this migration: the closure of every store, as `relata index rebuild` builds it.
INSERT INTO tuple_closure_excluded (store, object_type, relation, user_relation, excluded)
SELECT store, object_type, relation, user_relation, count(*) FROM tuple
WHERE user_type = object_type AND (user_relation = '' OR user_relation = relation)
  AND (condition_name IS NOT NULL OR expires_at IS NOT NULL OR user_id = '*')
GROUP BY store, object_type, relation, user_relation;

INSERT INTO tuple_closure (store, object_type, relation, user_relation, from_id, to_id)
WITH RECURSIVE edge AS (
  SELECT store, object_type, relation, user_relation, object_id AS from_id, user_id AS to_id FROM tuple
  WHERE user_type = object_type AND (user_relation = '' OR user_relation = relation)
    AND condition_name IS NULL AND expires_at IS NULL AND user_id <> '*'
), walk AS (
  SELECT * FROM edge
  UNION
  SELECT w.store, w.object_type, w.relation, w.user_relation, w.from_id, e.to_id FROM walk w
  JOIN edge e ON e.store = w.store AND e.object_type = w.object_type AND e.relation = w.relation
    AND e.user_relation = w.user_relation AND e.from_id = w.to_id
)
SELECT * FROM walk;
