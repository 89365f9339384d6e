"""The stored tie rows: kept in step by every write, and equal to what `kith rebuild` writes."""

from __future__ import annotations

import json
from pathlib import Path

from kith.relate.decay import Decayed, decayed_sum
from kith.relate.strength import VOLUME_HALF_LIFE_DAYS
from kith.services.resolve import resolve
from kith.store import Store
from kith.store.rows import instant
from tests.conftest import NOW, Kith

MBOX = """\
From me@example.org Mon Nov  2 09:00:00 2026
From: Me <me@example.org>
To: Ada Lovelace <ada@example.org>, Grace Hopper <grace@example.org>
Date: Mon, 02 Nov 2026 09:00:00 +0000
Message-ID: <plan@example.org>
Subject: the engine plans

Shall we meet?

From ada@example.org Mon Nov  2 11:00:00 2026
From: Ada Lovelace <ada@example.org>
To: Me <me@example.org>
Date: Mon, 02 Nov 2026 11:00:00 +0000
Message-ID: <reply@example.org>
In-Reply-To: <plan@example.org>
Subject: Re: the engine plans

Thursday.

"""


def test_every_write_path_leaves_the_tie_rows_a_rebuild_would_write(
    kith: Kith, store: Store, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    kith("add", "A. Lovelace")
    kith("log", "Ada Lovelace", "tea", "--when", "2026-06-01")
    kith("log", "Ada Lovelace", "Grace", "dinner", "-c", "in_person", "--when", "2026-09-12")
    kith("log", "Grace", "a call", "-c", "call", "-d", "in", "--when", "2026-10-03")
    kith("log", "A. Lovelace", "a letter", "-c", "email", "-d", "out", "--when", "2025-12-24")
    kith("log", "--edit", "1", "coffee, not tea", "--when", "2026-06-02")
    kith("log", "--delete", "3")
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(MBOX, "utf-8")
    assert kith("import", str(mbox), "--me", "me@example.org").exit_code == 0
    assert kith("merge", "Ada Lovelace", "A. Lovelace").exit_code == 0

    written = store.ties.rows()
    assert kith("rebuild").exit_code == 0

    assert store.ties.rows() == written
    assert store.interactions.count() == 5  # four logged, one deleted, two mailed
    ada, grace = resolve(store, "Ada Lovelace"), resolve(store, "Grace")
    assert [row[:2] for row in written] == [  # Ada's first contact came with the merge
        (ada, "2025-12-24T12:00:00Z"),
        (grace, "2026-09-12T12:00:00Z"),
    ]


def test_deleting_someones_only_interaction_removes_their_tie_row(kith: Kith, store: Store) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "tea", "--when", "2026-06-01")
    assert store.ties.count() == 1

    kith("log", "--delete", "1")

    assert store.ties.rows() == []


def test_the_stored_volume_seen_from_now_is_the_direct_sum_over_the_persons_events(
    kith: Kith, store: Store
) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "a letter", "-c", "email", "-d", "out", "--when", "2024-03-01")
    kith("log", "Ada", "Grace", "dinner", "-c", "in_person", "--when", "2025-07-14")
    kith("log", "Ada", "a call", "-c", "call", "-d", "in", "--when", "2026-10-30")
    kith("log", "Ada", "a like", "-c", "social", "-d", "in", "--when", "2026-11-20")
    ada = resolve(store, "Ada")

    row = store.connection.execute(
        "SELECT volume, volume_as_of FROM tie WHERE person_id = ?", (ada,)
    ).fetchone()
    as_of = instant(row[1])
    assert as_of is not None
    stored = Decayed(row[0], as_of, VOLUME_HALF_LIFE_DAYS).at(NOW)

    events = store.ties.events(ada)
    direct = decayed_sum(((e.at, e.w()) for e in events), NOW, VOLUME_HALF_LIFE_DAYS)
    assert len(events) == 4
    assert abs(stored - direct) < 1e-9


def test_rebuild_on_an_empty_database_rebuilds_nothing(kith: Kith) -> None:
    result = kith("rebuild")

    assert result.exit_code == 0
    assert result.output == (
        "Rebuilt from 0 interactions: counters, channels and search rows of 0 people, "
        "0 tie rows, and layers replayed over 0 weekly instants.\n"
    )


def test_rebuild_as_json_says_what_it_recomputed(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "tea", "--when", "2026-06-01")

    result = kith("rebuild", "--json")

    assert json.loads(result.output) == {
        "rebuilt": {"people": 2, "interactions": 1, "ties": 1, "instants": 24}
    }
