"""The week's gift chosen from prepared inputs (services/mesh/gift_inputs.py) and the week's S:
the same introduction `services/mesh/intros.suggest(week_s=True)` puts first among those that
meet a need, worked out on arrays. Candidates are the pairs of the warmest holders of matching
phrases (intros.HOLDERS), the most each could score counted for all of them at once from the
phrase tables; only the pairs looked at in order of that bound are made into `Pair`s and scored
exactly (relate.intros), as `suggest` does, to the same floats and in the same order."""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import datetime, tzinfo

import numpy as np
from numpy.typing import NDArray

from kith.clock import to_utc_text
from kith.relate import intros as science
from kith.relate import matching
from kith.relate.intros import Need, Pair, Scored
from kith.services.mesh import gift_ahead, intros, pairing
from kith.services.mesh.gift_inputs import KINDS, Inputs, Table, read
from kith.services.ties.layer_replay import latest_monday
from kith.store import Store
from kith.store.week.week_strength import stored_arrays_at_least

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
SHIFT = 32


def choose(store: Store, now: datetime, zone: tzinfo) -> intros.Suggestion | None:
    """The week's gift: the best introduction that meets a need, or None."""
    return first_gift(store, best(store, now, zone, first=True))


def first_gift(store: Store, scored: list[Scored]) -> intros.Suggestion | None:
    """The first of `scored` that meets a need, as a suggestion; None when none does."""
    found = [s for s in scored if s.pair.kind != "structural"]
    if not found:
        return None
    with store.reading():
        heads = {h.id: h for h in store.people.heads([found[0].pair.u, found[0].pair.v])}
    return intros.suggestion(found[0], heads)


def best(store: Store, now: datetime, zone: tzinfo, first: bool = False) -> list[Scored]:
    """This week's introductions as `suggest(week_s=True)` scores and chooses them, best
    first (structural ones too); with `first`, only as far as `first_gift` reads them."""
    with store.reading():
        instant = to_utc_text(latest_monday(now, zone))
        stored = stored_arrays_at_least(store.connection, instant, science.WARM_ENOUGH)
        warm = stored or arrays(intros.warm_strengths(store, now, zone))
        inputs = read(store)
        taken, room = gift_ahead.terms(store, now, zone)
    return Week(inputs, *warm).best(taken, room, first)


def best_with(
    store: Store,
    warm: tuple[Ints, Floats],
    taken: set[tuple[int, int]],
    room: int,
    first: bool = False,
) -> list[Scored]:
    """`best` with the week's S given (people ascending, their S), the introductions left out
    and the room left in the week."""
    with store.reading():
        inputs = read(store)
    return Week(inputs, *warm).best(taken, room, first)


def arrays(warm: dict[int, float]) -> tuple[Ints, Floats]:
    """S by person as (people ascending, their S)."""
    ids = np.fromiter(warm, np.int64, len(warm))
    order = np.argsort(ids)
    return ids[order], np.fromiter(warm.values(), np.float64, len(warm))[order]


class Week:
    """The inputs with the week's S: the candidates, what each could score, the best."""

    def __init__(self, inputs: Inputs, ids: Ints, s: Floats) -> None:
        """`ids` (ascending) are those warm enough, `s` their S of the week."""
        self.inputs = inputs
        self.ids, self.s = ids, s
        self.phrase = inputs.phrase_of[inputs.text]
        self.text_of, self.phrase_of = inputs.text.tolist(), self.phrase.tolist()
        # each person's facet rows of each kind, in the facets' order
        self.lists = [_Lists.of(inputs.person, inputs.kind == k) for k in range(len(KINDS))]
        self.tables = {
            name: dict(zip(t.keys.tolist(), t.scores.tolist(), strict=True))
            for name, t in (("meets", inputs.meets), ("answers", inputs.answers))
        }
        self.tables["shared"] = dict(
            zip(inputs.shared.keys.tolist(), inputs.shared.scores.tolist(), strict=True)
        )

    def best(self, taken: set[tuple[int, int]], room: int, first: bool = False) -> list[Scored]:
        """intros._best over intros._candidates less those `taken`: the pairs scored exactly in
        order of their bound until no pair left could enter the best KEEP_LOOKING. With
        `first`, also until the first of the chosen that meets a need (`first_gift`'s) scores
        above every pair left: none of them could come before it, so what is chosen up to it
        stays (what comes after may not)."""
        u, v = self.candidates()
        if taken:
            gone = np.array(sorted(a << SHIFT | b for a, b in taken), np.int64)
            fresh = ~_within(u << SHIFT | v, gone)
            u, v = u[fresh], v[fresh]
        if room == 0 or not len(u):
            return []
        network, line = self.inputs.network, self.inputs.line
        m_u, m_v, interest = self.parts(u, v)
        s_u, s_v = self.strength(u), self.strength(v)
        bound = _bounds(m_u, m_v, interest, s_u, s_v)
        order = np.argsort(-bound, kind="stable")
        knows = network.knows_many(u, v)
        s_us, s_vs = s_u.tolist(), s_v.tolist()  # both warm: their S of the week
        scored: list[Scored] = []
        ranks: list[float] = []
        for k in order.tolist():
            most = float(bound[k])
            if len(scored) >= intros.KEEP_LOOKING and most < scored[intros.KEEP_LOOKING - 1].score:
                break
            if first and scored and most < scored[0].score and _first_settled(scored, room, most):
                break
            if most <= 0 or knows[k]:
                continue
            a, b = int(u[k]), int(v[k])
            overlap = network.overlap(a, b)
            if line > 0 and overlap.ra > line:
                continue  # probably know each other already
            same = self.same_circle(a, b)
            s_a, s_b = s_us[k], s_vs[k]
            light = _light(a, b, float(m_u[k]), float(m_v[k]), float(interest[k]))
            found = science.score_from(light, s_a, s_b, overlap, line, same)
            at = bisect.bisect_right(ranks, -found.score)  # after equal scores, as a stable sort
            ranks.insert(at, -found.score)
            scored.insert(at, found)
        chosen = science.chosen(scored, room, science.STRUCTURAL_PER_WEEK)
        return [replace(s, pair=self.pair(s.pair.u, s.pair.v)) for s in chosen]

    def same_circle(self, a: int, b: int) -> bool:
        """intros.Circled.same_circle: by the stored circles, else an organisation now."""
        people, circles = self.inputs.circle_people, self.inputs.circle_ids
        if not len(people):
            return self.inputs.network.same_org(a, b)
        i, j = np.searchsorted(people, [a, b]).tolist()
        if i < len(people) and people[i] == a and j < len(people) and people[j] == b:
            return bool(circles[i] == circles[j])
        return self.inputs.network.same_org(a, b)

    def strength(self, people: Ints) -> Floats:
        """Each one's S of the week, 0 when not warm."""
        if not len(self.ids):
            return np.zeros(len(people))
        at = np.searchsorted(self.ids, people).clip(0, len(self.ids) - 1)
        return np.where(self.ids[at] == people, self.s[at], 0.0)

    def candidates(self) -> tuple[Ints, Ints]:
        """intros._candidates' pairs (u < v), ascending: the warmest HOLDERS of each phrase
        paired across the phrases that match."""
        inputs = self.inputs
        s = self.strength(inputs.person)
        rows = np.flatnonzero(s > 0)
        kind, phrase, person = inputs.kind[rows], self.phrase[rows], inputs.person[rows]
        order = np.lexsort((person, -s[rows], phrase, kind))
        group, person = (kind << SHIFT | phrase)[order], person[order]
        first = np.flatnonzero(_starts(group))
        size = np.diff(np.append(first, len(group)))
        most = np.array([intros.HOLDERS[k] for k in KINDS], np.int64)
        kept = np.arange(len(group)) - np.repeat(first, size) < most[group >> SHIFT]
        group, person = group[kept], person[kept]
        first = np.flatnonzero(_starts(group))
        keys, size = group[first], np.diff(np.append(first, len(group)))
        pairs = []
        for (left_kind, right_kind), table, least in (
            ((0, 1), inputs.meets, matching.MATCH),
            ((0, 0), inputs.answers, matching.MATCH),
            ((2, 2), inputs.shared, science.INTEREST_MATCH),
        ):
            use = table.scores >= least
            a = _index(keys, left_kind << SHIFT | table.keys[use] >> SHIFT)
            b = _index(keys, right_kind << SHIFT | table.keys[use] & LOW)
            there = (a >= 0) & (b >= 0)
            a, b = a[there], b[there]
            match, i, j = _cross(size[a], size[b])
            one, other = person[first[a][match] + i], person[first[b][match] + j]
            differ = one != other
            one, other = one[differ], other[differ]
            pairs.append(np.minimum(one, other) << SHIFT | np.maximum(one, other))
        found = _unique(np.concatenate(pairs))
        return found >> SHIFT, found & LOW

    def parts(self, u: Ints, v: Ints) -> tuple[Floats, Floats, Floats]:
        """For each pair, the score of u's best need met (0: none), v's, and of the interest
        they share (0: none), on arrays."""
        needs, offers, interests = self.lists
        meets, answers, shared = self.inputs.meets, self.inputs.answers, self.inputs.shared
        m_u = np.maximum(
            self._cross_best(needs, u, offers, v, meets),
            self._cross_best(needs, u, needs, v, answers),
        )
        m_v = np.maximum(
            self._cross_best(needs, v, offers, u, meets),
            self._cross_best(needs, v, needs, u, answers),
        )
        interest = self._cross_best(interests, u, interests, v, shared)
        return m_u, m_v, np.where(interest >= science.INTEREST_MATCH, interest, 0.0)

    def bounds(self, u: Ints, v: Ints) -> Floats:
        """The most each pair can score (relate.intros.upper_bound)."""
        return _bounds(*self.parts(u, v), self.strength(u), self.strength(v))

    def _cross_best(self, left: _Lists, u: Ints, right: _Lists, v: Ints, table: Table) -> Floats:
        """For each pair, the best score of u's phrases (left) against v's (right) that is a
        match (relate.matching.MATCH), else 0."""
        a_start, a_size = left.spans(u)
        b_start, b_size = right.spans(v)
        match, i, j = _cross(a_size, b_size)
        one = self.phrase[left.rows[a_start[match] + i]]
        other = self.phrase[right.rows[b_start[match] + j]]
        key = one << SHIFT | other
        at = np.searchsorted(table.keys, key).clip(0, max(len(table.keys) - 1, 0))
        hit = (table.keys[at] == key) if len(table.keys) else np.zeros(len(key), bool)
        score = np.where(hit, table.scores[at] if len(table.keys) else 0.0, 0.0)
        score = np.where(score >= matching.MATCH, score, 0.0)
        found = np.zeros(len(u))
        np.maximum.at(found, match, score)
        return found

    def pair(self, u: int, v: int) -> Pair:
        """The pair with its texts, as pairing.pair_of makes it."""
        found = self._best_of(self._texts(2, u), self._texts(2, v), "shared")
        interest = found if found and found[2] >= science.INTEREST_MATCH else None
        return Pair(
            u,
            v,
            self._gets(u, v),
            self._gets(v, u),
            interest[0] if interest else None,
            interest[2] if interest else 0.0,
        )

    def _texts(self, kind: int, person: int) -> list[tuple[str, int]]:
        """The person's facets of this kind as (text, phrase), in the facets' order."""
        texts, text, phrase = self.inputs.texts, self.text_of, self.phrase_of
        return [(texts[text[r]], phrase[r]) for r in self.lists[kind].row(person)]

    def _gets(self, u: int, v: int) -> Need | None:
        """pairing.gets: u's best need met by v's offers, or answered by v's needs."""
        needs = self._texts(0, u)
        met = self._best_of(needs, self._texts(1, v), "meets")
        answered = self._best_of(needs, self._texts(0, v), "answers")
        if answered and (met is None or answered[2] > met[2]):
            return Need(answered[0], answered[1], answered[2], answering=True)
        return Need(*met) if met else None

    def _best_of(
        self, lefts: list[tuple[str, int]], rights: list[tuple[str, int]], table: str
    ) -> tuple[str, str, float] | None:
        """pairing.best_of over the phrase pairs' kept scores (`table`)."""
        scores = self.tables[table]
        return pairing.best_of(
            (left, right, scores.get(one << SHIFT | other, 0.0))
            for left, one in lefts
            for right, other in rights
        )


def _bounds(m_u: Floats, m_v: Floats, interest: Floats, s_u: Floats, s_v: Floats) -> Floats:
    """The most each pair can score from its parts (`Week.parts`) and both sides' S."""
    with np.errstate(divide="ignore", invalid="ignore"):
        both = 2 * m_u * m_v / (m_u + m_v)
    c = np.where((m_u > 0) & (m_v > 0), both, science.FAVOUR * np.maximum(m_u, m_v))
    base = np.where(c != 0, c, science.STRUCTURAL * interest)
    result: Floats = base * np.sqrt(np.minimum(s_u, s_v))
    return result


def _first_settled(scored: list[Scored], room: int, most: float) -> bool:
    """Whether the first of those chosen from `scored` that meets a need scores above `most`
    (the bound of every pair not yet scored)."""
    chosen = science.chosen(scored, room, science.STRUCTURAL_PER_WEEK)
    found = next((s for s in chosen if s.pair.kind != "structural"), None)
    return found is not None and most < found.score


def _light(u: int, v: int, m_u: float, m_v: float, interest: float) -> Pair:
    """A pair with what scores it but not its texts (made only for the chosen): the scores of
    each side's best need met and of their shared interest."""
    return Pair(
        u,
        v,
        Need("", "", m_u) if m_u > 0 else None,
        Need("", "", m_v) if m_v > 0 else None,
        "" if interest > 0 else None,
        interest,
    )


class _Lists:
    """Each person's facet rows of one kind, in the facets' order, as compressed rows."""

    def __init__(self, people: Ints, start: Ints, rows: Ints) -> None:
        self.people, self.start, self.rows = people, start, rows
        self._found: tuple[list[int], list[int], list[int]] | None = None

    @classmethod
    def of(cls, person: Ints, chosen: NDArray[np.bool_]) -> _Lists:
        rows = np.flatnonzero(chosen)
        rows = rows[np.argsort(person[rows], kind="stable")]
        owner = person[rows]
        first = np.flatnonzero(_starts(owner))
        return cls(owner[first], np.append(first, len(rows)).astype(np.int64), rows)

    def spans(self, people: Ints) -> tuple[Ints, Ints]:
        """Where each one's rows start, and how many."""
        i = _index(self.people, people)
        there = i >= 0
        start = np.where(there, self.start[i], 0)
        return start, np.where(there, self.start[i + 1] - self.start[i], 0)

    def row(self, person: int) -> list[int]:
        """The person's rows."""
        if self._found is None:
            self._found = (self.people.tolist(), self.start.tolist(), self.rows.tolist())
        people, start, rows = self._found
        i = bisect.bisect_left(people, person)
        return rows[start[i] : start[i + 1]] if i < len(people) and people[i] == person else []


def _cross(a: Ints, b: Ints) -> tuple[Ints, Ints, Ints]:
    """Every (k, i, j) with i < a[k], j < b[k]: k's cross product, k ascending, i then j."""
    total = a * b
    match = np.repeat(np.arange(len(a)), total)
    k = np.arange(len(match)) - np.repeat(np.cumsum(total) - total, total)
    width = b[match]
    return match, k // np.maximum(width, 1), k % np.maximum(width, 1)


def _index(ordered: Ints, values: Ints) -> Ints:
    """Each value's index in `ordered` (ascending, distinct), -1 when it is not there."""
    if not len(ordered):
        return np.full(len(values), -1, np.int64)
    at = np.searchsorted(ordered, values).clip(0, len(ordered) - 1)
    return np.where(ordered[at] == values, at, -1)


def _within(values: Ints, ordered: Ints) -> NDArray[np.bool_]:
    found: NDArray[np.bool_] = _index(ordered, values) >= 0
    return found


def _starts(ordered: Ints) -> NDArray[np.bool_]:
    return np.concatenate([[True], ordered[1:] != ordered[:-1]]) if len(ordered) else ordered > 0


def _unique(values: Ints) -> Ints:
    ordered = np.sort(values)
    return ordered[_starts(ordered)]


LOW = (1 << SHIFT) - 1
