"""S and the peaks in narrow tables of their own (issue 15, migration 0044): the state read back
(layer, counters, S_max, peaks, S) is the same rows, bit for bit, as the old layout held them,
for the current state and the prepared one, on the way in and out of the migration."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from kith.store import open_store
from kith.store.week import generation, peaks, strength_blob
from tests.conftest import Kith, undo_migration_44
from tests.test_week_prepared import import_one_card

OLD_LAYOUT = (
    "SELECT person_id, layer, above, below, bound, s_max, peaks, strength FROM {table} "
    "ORDER BY person_id"
)


def hashed(rows: list[tuple[object, ...]]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def new_layout(db_path: Path) -> tuple[str, str, int, int]:
    """The hashes of the state's and the prepared state's rows as 0044 keeps them, how many
    rows the state has and how many of them hold no peaks."""
    with closing(open_store(db_path)) as store:
        rows = store.layers.state()
        prepared = store.layers.state(prepared=True)
        assert [row[0] for row in prepared] != []
        return hashed(rows), hashed(prepared), len(rows), sum(row[6] is None for row in rows)


def test_the_state_read_back_is_the_old_layout_s_rows_before_and_after_migration_44(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)  # the layers current, and the next Monday prepared
    connection = sqlite3.connect(db_path, isolation_level=None)
    for table in ("layer_peaks", "layer_prepared_peaks"):  # rows whose peaks are all 0
        held = peaks.read(connection, table)[0].tolist()
        peaks.put(connection, table, [(person, None) for person in held if person % 7 == 3])
    connection.close()
    state, prepared, count, without_peaks = new_layout(db_path)
    assert count > 100
    assert 0 < without_peaks < count  # some rows hold no peaks (NULL in the old layout)
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("DELETE FROM schema_migration WHERE version >= 44")
    undo_migration_44(connection)  # S and the peaks back in the layer tables, as 0043 had them
    # and the index 0043's keep_prepared gave the spare table, named as a table 0044 makes
    connection.execute("CREATE INDEX layer_prepared_strength ON layer_prepared(strength)")
    connection.execute("PRAGMA user_version = 43")
    old_state = connection.execute(OLD_LAYOUT.format(table="layer_state")).fetchall()
    old_prepared = connection.execute(OLD_LAYOUT.format(table="layer_prepared")).fetchall()
    connection.close()
    assert hashed(old_state) == state
    assert hashed(old_prepared) == prepared
    assert new_layout(db_path) == (state, prepared, count, without_peaks)  # migrated again
    connection = sqlite3.connect(db_path)
    for which in generation.SETS:
        table = generation.tables(which)[0]
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        assert columns == ["person_id", "layer", "above_since", "below_since", "bound", "s_max"]
    connection.close()


def test_a_step_and_a_promotion_keep_the_narrow_tables_row_for_row_with_the_layers(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    for now in ("2026-11-29T10:00", "2026-12-13T10:00"):  # promotes the preparation, then steps
        ran = CliRunner().invoke(cli, ["--db", str(db_path), "--now", now, "today"])
        assert ran.exit_code == 0, ran.output
    connection = sqlite3.connect(db_path)
    for state, strength, held in (generation.tables(which) for which in generation.SETS):
        ids = connection.execute(f"SELECT person_id FROM {state} ORDER BY 1").fetchall()
        blob = connection.execute(f"SELECT ids, strength FROM {strength}").fetchone()
        assert [(pid,) for pid in strength_blob.unpacked(*blob)[0]] == ids
        assert set(peaks.read(connection, held)[0].tolist()) <= {person for (person,) in ids}
    count = generation.named(connection, "SELECT count(*) FROM layer_state")
    assert connection.execute(count).fetchone()[0] > 100
    connection.close()
