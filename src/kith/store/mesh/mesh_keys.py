"""The mesh's pairwise evidence and the current jobs as numpy arrays, for reading whole on
profile L (213,000 pairs): one integer per row, the contacts picked out of them by id in numpy
rather than by a join per row (a third of the time of `MeshRepo.pair_kinds`)."""

from __future__ import annotations

import sqlite3
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads only when the mesh is read whole
    import numpy as np
    from numpy.typing import NDArray

SHIFT = 32  # a pair's key: a << SHIFT | b (contact ids are far below 2^30)
LOW = (1 << SHIFT) - 1

# Every pair's evidence, as MeshRepo's PAIRS_SQL reads it, one key per row (a < b): negative
# for the user's word that they do not know each other. Either side may not be a contact.
KEYS_SQL = """
SELECT iif(kind = 'not', -(a_id << 32 | b_id), a_id << 32 | b_id) FROM link
UNION ALL SELECT min(a_id, b_id) << 32 | max(a_id, b_id) FROM relationship
UNION ALL SELECT min(referrer_id, referred_id) << 32 | max(referrer_id, referred_id) FROM referral
UNION ALL SELECT min(a_id, b_id) << 32 | max(a_id, b_id) FROM introduction
 WHERE state IN ('introduced', 'followed_up', 'outcome')"""
CONTACTS_SQL = "SELECT id FROM person WHERE kind = 'contact' ORDER BY id"
# Every job: (person << SHIFT | organisation) << 1 | whether it is current.
JOBS_SQL = "SELECT (person_id << 32 | organisation_id) << 1 | (end_day IS NULL) FROM employment"


def pair_keys(db: sqlite3.Connection, contacts: NDArray[np.int64]) -> NDArray[np.int64]:
    """Every pair's evidence between `contacts` (ids, ascending), one signed key per row
    (negative: "not")."""
    import numpy as np

    keys = _column(db, KEYS_SQL)
    ends = np.abs(keys)
    between = _among(ends >> SHIFT, contacts) & _among(ends & LOW, contacts)
    return keys[between]


def contact_ids(db: sqlite3.Connection) -> NDArray[np.int64]:
    """Every contact's id, ascending."""
    return _column(db, CONTACTS_SQL)


def current_jobs(
    db: sqlite3.Connection, contacts: NDArray[np.int64], most: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(people, organisations) of IntroductionRepo.current_jobs(most) between `contacts`, as
    two arrays in (person, organisation) order: each current job at an organisation where at
    most `most` of the contacts ever worked."""
    import numpy as np

    rows = _column(db, JOBS_SQL)
    job, current = rows >> 1, (rows & 1).astype(bool)
    mine = _among(job >> SHIFT, contacts)
    job, current = job[mine], current[mine]
    size = np.bincount(_unique(job) & LOW)  # each organisation's contacts, each once
    now = _unique(job[current])
    now = now[size[now & LOW] <= most]
    return now >> SHIFT, now & LOW


def _column(db: sqlite3.Connection, sql: str) -> NDArray[np.int64]:
    import numpy as np

    return np.fromiter(chain.from_iterable(db.execute(sql)), np.int64)


def _unique(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """The distinct values, ascending, by a sort (numpy's unique hashes, several times slower)."""
    import numpy as np

    ordered = np.sort(values)
    return (
        ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(ordered) else ordered
    )


def _among(ids: NDArray[np.int64], contacts: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which of `ids` are among `contacts`, by a table indexed by id."""
    import numpy as np

    table: NDArray[np.bool_] = np.zeros(int(contacts.max(initial=0)) + 2, bool)
    table[contacts] = True
    among: NDArray[np.bool_] = table[np.minimum(ids, len(table) - 1)]
    return among
