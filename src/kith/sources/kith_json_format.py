"""The Kith JSON document's name, version and sections: what the export writes and the reader
(kith_json) expects, in a module light enough for the export not to import the reader."""

from __future__ import annotations

FORMAT = "kith"
VERSION = 1
SECTIONS = (
    "settings",
    "people",
    "events",
    "interactions",
    "links",
    "relationships",
    "referrals",
    "introductions",
    "follow_ups",
    "articles",
    "wants",
    "plan_skips",
)
