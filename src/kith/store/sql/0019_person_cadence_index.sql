-- 0019: the people with a cadence of their own (`kith cadence NAME`), found without reading
-- every person: the settings page and `kith cadence` alone list them (PlanRepo.cadence_overrides).

CREATE INDEX IF NOT EXISTS person_cadence ON person(id) WHERE cadence_days IS NOT NULL;
