-- 0009: what a draft may say back to someone, kept apart from what the user writes for
-- themselves. An interaction's topic (`kith log --topic "the Postgres migration"`) and what
-- stood out about someone met at an event (`kith met --about "her talk on CRDTs"`, on the
-- attendee row) may be quoted in drafts; an interaction's summary and notes, "how we met" and
-- every note stay the user's own and are never quoted.
ALTER TABLE interaction ADD COLUMN topic TEXT;
ALTER TABLE attendee ADD COLUMN about TEXT;
