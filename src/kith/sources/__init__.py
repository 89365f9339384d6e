"""Readers: a file in, records out. They never touch the store."""
