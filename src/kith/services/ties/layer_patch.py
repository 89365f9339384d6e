"""The next Monday's prepared step kept valid through changes to tie rows (issue 15): a `kith
log` (or an edit, a delete, an import's writes) names its people in layer_prepared_touched
(migration 0036) instead of voiding the step, as do a person added and a link changed in place
(migration 0039), and before the step is promoted (or prepared again) it is patched for them
here, exactly: people added since are put into the kept ranking first (`_with_new`), and named
people who are no contacts are passed over (the step does not read them).

The step's raw layers are one ranking of everyone with cumulative caps (relate/network
raw_layer_codes), so a change to one person's tie may move the raw layer of anyone ranked after
them. The preparation keeps what that ranking read (`keep_ranking`: each contact's rank keys,
floor, membership and raw layer at the prepared instant); the patch works out the touched
people's S, S_max, last contact, floor and membership at that instant from their tie rows (the
arithmetic of the step, on their rows alone), ranks everyone again from the kept keys, and steps
again (from the current state) everyone whose raw layer moved and everyone touched: every other
row of the prepared state is what the step would leave, as it was. Whatever it cannot show equal
(a person it does not know, a ranking kept with another stamp, kept keys that do not give the
kept raw layers back, S of an untouched person that comes out otherwise) it declines, and the
caller steps or prepares as before."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import datetime, tzinfo

import numpy as np

from kith.relate.network import (
    NO_LAYER,
    Floats,
    Ints,
    Peaks,
    Scores,
    Standings,
    Ties,
    floors,
    ranked,
    raw_layer_codes,
    step,
    strengths,
)
from kith.services.ties.layer_replay import _current_ties, _load, _month, _rows
from kith.store import Store
from kith.store.week.layers import People, StateRow

# the kept ranking's columns and their kinds (aligned with every contact's id, ascending)
RANKING = {
    "ids": np.int64,
    "pinned": np.bool_,
    "s": np.float64,  # S as ranked (strengths().s, before "0 without history")
    "s_max": np.float64,
    "last": np.float64,  # the latest contact, −inf without one
    "floor": np.int64,
    "member": np.bool_,
    "raw": np.int64,
    "order": np.int64,  # the positions in rank order (relate/network.rank_order)
}
# more touched people than this are prepared again whole: the patch reads each one's tie rows
PATCH_LIMIT = 2000


def keep_ranking(store: Store, stamp: str, ties: Ties, peaks: Peaks, target: datetime) -> None:
    """Keep what the prepared step's raw layers at `target` were ranked from (prepare_step's
    `ties` and `peaks`, after its evaluation), with its `stamp`."""
    at = target.timestamp()
    scores = strengths(ties, at)
    ranking = {
        "ids": ties.ids,
        "pinned": np.asarray(ties.pinned, bool),
        "s": scores.s,
        "s_max": peaks.s_max(_month(target)),
        "last": ties.last,
        "floor": floors(scores),
        "member": ties.entry <= at,
    }
    ranking["order"] = _order(ranking)
    ranking["raw"] = raw_layer_codes(ranking["order"], ranking["floor"], ranking["member"])
    store.layers.keep_ranking(stamp, {name: ranking[name] for name in RANKING})


def patch(store: Store, stamp: str, target: datetime, zone: tzinfo, keep: bool = True) -> bool:
    """The prepared state patched for the touched people (inside the caller's transaction);
    False when it cannot be shown exact (nothing is written: the caller steps or prepares).
    `keep`: keep the ranking patched too, for another patch (not when it is promoted now)."""
    touched = store.layers.touched()
    if not touched:
        return True
    if len(touched) > PATCH_LIMIT:
        return False
    ranking = store.layers.ranking(stamp, RANKING)
    if ranking is None:
        return False
    named = store.layers.contacts_among(touched)  # the others are no input of the step
    ranked, current = np.isin(touched, ranking["ids"]), np.isin(touched, named)
    if (ranked & ~current).any():
        return False  # someone the preparation ranked is no longer a contact
    if not named:
        _kept(store, stamp, ranking, keep)
        return True
    ranking = _with_new(ranking, np.asarray(touched)[current & ~ranked].tolist())
    ids = ranking["ids"]
    where = np.searchsorted(ids, named)
    fresh = _Evaluated.of(store, named, target, zone)
    if fresh is None:
        return False
    fresh.rank_into(ranking, where)
    ranking["order"] = _reordered(ranking, where)
    raw = raw_layer_codes(ranking["order"], ranking["floor"], ranking["member"])
    moved = raw != ranking["raw"]
    moved[where] = True
    affected = np.flatnonzero(moved)
    again = _Evaluated.of(store, ids[affected].tolist(), target, zone)
    if again is None:
        return False
    kept = {name: ranking[name][affected] for name in ("s", "s_max")}
    if not (
        np.array_equal(again.scores.s, kept["s"]) and np.array_equal(again.s_max, kept["s_max"])
    ):
        return False  # an untouched person's S at the instant is not what was kept
    rows, gone = again.stepped(raw[affected], target)
    store.layers.patch_prepared(rows, gone)
    ranking["raw"] = raw
    _kept(store, stamp, ranking, keep)
    return True


def _kept(store: Store, stamp: str, ranking: dict[str, np.ndarray], keep: bool) -> None:
    """No one touched any more; `keep`: the ranking kept as patched, for another patch."""
    if keep:
        store.layers.keep_ranking(stamp, ranking)
    else:
        store.layers.forget_touched()


def _with_new(ranking: dict[str, np.ndarray], new: list[int]) -> dict[str, np.ndarray]:
    """The kept ranking with contacts it did not rank (people added since) put in at their ids'
    places, their keys zeros and their raw layer none (the patch ranks them in from their
    inputs), everyone else's positions in the rank order moved along with them."""
    if not new:
        return ranking
    at = np.searchsorted(ranking["ids"], new)
    grown = {
        name: np.insert(column, at, new if name == "ids" else NO_LAYER if name == "raw" else 0)
        for name, column in ranking.items()
        if name != "order"
    }
    placed = at + np.arange(len(new))  # where they are in the grown columns
    moved = np.delete(np.arange(len(grown["ids"])), placed)  # everyone else's new position
    grown["order"] = moved[ranking["order"]]
    return grown


def _order(ranking: dict[str, np.ndarray]) -> Ints:
    """Everyone's positions in rank order, as relate/network.rank_order orders them (pinned
    first, then S, S_max, having a last contact, its recency, id)."""
    keys = ("pinned", "s", "s_max", "last", "ids")
    return ranked(*(ranking[name] for name in keys))


def _reordered(ranking: dict[str, np.ndarray], where: Ints) -> Ints:
    """The kept rank order with the people at `where` taken out and put back where their new
    keys rank (a binary search each, on `_order`'s keys as tuples: ids differ, so the order
    is total and the same as a sort's), not a sort of everyone."""
    pinned, s, s_max, last, ids = (
        ranking[name] for name in ("pinned", "s", "s_max", "last", "ids")
    )

    def key(k: int) -> tuple[bool, float, float, bool, float, int]:
        latest = float(last[k])
        seen = math.isfinite(latest)
        return (
            not bool(pinned[k]),
            -float(s[k]),
            -float(s_max[k]),
            not seen,
            -(latest if seen else 0.0),
            int(ids[k]),
        )

    order = ranking["order"][~np.isin(ranking["order"], where)]
    for k in where.tolist():
        order = np.insert(order, bisect.bisect_left(order, key(k), key=key), k)
    return order


@dataclass(frozen=True)
class _Evaluated:
    """A few people evaluated at the prepared instant as the step evaluates everyone: their
    tie rows as of it, S, and their standings and peaks in the current state with S folded in."""

    people: People
    ties: Ties
    scores: Scores
    standings: Standings
    peaks: Peaks
    s_max: Floats
    at: float

    @classmethod
    def of(
        cls, store: Store, chosen: list[int], target: datetime, zone: tzinfo
    ) -> _Evaluated | None:
        """None when one of them is not a contact the step reads."""
        people = store.layers.people(zone, only=chosen, ties=False)  # entry: _current_ties
        if people.ids.tolist() != chosen:
            return None
        ties = _current_ties(store, people, target, [target], only=True)
        at = target.timestamp()
        scores = strengths(ties, at)
        standings, peaks = _load(store, people, store.layers.stored(only=chosen))
        s_max = peaks.record(_month(target), cls.strength(scores))
        return cls(people, ties, scores, standings, peaks, s_max, at)

    @staticmethod
    def strength(scores: Scores) -> Floats:
        return np.where(scores.has_history, scores.s, 0.0)

    def rank_into(self, ranking: dict[str, np.ndarray], where: Ints) -> None:
        """Their ranking keys written over theirs in `ranking` (at `where`)."""
        ranking["pinned"][where] = self.ties.pinned
        ranking["s"][where] = self.scores.s
        ranking["s_max"][where] = self.s_max
        ranking["last"][where] = self.ties.last
        ranking["floor"][where] = floors(self.scores)
        ranking["member"][where] = self.ties.entry <= self.at

    def stepped(self, raw: Ints, target: datetime) -> tuple[list[StateRow], list[int]]:
        """Their prepared rows, stepped from the current state with these raw layers, and
        those left without one."""
        step(self.standings, raw, self.scores.latent)
        rows = list(
            _rows(self.people, self.standings, self.peaks, [target], self.strength(self.scores))
        )
        gone: list[int] = self.people.ids[self.standings.layer == NO_LAYER].tolist()
        return rows, gone
