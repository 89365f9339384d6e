"""The mesh: who knows whom among the user's contacts, and what follows from it."""
