"""Introducing two contacts with double opt-in (`kith intro A B`): each step moves the
introduction's state and drafts the next message.

suggested → asked_a → agreed_a → asked_b → agreed_b → introduced → followed_up → outcome, or
declined at any step before the introduction by the side last asked (`declined_by` a or b;
unknown for a decline from before migration 0012), or let go by the user, who stops waiting for
an answer (its own state, `let_go`, since 0045: closed, never nudged). A is always asked first,
and B only after A agreed; every draft names the two people and nothing either told you
(services.week.drafts.between), so neither side's need or circumstances reach the other. A made
introduction (introduced, followed_up, outcome) is a give in both people's ledgers and evidence
that they know each other (store.ledger, store.mesh read the state).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kith.clock import to_utc_text
from kith.errors import NotFound, UsageError, UserError
from kith.model import PersonHead
from kith.services.mesh.pairing import favour
from kith.services.week import drafts
from kith.services.week.drafts import Drafted
from kith.store import Store
from kith.store.mesh.introductions import CLOSED, DECLINED, LET_GO, IntroductionRow

ACTIONS = ("ask", "agreed", "declined", "let_go", "introduced", "followed_up", "outcome")
CLOSING = ("suggested", "asked_a", "agreed_a", "asked_b", "agreed_b")  # may be declined or let go
# (state, action) → the new state; a missing pair is not a step from that state.
MOVES = {
    ("suggested", "ask"): "asked_a",
    ("agreed_a", "ask"): "asked_b",
    ("asked_a", "agreed"): "agreed_a",
    ("asked_b", "agreed"): "agreed_b",
    **{(state, "declined"): DECLINED for state in CLOSING},
    **{(state, "let_go"): LET_GO for state in CLOSING},
    ("agreed_b", "introduced"): "introduced",
    ("introduced", "followed_up"): "followed_up",
    ("introduced", "outcome"): "outcome",
    ("followed_up", "outcome"): "outcome",
}
# Your word that two people know each other (`kith knows A B`, `--well`).
KNOWN_WORDS = ("explicit", "knows_well")
# Which side a decline is from: the side last asked.
DECLINER = {"suggested": "a", "asked_a": "a", "agreed_a": "a", "asked_b": "b", "agreed_b": "b"}
# The message each state calls for: (template kind, to side, about side); both sides for "ab".
DRAFTS = {
    "asked_a": ("intro_ask_a", "a"),
    "agreed_a": ("intro_ask_b", "b"),
    "asked_b": ("intro_ask_b", "b"),
    "agreed_b": ("introduce", "a"),
    "introduced": ("intro_follow_up", "ab"),
}
# The step that follows each state, as the flag that records it.
NEXT = {
    "suggested": "`kith intro A B` asks {a}",
    "asked_a": "when {a} answers, --agreed or --declined",
    "agreed_a": "send the ask to {b}, then `kith intro A B` records it",
    "asked_b": "when {b} answers, --agreed or --declined",
    "agreed_b": "send the introduction, then --introduced",
    "introduced": "in a week or two, follow up, then --followed-up (or --outcome TEXT)",
    "followed_up": "--outcome TEXT says what came of it",
    "outcome": "nothing: it is done",
    DECLINED: "nothing: it is closed",
    LET_GO: "nothing: it is closed",
}
# Where an introduction stands, as a sentence ({a}, {b}: first names).
STANDING = {
    "suggested": "suggested, nobody asked yet",
    "asked_a": "you asked {a}",
    "agreed_a": "{a} agreed; {b} not asked yet",
    "asked_b": "{a} agreed; you asked {b}",
    "agreed_b": "both agreed",
    "introduced": "you introduced them",
    "followed_up": "you introduced them and followed up",
    "outcome": "done",
}


@dataclass(frozen=True)
class Step:
    """An introduction after a step: its row, both people, the messages to send now."""

    intro: IntroductionRow
    a: PersonHead
    b: PersonHead
    previous: str | None  # the state before the step (None: it began now)
    drafts: list[Drafted]
    known: bool = False  # begun now for two people you said know each other (trial 8)

    @property
    def changed(self) -> bool:
        return self.previous != self.intro.state

    @property
    def standing(self) -> str:
        """Where it stands, as a phrase: "you asked Ada", "Grace declined"."""
        return standing(self.intro, self.a.name, self.b.name)

    @property
    def let_go(self) -> bool:
        """Closed by the user without an answer from either side."""
        return self.intro.state == LET_GO

    @property
    def next(self) -> str:
        return NEXT[self.intro.state].format(a=self.a.name, b=self.b.name)


def step(
    store: Store,
    a_id: int,
    b_id: int,
    action: str,
    now: datetime,
    folder: Path | None,
    why: str | None = None,
    outcome: str | None = None,
) -> Step:
    """Take `action` (ACTIONS) on the introduction of A and B (the open one, either way round;
    "ask" begins a new one when there is none) and draft what it calls for."""
    if a_id == b_id:
        raise UsageError("An introduction needs two different people.")
    if action == "outcome" and not (outcome or "").strip():
        raise UsageError("--outcome needs a few words: what came of the introduction.")
    stamp = to_utc_text(now)
    with store.transaction():
        current = _open(store, a_id, b_id)
        previous = None if current is None else current.state
        intro_id = _moved(store, current, a_id, b_id, action, stamp, why, outcome)
        intro = store.introductions.get(intro_id)
        assert intro is not None
        heads = {h.id: h for h in store.people.heads([intro.a_id, intro.b_id])}
        known = previous is None and store.mesh.word(a_id, b_id) in KNOWN_WORDS
    a, b = heads[intro.a_id], heads[intro.b_id]
    return Step(intro, a, b, previous, _drafts(store, intro, folder), known)


def step_by_id(
    store: Store,
    intro_id: int,
    action: str,
    now: datetime,
    folder: Path | None,
    outcome: str | None = None,
) -> Step:
    """`step` on the introduction with this id (the web board's cards)."""
    found = store.introductions.get(intro_id)
    if found is None:
        raise NotFound(f"There is no introduction #{intro_id}.")
    return step(store, found.a_id, found.b_id, action, now, folder, outcome=outcome)


def board(store: Store, person_id: int | None = None) -> list[Step]:
    """Every introduction (or only this person's) as it stands, newest change first."""
    with store.reading():
        rows = store.introductions.all()
        if person_id is not None:
            rows = [r for r in rows if person_id in (r.a_id, r.b_id)]
        heads = {h.id: h for h in store.people.heads([i for r in rows for i in (r.a_id, r.b_id)])}
    return [Step(r, heads[r.a_id], heads[r.b_id], r.state, []) for r in rows]


def standing(intro: IntroductionRow, a: str, b: str) -> str:
    """Where an introduction stands, as a phrase with the names given: "you let it go", "Grace
    declined", or only "declined" when nobody recorded who (a decline from before migration
    0012, or imported from a document without `declined_by`): never a guess."""
    if intro.state == LET_GO:
        return "you let it go"
    if intro.state == DECLINED:
        who = {"a": a, "b": b}.get(intro.declined_by or "")
        return "declined" if who is None else f"{who} declined"
    return STANDING[intro.state].format(a=a, b=b)


def forward(state: str) -> str | None:
    """The action that moves an introduction on from `state` (not declining or letting go)."""
    return next((a for (s, a), t in MOVES.items() if s == state and t not in CLOSED), None)


def _open(store: Store, a_id: int, b_id: int) -> IntroductionRow | None:
    """The pair's latest introduction while it is still going (not closed, no outcome)."""
    latest = store.introductions.latest(a_id, b_id)
    if latest is None or latest.state in (*CLOSED, "outcome"):
        return None
    return latest


def _moved(
    store: Store,
    current: IntroductionRow | None,
    a_id: int,
    b_id: int,
    action: str,
    stamp: str,
    why: str | None,
    outcome: str | None,
) -> int:
    """The introduction's id after the action: a new one asked of A, or the current one moved
    (or left where it is, when asking again while waiting for an answer)."""
    if current is None:
        if action != "ask":
            raise UserError(_no_introduction(action, *_heads(store, a_id, b_id)))
        return store.introductions.add(a_id, b_id, why, "asked_a", stamp)
    if action == "ask" and current.state in ("asked_a", "asked_b"):
        # asked already: the same message again, and the wait for an answer starts again
        # (the week's nudge comes four weeks after the latest ask: services.week.digest)
        store.introductions.move(current.id, current.state, stamp)
        return current.id
    state = MOVES.get((current.state, action))
    if state is None:
        a, b = _heads(store, current.a_id, current.b_id)
        raise UserError(_not_now(current.state, action, a, b))
    declined_by = DECLINER[current.state] if action == "declined" else None
    store.introductions.move(current.id, state, stamp, declined_by, outcome, why)
    return current.id


def _drafts(store: Store, intro: IntroductionRow, folder: Path | None) -> list[Drafted]:
    if intro.state not in DRAFTS:
        return []
    kind, to = DRAFTS[intro.state]
    ends = {"a": (intro.a_id, intro.b_id), "b": (intro.b_id, intro.a_id)}
    a_helps, b_helps = favour(store, intro.a_id, intro.b_id)
    helps = {"a": (a_helps, b_helps), "b": (b_helps, a_helps)}  # (to helps other, other helps to)
    return [drafts.between(store, *ends[side], kind, folder, helps[side]) for side in to]


def command(a: PersonHead, b: PersonHead) -> str:
    """`kith intro "Ada Lovelace" "Grace Hopper"`: the pair's command, names whole (a name
    with a quote in it as its #id)."""
    return f"kith intro {_argument(a)} {_argument(b)}"


def _argument(person: PersonHead) -> str:
    return f'"#{person.id}"' if '"' in person.name else f'"{person.name}"'


def _heads(store: Store, a_id: int, b_id: int) -> tuple[PersonHead, PersonHead]:
    heads = {h.id: h for h in store.people.heads([a_id, b_id])}
    return heads[a_id], heads[b_id]


def _no_introduction(action: str, a: PersonHead, b: PersonHead) -> str:
    flag = "--" + action.replace("_", "-")
    return (
        f"There is no introduction of {a.name} and {b.name} in progress for {flag}; "
        f"`{command(a, b)}` begins one by asking {a.name}."
    )


def _not_now(state: str, action: str, a: PersonHead, b: PersonHead) -> str:
    """The refusal of a step out of turn, naming the two and the next step's command whole
    (not "A" and "B", which the person had to map back to the names they typed)."""
    whole = f"`{command(a, b)}`"
    flag = whole if action == "ask" else "--" + action.replace("_", "-")
    at = STANDING.get(state, state).format(a=a.name, b=b.name)
    then = NEXT[state].format(a=a.name, b=b.name).replace("`kith intro A B`", whole)
    return f"This introduction stands at {at!r}: {flag} does not apply; next: {then}."
