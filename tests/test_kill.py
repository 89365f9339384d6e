"""All-or-nothing in the contract's sense: killing an import leaves none of its changes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from kith.store import open_store
from tests.conftest import NOW_TEXT


def big_export(path: Path, people: int) -> None:
    """A Kith JSON export large enough to take seconds to import."""
    rows = [
        {
            "id": n,
            "uid": f"00000000-0000-4000-8000-{n:012d}",
            "name": f"Person {n}",
            "identities": [
                {
                    "kind": "email",
                    "value": f"p{n}@example.org",
                    "raw": f"p{n}@example.org",
                    "label": None,
                    "shared": False,
                    "verified": True,
                }
            ],
            "tags": [f"t{n % 50}"],
            "notes": [{"kind": "note", "text": f"note {n}", "created_at": "2026-01-01T00:00:00Z"}],
        }
        for n in range(1, people + 1)
    ]
    path.write_text(
        json.dumps(
            {
                "format": "kith",
                "version": 1,
                "schema": 1,
                "exported_at": "2026-11-22T10:00:00Z",
                "people": rows,
            }
        )
    )


def test_killing_an_import_halfway_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db, export = tmp_path / "kith.db", tmp_path / "big.json"
    big_export(export, 20_000)
    store = open_store(db)
    with store.transaction():
        store.meta.set_setting("timezone", "UTC")
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "import", str(export)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2_000_000):
        time.sleep(0.02)  # wait until the import is well under way, writing its transaction
    assert child.poll() is None, "the import finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    store = open_store(db)
    assert (store.people.count(), store.meta.settings()) == (0, {"timezone": "UTC"})
    assert store.connection.execute("SELECT count(*) FROM import_run").fetchone()[0] == 0
    store.close()
