-- 0016: results too slow to compute on a page view (`kith report`, the introductions to
-- suggest), computed once and kept, as the weekly plan is. `stale` is 0 while a result is
-- current, 1 once a write changed what it is computed from, 2 while a refresh is computing it
-- (a write meanwhile sets 1 again, so the refresh stores its result as stale). The triggers
-- below mark every result stale on a write to what the report and the suggestions read; the
-- refresh itself writes only tables without them (layer_state, tie, circle, circle_member).
-- A result is also out of date on another day than it was made (services.mesh.stored).
-- IF NOT EXISTS: a file whose version was set back (a test of migration 14) migrates again.
CREATE TABLE IF NOT EXISTS stored_result (
    name    TEXT PRIMARY KEY,               -- 'report' or 'intros'
    made_at TEXT,                           -- the instant it is as of; NULL before the first
    body    TEXT,                           -- JSON; NULL before the first
    stale   INTEGER NOT NULL DEFAULT 1 CHECK (stale IN (0, 1, 2))
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS results_stale_interaction_added AFTER INSERT ON interaction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_interaction_changed AFTER UPDATE ON interaction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_interaction_removed AFTER DELETE ON interaction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_participant_added AFTER INSERT ON participant
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_participant_changed AFTER UPDATE ON participant
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_participant_removed AFTER DELETE ON participant
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_person_added AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_person_changed AFTER UPDATE ON person
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_person_removed AFTER DELETE ON person
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_link_added AFTER INSERT ON link
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_link_changed AFTER UPDATE ON link
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_link_removed AFTER DELETE ON link
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_relationship_added AFTER INSERT ON relationship
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_relationship_removed AFTER DELETE ON relationship
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_referral_added AFTER INSERT ON referral
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_referral_removed AFTER DELETE ON referral
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_introduction_added AFTER INSERT ON introduction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_introduction_changed AFTER UPDATE ON introduction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_introduction_removed AFTER DELETE ON introduction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_facet_added AFTER INSERT ON facet
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_facet_removed AFTER DELETE ON facet
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_employment_added AFTER INSERT ON employment
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_employment_changed AFTER UPDATE ON employment
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_employment_removed AFTER DELETE ON employment
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_setting_changed AFTER UPDATE ON setting
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER IF NOT EXISTS results_stale_setting_added AFTER INSERT ON setting
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
