"""Import runs: their bookkeeping, and the plan's rows an import brings or takes back."""
