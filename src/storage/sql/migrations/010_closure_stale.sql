-- Bounded closure maintenance (issue 18 follow-up). A write whose maintenance of the closure
-- index would exceed RELATA_CLOSURE_MAX_WORK_PER_WRITE does none of it: it marks the kinds of
-- edge it changed stale instead, and readers answer a stale kind by walking, exactly as they do
-- a kind with excluded edges. Writers skip stale kinds; `relata index rebuild` (which deletes and
-- recounts the store's rows of this table) clears the mark. Writers that do not maintain the
-- index at all (RELATA_CLOSURE_INDEX=off) mark every kind they change stale.
ALTER TABLE tuple_closure_excluded ADD COLUMN stale boolean NOT NULL DEFAULT false;

-- "Which starts reach b" with to_id second: a probe by from_id (the primary key's) can then use
-- this index only through `store`, so the planner takes the primary key for it even before the
-- table has statistics (with 007's column order both indexes matched four columns, it took this
-- one and filtered the kind's whole range on each probe: measured 27 ms a probe on a chain of 60).
-- On a large tuple_closure this build blocks writes while it runs: apply it in a quiet period.
DROP INDEX IF EXISTS tuple_closure_to_idx;
CREATE INDEX tuple_closure_to_idx ON tuple_closure (store, to_id, object_type, relation, user_relation);
