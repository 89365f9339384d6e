"""Channel weights: how much one interaction counts, by channel and head count (science.md §1)."""

from __future__ import annotations

from kith.vocab import CHANNELS

# [V]/[H] A meeting, video call or event with one or two others counts as three replied e-mails
# (DotAlign counts a meeting as 3 reciprocated e-mails [V]); it thins out as the room fills [H].
MEETING_WEIGHT = 3.0
# [H] The least a crowded meeting counts: being in a room of fifty is still more than a like.
MEETING_FLOOR = 0.3
# [H] A call: a real conversation, less than meeting face to face.
CALL_WEIGHT = 2.0
# [H] An e-mail or message to this one person.
DIRECT_MESSAGE_WEIGHT = 1.0
# [H] An e-mail or message to several people (group mail, CC).
GROUP_MESSAGE_WEIGHT = 0.3
# [H] A like or a comment.
SOCIAL_WEIGHT = 0.1

# [H] Channels where both sides are present together, and channels of written messages.
MEETING_CHANNELS = frozenset({"in_person", "video", "event"})
MESSAGE_CHANNELS = frozenset({"email", "message"})


def channel_weight(channel: str, others: int) -> float:
    """The weight w_c of one interaction on `channel` with `others` people besides the user."""
    if others < 0:
        raise ValueError(f"others must be 0 or more, not {others}")
    if channel in MEETING_CHANNELS:
        return max(MEETING_FLOOR, MEETING_WEIGHT / max(1, others - 1))
    if channel in MESSAGE_CHANNELS:
        return DIRECT_MESSAGE_WEIGHT if others <= 1 else GROUP_MESSAGE_WEIGHT
    if channel == "call":
        return CALL_WEIGHT
    if channel == "social":
        return SOCIAL_WEIGHT
    raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
