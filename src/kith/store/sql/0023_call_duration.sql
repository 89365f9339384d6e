-- 0023: a call's length in seconds (chat imports: SMS Backup & Restore's calls-*.xml, Telegram,
-- Messenger), on the interaction and on a one-way correspondent's kept message, so that a
-- promotion logs it too. NULL for everything that is not a call, and for calls whose length is
-- not known (logged by hand, or imported before this migration: their summary says it). The
-- length is shown, not weighed (docs/science.md). The seen message also keeps the text a chat
-- import was asked to keep (`kith import --keep-text`), for the same reason.

ALTER TABLE interaction ADD COLUMN duration INTEGER CHECK (duration IS NULL OR duration >= 0);
ALTER TABLE seen_message ADD COLUMN duration INTEGER;
ALTER TABLE seen_message ADD COLUMN notes TEXT;
