"""The week's gift from inputs prepared at the end of an import (issue 15): the same
introductions, scored to the same floats, as `suggest(week_s=True)` working everything out, over
weeks of needs, offers, interests, people, links and introductions changing in between; inputs
made before a change are not read after it."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from kith.cli.main import cli
from kith.relate.intros import upper_bound
from kith.services.mesh import gift_choice, gift_inputs, intros, pairing
from kith.services.mesh.intros import suggest
from kith.services.ties.layers import keep_current
from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.week import gift
from tests.conftest import NOW, Kith
from tests.migration_support import STAMP, one_contact_at

ZONE = NOW.tzinfo
assert ZONE is not None
# Phrases the demo's needs and offers speak of, some written otherwise (case, plural, words).
NEEDS = [
    "ux research",
    "UX Research",
    "rust mentoring",
    "beta testers",
    "cloud cost reviews",
    "hiring a data engineer",
    "looking for a data role",
    "raising a seed round",
    "design review",
]
OFFERS = [
    "ux research",
    "Rust mentoring",
    "beta testers",
    "cloud cost review",
    "data engineering hires",
    "angel investing",
    "design reviews",
    "legal advice",
]
INTERESTS = ["jazz", "Jazz music", "climbing", "bouldering", "sourdough", "chess", "go"]


def run(db: Path, when: datetime, *args: str) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(db), "--now", when.isoformat(), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output


def names(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT display_name FROM person WHERE kind = 'contact' AND archived = 0 ORDER BY id"
        ).fetchall()
    return [str(name) for (name,) in rows]


def name_of(db: Path, person: int) -> str:
    with sqlite3.connect(db) as connection:
        row = connection.execute("SELECT display_name FROM person WHERE id = ?", (person,))
        return str(row.fetchone()[0])


def change(db: Path, when: datetime, rng: random.Random, week: int) -> None:
    """One change of what the gift is chosen from, at random."""
    people = names(db)
    who, other = rng.sample(people, 2)
    what = rng.choice(
        ["need", "offer", "interest", "remove", "add", "log", "knows", "archive", "intro"]
    )
    if what in ("need", "offer", "interest"):
        phrases = {"need": NEEDS, "offer": OFFERS, "interest": INTERESTS}[what]
        run(db, when, what, who, rng.choice(phrases))
    elif what == "remove":
        with sqlite3.connect(db) as connection:
            row = connection.execute(
                "SELECT p.display_name, f.kind, f.text FROM facet f JOIN person p "
                "ON p.id = f.person_id WHERE p.archived = 0 AND p.kind = 'contact' "
                "ORDER BY f.id LIMIT 1 OFFSET ?",
                (rng.randrange(50),),
            ).fetchone()
        if row:
            run(db, when, row[1], row[0], row[2], "--remove")
    elif what == "add":
        name = f"Newcomer {week}-{rng.randrange(1000)}"
        run(db, when, "add", name)
        run(db, when, "log", name, who, "dinner", "-c", "in_person", "-w", when.date().isoformat())
        run(db, when, "need", name, rng.choice(NEEDS))
        run(db, when, "offer", name, rng.choice(OFFERS))
    elif what == "log":
        run(db, when, "log", who, other, "a long lunch", "-c", "in_person")
    elif what == "knows":
        run(db, when, "knows", who, other)
    elif what == "archive":
        run(db, when, "archive", who)
    else:
        run(db, when, "intro", who, other)


def same_as_suggest(db: Path, when: datetime) -> list[tuple[int, int]]:
    """The gift's scored introductions compared with suggest's, which prepares nothing."""
    store = open_store(db)
    try:
        expected = [s.scored for s in suggest(store, when, ZONE, week_s=True).found]
        found = gift_choice.best(store, when, ZONE)
        gifted = gift_choice.choose(store, when, ZONE)
        with store.reading():
            warm = intros.warm_strengths(store, when, ZONE)
            pairs = intros._candidates(pairing.facets_of(store.introductions.facets()), warm)
            week = gift_choice.Week(gift_inputs.read(store), *gift_choice.arrays(warm))
    finally:
        store.close()
    u, v = week.candidates()
    assert list(zip(u.tolist(), v.tolist(), strict=True)) == [(p.u, p.v) for p in pairs]
    bounds = [upper_bound(p, warm[p.u], warm[p.v]) for p in pairs]
    assert week.bounds(u, v).tolist() == bounds
    assert [week.pair(p.u, p.v) for p in pairs] == pairs
    assert found == expected
    needs = [s for s in expected if s.pair.kind != "structural"]
    assert (gifted.scored if gifted else None) == (needs[0] if needs else None)
    return [(s.pair.u, s.pair.v) for s in found]


def prepared(db: Path) -> bool:
    """Whether inputs kept are current (the gift reads them rather than making them)."""
    with sqlite3.connect(db) as connection:
        return gift.kept(connection, gift_inputs.NAME, gift.stamp(connection)) is not None


def test_over_twelve_weeks_of_changes_the_gift_is_the_one_suggest_works_out(
    demo: Kith, db_path: Path
) -> None:
    rng = random.Random(15)
    chosen, read_kept = [], 0
    people = names(db_path)
    for who in rng.sample(people, 40):  # phrases with more holders than are paired
        run(db_path, NOW, "need", who, rng.choice(NEEDS[:3]))
        run(db_path, NOW, "offer", who, rng.choice(OFFERS[:3]))
    for week in range(12):
        when = NOW + timedelta(days=7 * week, hours=rng.randrange(48))
        for _ in range(rng.randrange(1, 5)):
            change(db_path, when, rng, week)
        if rng.random() < 0.7:  # an import at the end of the changes prepares the inputs
            store = open_store(db_path)
            gift_inputs.keep(store)
            store.close()
            if rng.random() < 0.3:  # and something changes after it
                change(db_path, when, rng, week)
        store = open_store(db_path)
        keep_current(store, when)  # the week's step: S of the week stored
        store.close()
        read_kept += prepared(db_path)
        chosen.append(same_as_suggest(db_path, when))
        if chosen[-1] and rng.random() < 0.6:  # the gift taken up: begun, or one of them gone
            a, b = (name_of(db_path, p) for p in chosen[-1][0])
            run(db_path, when, *(["intro", a, b] if rng.random() < 0.5 else ["archive", a]))
    assert read_kept >= 4  # the kept inputs were read in some weeks
    assert read_kept < 12  # and made again after a change in others
    assert len({pairs[0] for pairs in chosen if pairs}) >= 3  # the gift moved over the weeks


def test_the_import_prepares_the_inputs_a_need_makes_them_stale_and_the_next_gift_keeps_them(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bench Week\r\nEND:VCARD\r\n")
    assert not prepared(db_path)
    assert demo("import", str(card)).exit_code == 0
    assert prepared(db_path)
    assert demo("need", "Bench Week", "ux research").exit_code == 0
    assert not prepared(db_path)
    same_as_suggest(db_path, NOW)
    run(db_path, NOW + timedelta(days=7), "plan")  # the next week's gift keeps them again
    assert prepared(db_path)


def test_the_kept_inputs_read_back_are_the_inputs_made(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        with store.reading():
            made = gift_inputs.make(store)
        back = gift_inputs.unpack(gift_inputs.pack(made))
    finally:
        store.close()
    assert back.line == made.line > 0
    assert back.texts == made.texts
    assert back.phrases == made.phrases
    for one, other in zip(back.network.arrays(), made.network.arrays(), strict=True):
        assert np.array_equal(one, other)
    for name in ("circle_people", "circle_ids", "phrase_of", "person", "kind", "text"):
        assert np.array_equal(getattr(back, name), getattr(made, name))
    for name in ("meets", "answers", "shared"):
        assert np.array_equal(getattr(back, name).keys, getattr(made, name).keys)
        assert np.array_equal(getattr(back, name).scores, getattr(made, name).scores)
    assert len(made.meets.keys) > 5


def test_migration_34_counts_changes_to_the_facets_from_the_version_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = one_contact_at(path, 32, "Ada")
    connection.execute(
        "INSERT INTO facet (person_id, kind, text, created_at) VALUES (1, 'need', 'a', ?)",
        (STAMP,),
    )
    migrations.migrate(connection, path, APPLICATION_ID)
    before = gift.stamp(connection)
    assert before.endswith("/0")
    connection.execute(
        "INSERT INTO facet (person_id, kind, text, created_at) VALUES (1, 'offer', 'b', ?)",
        (STAMP,),
    )
    connection.execute("UPDATE facet SET text = 'c' WHERE kind = 'need'")
    connection.execute("DELETE FROM facet WHERE kind = 'offer'")
    assert gift.stamp(connection) == before.replace("/0", "/3")
    gift.keep(connection, "inputs", gift.stamp(connection), b"kept")
    assert gift.kept(connection, "inputs", gift.stamp(connection)) == b"kept"
    assert gift.kept(connection, "inputs", before) is None
    connection.close()
