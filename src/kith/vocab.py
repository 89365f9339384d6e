"""The shared vocabulary of contract.md: channels, directions, kinds, relationship types."""

from __future__ import annotations

from kith.errors import UserError

CHANNELS = ("email", "message", "social", "call", "video", "in_person", "event")
# the channels a person writes on: a note of theirs on one may await a reply (relate.priority
# WRITTEN, store/week/plan.py WROTE_LAST's SQL)
WRITTEN_CHANNELS = ("email", "message", "social")
# a plan pick's channel as `kith plan`, the calendar feed and the web's week say it: an
# invitation ("coffee"), not the log's stored name ("in_person")
PICK_CHANNEL_WORDS = {"in_person": "coffee", "video": "video call"}
# the words people type for a channel (kith log --channel phone) → the stored channel
CHANNEL_ALIASES = {
    "coffee": "in_person",
    "in-person": "in_person",
    "in person": "in_person",
    "meeting": "in_person",
    "phone": "call",
    "text": "message",
    "sms": "message",
    "whatsapp": "message",
    "signal": "message",
    "telegram": "message",
    "imessage": "message",
    "messenger": "message",
    "chat": "message",
    "dm": "message",
    "mail": "email",
    "e-mail": "email",
    "zoom": "video",
    "facetime": "video",
    "linkedin": "social",
}
DIRECTIONS = ("out", "in", "both")
INTERACTION_KINDS = ("checkin", "give", "ask", "thanks", "intro")
NOTE_KINDS = ("note", "news")
DEPTHS = ("online", "call", "in_person")
PERSON_KINDS = ("contact", "prospect")
IDENTITY_KINDS = ("email", "phone", "linkedin", "url", "handle")

# a conversation by default for channels where both sides are present
TWO_SIDED_CHANNELS = frozenset({"call", "video", "in_person", "event"})

RELATIONSHIP_TYPES = (
    "spouse",
    "partner",
    "parent",
    "child",
    "sibling",
    "colleague",
    "manager",
    "friend",
)
SYMMETRIC = frozenset({"spouse", "partner", "sibling", "colleague", "friend"})
INVERSE = {"parent": "child", "child": "parent", "manager": "report"}
KIN = frozenset({"spouse", "partner", "parent", "child", "sibling"})


def channel(value: str) -> str:
    """The canonical channel for `value` (aliases such as `coffee` accepted)."""
    folded = value.strip().lower()
    folded = CHANNEL_ALIASES.get(folded, folded)
    if folded not in CHANNELS:
        raise UserError(unknown_channel(value))
    return folded


def unknown_channel(value: str) -> str:
    """What a channel Kith cannot read is answered with: the channels, then the aliases."""
    return (
        f"Unknown channel {value!r}; use one of {', '.join(CHANNELS)}, "
        f"or {', '.join(CHANNEL_ALIASES)}."
    )


def default_direction(channel_name: str) -> str:
    return "both" if channel_name in TWO_SIDED_CHANNELS else "out"


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    folded = value.strip().lower().replace("-", "_")
    if folded not in allowed:
        raise UserError(f"Unknown {what} {value!r}; use one of {', '.join(allowed)}.")
    return folded


def relationship_from(a_view: str) -> tuple[str, bool]:
    """Validate a type and say whether it runs b→a (stored flipped, e.g. `report` of `manager`)."""
    folded = a_view.strip().lower()
    if folded == "report":
        return "manager", True
    return one_of(folded, (*RELATIONSHIP_TYPES, "report"), "relationship"), False


def relationship_label(stored: str) -> str:
    """How the other person is related to this one, from the store's reading (model.Person):
    `parent` means the other is this person's parent; `~parent` that this person is the
    other's parent, so the other is their child."""
    if stored.startswith("~"):
        return relationship_as_seen_by_b(stored[1:])
    return stored


def is_kin(label: str) -> bool:
    return label in KIN


def relationship_as_seen_by_b(type_: str) -> str:
    """How the relationship reads from the other side: a parent of b means b is a's child."""
    if type_ in SYMMETRIC:
        return type_
    return INVERSE[type_]


COUNT_LABELS = {  # counts whose key is not a word
    "follow_up": "follow-up",
    "plan_skip": "plan skip",
    "article_topic": "article topic",
    "article_share": "article share",
    "seen_message": "one-way message",  # kept for `kith seen` until the exchange is two-way
    "seen_identity": "one-way correspondent",
    "person_source": "source link",  # which import record made or matched a person
    "person_tag": "tag",
    "working_on": "working-on line",
}
IRREGULAR_PLURALS = {  # singular → plural where adding "s" does not do; keys given in either form
    "person": "people",
    "identity": "identities",
    "address": "addresses",
}
SINGULARS = {plural: singular for singular, plural in IRREGULAR_PLURALS.items()}


def counted(counts: dict[str, int]) -> str:
    """`2 people, 1 event, 9 interactions`: the kinds with a count, singular or plural, as the
    CLI's reports and the web's import report say them."""
    parts = []
    for what, count in counts.items():
        if what in IRREGULAR_PLURALS or what in SINGULARS:
            singular = SINGULARS.get(what, what)
        else:
            singular = COUNT_LABELS.get(what.removesuffix("s"), what.removesuffix("s"))
        plural = IRREGULAR_PLURALS.get(singular, f"{singular}s")
        if count:
            parts.append(f"{count:,} {singular if count == 1 else plural}")
    return ", ".join(parts)
