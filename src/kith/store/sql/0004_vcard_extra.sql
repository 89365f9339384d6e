-- 0004: what a vCard held that Kith has no field for (photos, X- properties, ...), kept as the
-- card's own lines (vCard 3.0, one per line) so that exporting the card loses nothing.

ALTER TABLE person ADD COLUMN vcard_extra TEXT;
