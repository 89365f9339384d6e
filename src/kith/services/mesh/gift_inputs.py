"""The week's gift's inputs that do not depend on the week's S, prepared at the end of an import
(services/week/plan.prepare calls `keep`) so that the first `plan` of a week only reads them: the
network as arrays (relate.mesh_known) and its "probably know each other" line, the circles, and
the needs, offers and interests as arrays with which of their phrases match (relate.matching,
each distinct phrase pair once). Kept in one blob with the stamp it was made at (store/week/gift.py:
the network's and the facets' versions); when the stamp moved on, `read` makes them again.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kith.relate import intros, matching
from kith.relate.mesh_known import Known
from kith.services.mesh import network as known
from kith.store import Store
from kith.store.mesh.introductions import FACETS_SQL
from kith.store.week import gift

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
NAME = "inputs"
KINDS = ("need", "offer", "interest")
EDGE_SAMPLE = 300  # services/mesh/intros.py's: the ties whose RA sets the line
CIRCLES_SQL = "SELECT person_id, circle_id FROM circle_member ORDER BY person_id"


@dataclass(frozen=True)
class Table:
    """Phrase pairs that match and how well: keys[i] = left << 32 | right (phrase indices into
    `Inputs.phrases`, folded), ascending; scores[i] at least the least that counts."""

    keys: Ints
    scores: Floats

    def get(self, left: int, right: int) -> float:
        key = left << 32 | right
        i = int(np.searchsorted(self.keys, key))
        return float(self.scores[i]) if i < len(self.keys) and self.keys[i] == key else 0.0


@dataclass(frozen=True)
class Inputs:
    """What the week's gift is chosen from, but the week's S."""

    network: Known
    line: float  # the RA above which two people probably know each other (0: no line)
    circle_people: Ints  # everyone in a stored circle, ascending
    circle_ids: Ints  # their circles
    texts: list[str]  # every distinct facet text as written
    phrases: list[str]  # every distinct folded facet text
    phrase_of: Ints  # text index → phrase index
    person: Ints  # each facet row (by kind, person, then FACETS_SQL's order): whose
    kind: Ints  # its kind (index into KINDS)
    text: Ints  # its text (index into texts)
    meets: Table  # need phrase → offer phrase (matching.meets)
    answers: Table  # need phrase → need phrase (matching.answers)
    shared: Table  # interest phrase ↔ interest phrase, both ways (matching.shared_interest)


def keep(store: Store) -> None:
    """Make the inputs and keep them unless those kept are current (inside no transaction:
    it reads, then writes in its own). Nothing on a file this process cannot write."""
    if store.read_only:
        return
    with store.reading():
        at = gift.stamp(store.connection)
        if gift.current(store.connection, NAME, at):
            return
        made = make(store)
    with store.deriving():
        gift.keep(store.connection, NAME, at, pack(made))


def read(store: Store) -> Inputs:
    """The inputs as kept when current, else made now (inside the caller's read)."""
    data = gift.kept(store.connection, NAME, gift.stamp(store.connection))
    return unpack(data) if data is not None else make(store)


def make(store: Store) -> Inputs:
    """The inputs from the store (inside the caller's read)."""
    db = store.connection
    network = known.read(store)
    line = known.ra_line(network, EDGE_SAMPLE, mesh_quantile=0.95)
    circles = np.array(db.execute(CIRCLES_SQL).fetchall(), np.int64).reshape(-1, 2)
    rows = db.execute(FACETS_SQL).fetchall()
    texts = sorted({str(text) for _, _, text in rows})
    index = {text: i for i, text in enumerate(texts)}
    phrases = sorted({text.casefold() for text in texts})
    phrase_index = {phrase: i for i, phrase in enumerate(phrases)}
    phrase_of = np.array([phrase_index[t.casefold()] for t in texts], np.int64)
    person = np.array([int(p) for p, _, _ in rows], np.int64)
    kind = np.array([KINDS.index(k) for _, k, _ in rows], np.int64)
    text = np.array([index[str(t)] for _, _, t in rows], np.int64)
    by = np.lexsort((person, kind))  # by kind and person, each one's in the query's order
    person, kind, text = person[by], kind[by], text[by]
    of_kind = [sorted({phrases[phrase_of[t]] for t in text[kind == k].tolist()}) for k in (0, 1, 2)]
    needs, offers, interests = ([phrase_index[p] for p in found] for found in of_kind)
    least = min(matching.MATCH, intros.INTEREST_MATCH)
    return Inputs(
        network,
        line,
        circles[:, 0].copy(),
        circles[:, 1].copy(),
        texts,
        phrases,
        phrase_of,
        person,
        kind,
        text,
        _table(phrases, needs, offers, matching.meets, matching.MATCH, both=False),
        _table(phrases, needs, needs, matching.answers, matching.MATCH, both=False),
        _table(phrases, interests, interests, matching.shared_interest, least, both=True),
    )


def _table(
    phrases: list[str],
    left: list[int],
    right: list[int],
    score: Callable[[str, str], float],
    least: float,
    both: bool,
) -> Table:
    """Every (left, right) phrase pair scoring at least `least`; `both`: a symmetric score,
    each unordered pair worked out once and kept both ways."""
    found: dict[int, float] = {}
    for i in left:
        for j in right:
            if both and j < i:
                continue
            value = float(score(phrases[i], phrases[j]))
            if value >= least:
                found[i << 32 | j] = value
                if both:
                    found[j << 32 | i] = value
    keys = np.array(sorted(found), np.int64)
    return Table(keys, np.array([found[int(k)] for k in keys.tolist()], np.float64))


def pack(inputs: Inputs) -> bytes:
    """One blob: a JSON head (the texts, the line, each array's length and type), then the
    arrays' bytes."""
    arrays = [
        *inputs.network.arrays(),
        inputs.circle_people,
        inputs.circle_ids,
        inputs.phrase_of,
        inputs.person,
        inputs.kind,
        inputs.text,
        *(
            part
            for t in (inputs.meets, inputs.answers, inputs.shared)
            for part in (t.keys, t.scores)
        ),
    ]
    arrays = [_narrow(a) for a in arrays]
    head = json.dumps(
        {
            "line": inputs.line,
            "texts": inputs.texts,
            "phrases": inputs.phrases,
            "arrays": [[a.dtype.str, len(a)] for a in arrays],
        }
    ).encode()
    return b"".join([struct.pack("<Q", len(head)), head, *(a.tobytes() for a in arrays)])


def _narrow(values: NDArray[Any]) -> NDArray[Any]:
    """Integers as 32 bits when they fit (ids do): half the blob to read."""
    if values.dtype != np.int64 or not len(values):
        return values
    if values.min() >= -(1 << 31) and values.max() < 1 << 31:
        return values.astype(np.int32)
    return values


def unpack(data: bytes) -> Inputs:
    """The inputs from `pack`'s blob."""
    (size,) = struct.unpack_from("<Q", data)
    head = json.loads(data[8 : 8 + size])
    at, arrays = 8 + size, list[NDArray[Any]]()
    for dtype, length in head["arrays"]:
        found = np.frombuffer(data, dtype, length, at)
        arrays.append(found.astype(np.int64) if found.dtype == np.int32 else found)
        at += found.nbytes
    people, circles, phrase_of, person, kind, text = arrays[11:17]
    return Inputs(
        Known.of_arrays(arrays[:11]),
        float(head["line"]),
        people,
        circles,
        head["texts"],
        head["phrases"],
        phrase_of,
        person,
        kind,
        text,
        *(Table(arrays[i], arrays[i + 1]) for i in (17, 19, 21)),
    )
