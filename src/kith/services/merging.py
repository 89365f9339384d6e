"""One person, many sources: likely duplicates found within blocks, reviewed, merged, unmerged.

Candidates are compared only within blocks (the same organisation, or the same mail domain that
is not a free-mail provider), never all pairs. Every merge keeps a snapshot, so `unmerge` gives
the absorbed person back with their id and UIDs and takes back exactly what they brought.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from kith.clock import to_utc_text
from kith.errors import NotFound, UserError
from kith.model import Person
from kith.names import fold
from kith.store import Store

LIKELY = 90.0  # token-sorted name similarity, 0..100, within a block
BIG_BLOCK = 200  # a block larger than this is split before comparing (see sub_blocks)
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "proton.me",
        "protonmail.com",
        "mail.com",
        "yandex.ru",
        "qq.com",
        "163.com",
    }
)


@dataclass(frozen=True)
class Candidate:
    id: int
    a: Person
    b: Person
    reason: str
    score: float


def merge_people(store: Store, survivor: int, absorbed: int, now: datetime) -> int:
    """Merge `absorbed` into `survivor`; the merge's id (for `kith unmerge`)."""
    _two(survivor, absorbed)
    with store.transaction():
        merge_id = store.merges.merge(survivor, absorbed, to_utc_text(now))
        store.people.delete(absorbed)
        store.merge_queue.resolve_pair(survivor, absorbed)
        _refresh(store, [survivor])
    return merge_id


def would_merge(store: Store, survivor: int, absorbed: int) -> tuple[Person, Person]:
    """The two people `merge_people` would merge, read and changed in nothing (a dry run)."""
    _two(survivor, absorbed)
    with store.reading():
        kept, gone = store.people.get(survivor), store.people.get(absorbed)
    assert kept is not None  # resolved names
    assert gone is not None
    return kept, gone


def _two(survivor: int, absorbed: int) -> None:
    if survivor == absorbed:
        raise UserError("That is the same person twice; name two different people.")


def unmerge(store: Store, merge_id: int, now: datetime) -> tuple[int, int]:
    exists, undone = store.merges.state(merge_id)
    if not exists:
        raise NotFound(f"There is no merge {merge_id}; `kith merges` lists them.")
    if undone:
        raise UserError(f"Merge {merge_id} was already taken back.")
    with store.transaction():
        survivor, restored = store.merges.unmerge(merge_id, to_utc_text(now))
        _refresh(store, [survivor, restored])
    return survivor, restored


def _refresh(store: Store, people: list[int]) -> None:
    store.interactions.recompute(people)
    store.people.refresh_search(people)


def queue(store: Store) -> list[Candidate]:
    found = []
    for candidate_id, a_id, b_id, reason, score in store.merge_queue.open():
        a, b = store.people.get(a_id), store.people.get(b_id)
        if a is not None and b is not None:
            found.append(Candidate(candidate_id, a, b, reason, score))
    return found


def skip(store: Store, candidate_id: int) -> None:
    with store.transaction():
        store.merge_queue.set_state(candidate_id, "skipped")


def suggest(store: Store, people: Iterable[int], stamp: str) -> int:
    """Queue likely duplicates of these people: namesakes, and similar names compared only
    within blocks; how many new."""
    from rapidfuzz import fuzz, process  # 40 ms to import: only imports and merges need it

    touched = set(people)
    queued = sum(  # the same full name: someone an import names as a person already known
        store.merge_queue.add(a, b, "the same name", 100.0, stamp)
        for a, b in store.merge_queue.namesakes(sorted(touched))
    )
    for block, members in store.merge_queue.blocks(FREE_MAIL).items():
        for group in sub_blocks(members):
            for person_id, name, nearby in _compared(group, touched):
                names = [other_name for _, other_name in nearby]
                for _, score, index in process.extract(
                    name, names, scorer=fuzz.token_sort_ratio, score_cutoff=LIKELY, limit=None
                ):
                    other = nearby[index][0]
                    if other != person_id:
                        reason = f"similar names ({score:.0f}), same {block}"
                        queued += store.merge_queue.add(person_id, other, reason, score, stamp)
            store.breathe()  # in an import's sliced write, a slice may end here
    return queued


def _compared(
    group: list[tuple[int, str]], touched: set[int]
) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """Each touched person of the group with those their name is compared to: the whole group,
    or in a group still larger than BIG_BLOCK (thousands of names alike in their first letters)
    the BIG_BLOCK names nearest theirs in token-sorted order, so the work grows linearly."""
    if len(group) < 2:
        return
    if len(group) <= BIG_BLOCK:
        yield from ((pid, name, group) for pid, name in group if pid in touched)
        return
    ordered = sorted(group, key=lambda member: _sort_key(member[1]))
    half = BIG_BLOCK // 2
    for i, (pid, name) in enumerate(ordered):
        if pid in touched:
            yield pid, name, ordered[max(0, i - half) : i + half + 1]


def _sort_key(name: str) -> str:
    return " ".join(sorted(name.split()))


def sub_blocks(members: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A large block (a company domain with thousands) split by the first two letters of the
    token-sorted name, the form the similarity is measured on: names 90% alike almost always
    share them, and comparing all pairs of a large block is quadratic."""
    if len(members) <= BIG_BLOCK:
        return [members]
    groups: dict[str, list[tuple[int, str]]] = {}
    for person_id, name in members:
        key = _sort_key(name)[:2]
        groups.setdefault(key, []).append((person_id, name))
    return list(groups.values())


def queue_conflict(store: Store, owner: int, newcomer: int, identity: str, stamp: str) -> None:
    """An exact identity under names that differ: for a person to decide, never automatic."""
    store.merge_queue.add(owner, newcomer, f"same {identity}, different names", 100.0, stamp)


def names_compatible(a: str, b: str) -> bool:
    return not a.strip() or not b.strip() or fold(a) == fold(b)
