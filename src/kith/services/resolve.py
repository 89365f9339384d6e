"""Names on the command line → one person, in the order contract.md gives. Never a guess."""

from __future__ import annotations

from datetime import datetime

from kith.errors import Ambiguous, Candidate, NotFound, UserError
from kith.identities import guess_kind, normalise
from kith.names import fold
from kith.store import Store

SUGGESTIONS = 5
SIMILAR = 65  # fuzz.ratio cutoff for suggestions when no trigram is shared


def resolve(store: Store, text: str) -> int:
    """`#ID`, an exact identity, the exact display name, or a unique given/family-name prefix."""
    wanted = text.strip()
    if not wanted:
        raise UserError("A name is empty; give a name, an e-mail, a phone or #ID.")
    if wanted.startswith("#") and wanted[1:].isdigit():
        person_id = int(wanted[1:])
        if person_id < 2**63 and store.people.exists(person_id):  # SQLite's largest id
            return person_id
        raise NotFound(f"No person has the id {wanted}.")
    for candidate_ids in _lookups(store, wanted):
        if len(candidate_ids) == 1:
            return candidate_ids[0]
        if len(candidate_ids) > 1:
            raise Ambiguous(
                f"{wanted!r} matches {len(candidate_ids)} people; say which "
                "with #ID or a fuller name.",
                _candidates(store, candidate_ids),
            )
    if wanted.isdigit() and int(wanted) < 2**63 and store.people.exists(int(wanted)):
        name = store.people.refs([int(wanted)])[int(wanted)].name
        raise NotFound(f"Nobody called {wanted!r}; an id is written with #: #{wanted} is {name}.")
    raise NotFound(f"Nobody called {wanted!r}.", close_names(store, wanted))


def resolve_in_week(store: Store, text: str, now: datetime) -> int:
    """`resolve`, for the plan's verbs and drafts: a name several people share, of whom one is
    an open pick of this week's plan, is still ambiguous (never a guess), and says which #ID
    the plan shows."""
    try:
        return resolve(store, text)
    except Ambiguous as error:
        from kith.services.week.weeks import week_key

        with store.reading():
            picks = store.plan.picks(week_key(now.date()))
        open_ids = {pick.person_id for pick in picks if pick.state == "open"}
        planned = [c for c in error.candidates if c.id in open_ids]
        if len(planned) != 1:
            raise
        named = f"#{planned[0].id} {planned[0].name} is the one in this week's plan."
        raise Ambiguous(f"{error} {named}", error.candidates) from None


def _lookups(store: Store, wanted: str) -> list[list[int]]:
    """Each way of matching, strictest first; evaluated lazily so a hit stops the search."""
    kind = guess_kind(wanted)
    found: list[list[int]] = []
    if kind is not None:
        try:
            value = normalise(kind, wanted, _region(store)).value
        except UserError:
            value = None
        if value is not None:
            ids = store.people.ids_for_identity(kind, value)
            if ids:
                return [ids]
    key = fold(wanted)
    found.append(store.people.ids_for_name_key(key))
    if found[-1]:
        return found
    found.append(store.people.ids_for_word_prefix(key))
    return found


def _region(store: Store) -> str | None:
    return store.meta.setting("phone.default_region")


def _candidates(store: Store, ids: list[int]) -> list[Candidate]:
    refs = store.people.refs(ids)
    return [Candidate(i, refs[i].name) for i in ids if i in refs]


def close_names(store: Store, wanted: str) -> list[Candidate]:
    """Up to five names close to `wanted`: by shared trigrams, else by edit similarity."""
    import difflib  # only when a name is not found: not every read's import

    key = fold(wanted)
    pool = store.people.names_sharing_trigrams(key)
    if not pool:  # always so for fewer than three letters: they make no trigram
        return _similar_names(store, key)
    ranked = sorted(
        pool,
        key=lambda item: (
            -difflib.SequenceMatcher(None, key, fold(item[1])).ratio(),
            item[1],
            item[0],
        ),
    )
    return [Candidate(pid, name) for pid, name in ranked[:SUGGESTIONS]]


def _similar_names(store: Store, key: str) -> list[Candidate]:
    """Names whose folded whole, or one of its words, scores SIMILAR or more by fuzz.ratio.

    Comparing single words too lets "grce" find "grace hopper" (89 against "grace", 50 against
    the whole name); the cutoff admits one typo in three letters ("adx" → "ada", 67) and keeps
    two-letter guesses out ("xu" → "wu", 50).
    """
    from rapidfuzz import fuzz, process  # 40 ms to load; needed only when a name is not found

    names = store.people.all_names()
    owners: list[int] = []
    parts: list[str] = []
    for index, (_, name) in enumerate(names):
        folded = fold(name)
        for part in dict.fromkeys([folded, *folded.split()]):
            owners.append(index)
            parts.append(part)
    best: dict[int, float] = {}
    for _, score, at in process.extract(
        key, parts, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None
    ):
        best[owners[at]] = max(score, best.get(owners[at], 0.0))
    ranked = sorted(best, key=lambda i: (-best[i], names[i][1], names[i][0]))
    return [Candidate(names[i][0], names[i][1]) for i in ranked[:SUGGESTIONS]]


def resolve_many(store: Store, texts: list[str], now: datetime | None = None) -> list[int]:
    """Each name's person, once; with `now`, a name several people share says which of them is
    in this week's plan (`resolve_in_week`)."""
    ids = [
        resolve(store, text) if now is None else resolve_in_week(store, text, now) for text in texts
    ]
    return list(dict.fromkeys(ids))
