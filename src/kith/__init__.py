"""Kith: a local-first personal relationship manager."""

__version__ = "0.1.0"
