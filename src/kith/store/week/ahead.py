"""Whether the next Monday's step stands prepared for the layers as they are, read from meta
(and whether anyone was touched since) alone, with no layers module and no numpy: every command
asks it once it has answered, so that a week left with nothing prepared (an edit voided it, a
preparation gave up, a first week after an upgrade) is prepared again aside, and a step
prepared before a log or an edit is patched aside (services/week/week_ahead.py). Also the mark a
preparation leaves when it found nothing it could prepare for those layers (an interaction
later than the next Monday), so that it is tried at most once a week for them."""

from __future__ import annotations

import json
import sqlite3

INSTANT_KEY = "layers.instant"
STALE_KEY = "layers.stale"
# The next Monday's state worked out ahead (layer_prepared, migration 0033): a JSON object
# {"stamp": what it was computed from, "months": the peaks' month ring at that Monday}. Any
# change to what the weekly step reads deletes it (the migration's triggers), as does any write
# of the current state other than its promotion.
PREPARED_KEY = "layers.prepared"
# [instant, zone] of layers a preparation found nothing to prepare for (services/week/week_ahead)
TRIED_KEY = "layers.ahead_tried"

STANDING = (INSTANT_KEY, STALE_KEY, PREPARED_KEY, TRIED_KEY)
STANDING_SQL = "SELECT key, value FROM meta WHERE key IN (?, ?, ?, ?)"


class AheadRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def wanted(self, zone: str) -> bool:
        """Whether a preparation has work: the layers are stale (a replay, then the step),
        current with no step prepared from them in `zone` and none found impossible for them,
        or with one prepared that people touched since (a patch). One read of meta's primary
        key, and of the touched people's first row when a step stands prepared; False before
        any layers exist."""
        found = dict(self.db.execute(STANDING_SQL, STANDING))
        instant = found.get(INSTANT_KEY)
        if instant is None:
            return False
        if STALE_KEY in found:
            return True
        kept = found.get(PREPARED_KEY)
        if kept is not None and _from(json.loads(kept)["stamp"]) == [instant, zone]:
            return self.touched()
        return found.get(TRIED_KEY) != json.dumps([instant, zone])

    def touched(self) -> bool:
        """Whether anyone's tie rows changed since the step was prepared (a log, an edit:
        migrations 0036 and 0039): patched aside, the week's first command need not patch it
        (services/ties/layer_patch works on numpy arrays, whose import alone is most of its
        cost)."""
        found = self.db.execute("SELECT 1 FROM layer_prepared_touched LIMIT 1").fetchone()
        return found is not None

    def tried(self, instant: str, zone: str) -> None:
        """Nothing can be prepared from the layers as of `instant` in `zone` (inside the
        caller's write): no command asks again until they move."""
        self.db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (TRIED_KEY, json.dumps([instant, zone])),
        )


def _from(stamp: str) -> list[str]:
    """The instant and the zone a step was prepared from (store/week/layers.py `stamp`)."""
    start, _target, zone = json.loads(stamp)
    return [start, zone]
