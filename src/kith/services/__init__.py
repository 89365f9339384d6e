"""Use cases: one function per thing a person does with Kith. Faces call these and render."""
