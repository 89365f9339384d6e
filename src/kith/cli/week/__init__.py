"""The week's commands: plan, today, done and friends, rate and why, digest, draft."""
