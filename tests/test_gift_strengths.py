"""The week's gift reads S as the weekly step stored it while the layers stand at this week's
instant, and works it out at the instant otherwise."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kith.clock import to_utc_text
from kith.relate.intros import WARM_ENOUGH
from kith.services.mesh.intros import warm_strengths
from kith.services.ties.layer_replay import current_strengths, latest_monday
from kith.services.ties.layers import keep_current
from kith.store import open_store
from kith.store.week import strength_blob
from kith.store.week.week_strength import stored_at_least
from tests.conftest import NOW, Kith

ZONE = NOW.tzinfo
assert ZONE is not None


def test_the_gift_reads_the_stored_s_of_the_week_when_the_layers_are_current(
    demo: Kith, db_path: Path
) -> None:
    store = open_store(db_path)
    keep_current(store, NOW)
    with store.reading():
        stored = dict(strength_blob.at_least(store.connection, WARM_ENOUGH))
        warm = warm_strengths(store, NOW, ZONE)
        at_now = current_strengths(store, NOW, ZONE)
    store.close()
    assert len(stored) > 20
    assert warm == stored
    assert any(at_now[p] != s for p, s in stored.items())  # S at now is not what is read


def test_a_week_later_without_the_step_s_is_worked_out_at_the_instant(
    demo: Kith, db_path: Path
) -> None:
    later = NOW + timedelta(days=7)
    store = open_store(db_path)
    keep_current(store, NOW)
    with store.reading():
        instant = to_utc_text(latest_monday(later, ZONE))
        assert stored_at_least(store.connection, instant, WARM_ENOUGH) is None
        warm = warm_strengths(store, later, ZONE)
        at_later = current_strengths(store, later, ZONE)
    store.close()
    assert warm == {p: s for p, s in at_later.items() if s >= WARM_ENOUGH}


def test_stale_layers_are_not_read(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    keep_current(store, NOW)
    with store.reading():
        instant = to_utc_text(latest_monday(NOW, ZONE))
        assert stored_at_least(store.connection, instant, WARM_ENOUGH) is not None
    store.close()
    assert (
        demo("log", "Yara", "a long lunch", "-c", "coffee", "--when", "2026-10-01").exit_code == 0
    )
    store = open_store(db_path)
    with store.reading():
        assert store.layers.stale()
        assert stored_at_least(store.connection, instant, WARM_ENOUGH) is None
    store.close()
