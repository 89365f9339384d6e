"""The week's first command writes the weekly step (thousands of pages) and then the week: with
checkpoints deferred (Store.checkpoints_deferred, around services/week/plan.this_week) its
commits copy nothing back from the WAL, which the next commit or the close then does once,
instead of the step's COMMIT doing it (two fsyncs) and the next write starting the WAL again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kith.store import Store, open_store
from tests.conftest import NOW_TEXT
from tests.test_web_checkpoints import in_the_file

# 1,200 rows of 3,000 bytes: more pages than SQLite's autocheckpoint lets a WAL hold
MANY_PAGES = """
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 1200)
INSERT INTO meta (key, value) SELECT 'bulk.' || n, printf('%3000d', n) FROM k"""


@contextmanager
def reopened(db: Path) -> Iterator[Store]:
    """A store on a new file made by a store closed first (its WAL gone)."""
    open_store(db).close()
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def automatic(store: Store) -> int:
    return int(store.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def person(store: Store, n: int) -> None:
    with store.transaction():
        store.people.insert(
            uid=f"uid-{n}", name=f"Person {n}", name_key=f"person {n}", now=NOW_TEXT
        )


def person_then_many_pages(store: Store) -> None:
    person(store, 1)
    with store.transaction():
        store.connection.execute(MANY_PAGES)


def test_commits_with_checkpoints_deferred_copy_nothing_back_until_the_next_commit_after(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kith.db"
    with reopened(db) as store:
        with store.checkpoints_deferred():
            inside = automatic(store)
            person_then_many_pages(store)
            during = in_the_file(db)
        after = automatic(store)
        person(store, 2)  # the WAL holds more than 1,000 pages: this commit copies them back
        then = in_the_file(db)
    assert (inside, during, after, then) == (0, 0, 1000, 2)


def test_without_them_deferred_the_big_commit_copies_back_what_came_before_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kith.db"
    with reopened(db) as store:
        person_then_many_pages(store)
        during = in_the_file(db)
    assert during == 1


def test_a_setting_of_the_connections_own_is_kept_through_the_block(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    with reopened(db) as store:
        store.connection.execute("PRAGMA wal_autocheckpoint = 0")  # as checkpoint_aside sets it
        with store.checkpoints_deferred():
            person(store, 1)
        kept = automatic(store)
    assert (kept, in_the_file(db)) == (0, 1)
