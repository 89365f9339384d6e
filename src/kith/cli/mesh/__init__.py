"""The mesh's commands: knows, circles, intros, path, referrals, ledger."""
