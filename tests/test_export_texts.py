"""The export's interactions are written as JSON text by SQLite (issue 15): each the very text
Python's encoder writes for the entry, and people's met-through read for many at once."""

from __future__ import annotations

from pathlib import Path

from kith.model import PersonDraft
from kith.services import transfer
from kith.services.people import add_person
from kith.store import Store, open_store
from kith.store.dump import DumpReader
from kith.store.interactions import NewInteraction
from tests.conftest import NOW, Kith

AWKWARD = 'quote " backslash \\ tab \t newline \n bell \x07 accents é 😀 \u2028 </script>'


def entries_both_ways(store: Store) -> tuple[list[str], list[str]]:
    dump = DumpReader(store.connection)
    texts = [text for _, text in dump.interaction_texts(0, 1_000_000) if text is not None]
    python = [
        transfer._line(transfer._interaction(row))
        for row in dump.interactions(0, 1_000_000)
        if row.source_id
    ]
    return texts, python


def test_each_interaction_text_is_what_pythons_encoder_writes(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        texts, python = entries_both_ways(store)
    finally:
        store.close()
    assert len(texts) > 100
    assert texts == python


def test_awkward_text_and_many_participants_are_written_alike(store: Store) -> None:
    with store.transaction():
        ids = [add_person(store, PersonDraft(f"Zoë {n}"), NOW).id for n in range(3)]
        new = NewInteraction(
            "2026-11-01T10:00:00Z", "in_person", "both", "give", AWKWARD, tuple(ids), AWKWARD
        )
        store.interactions.insert(new, "2026-11-22T10:00:00Z")
        keyless = NewInteraction(
            "2026-11-02T10:00:00Z", "email", "out", "checkin", "no key", (ids[0],)
        )
        keyless_id = store.interactions.insert(keyless, "2026-11-22T10:00:00Z")
        store.connection.execute(
            "UPDATE interaction SET source_id = '' WHERE id = ?", (keyless_id,)
        )
    texts, python = entries_both_ways(store)
    assert texts == python
    assert len(texts) == 1
    document = transfer.export_document(store, NOW)
    keys = [entry["source_id"] for entry in document["interactions"]]
    assert keys[1].startswith("kith:")
    assert document["interactions"][0]["notes"] == AWKWARD
