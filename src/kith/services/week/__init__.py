"""The weekly plan and acting on it: the choice, its pool and hooks, the drafts it offers, the
week's bounds, rests and replies, and the next Monday prepared ahead."""
