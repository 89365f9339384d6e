-- 0009: people met at an event whom the user let go (`kith let-go NAME`): a decision, recorded so
-- that `claim`, `today` and the plan never raise them again; `kith let-go NAME --undo` deletes it.
-- A claim (an interaction outside that event) needs no row: it is in the log already.

CREATE TABLE let_go (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    at        TEXT NOT NULL             -- UTC instant of the decision
) WITHOUT ROWID;
