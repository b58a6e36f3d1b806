-- Bounded closure maintenance (issue 18 follow-up). A write whose maintenance of the closure
-- index would exceed RELATA_CLOSURE_MAX_WORK_PER_WRITE does none of it: it marks the kinds of
-- edge it changed stale instead, and readers answer a stale kind by walking, exactly as they do
-- a kind with excluded edges. Writers skip stale kinds; `relata index rebuild` (which deletes and
-- recounts the store's rows of this table) clears the mark. Writers that do not maintain the
-- index at all (RELATA_CLOSURE_INDEX=off) mark every kind they change stale.
ALTER TABLE tuple_closure_excluded ADD COLUMN stale boolean NOT NULL DEFAULT false;
