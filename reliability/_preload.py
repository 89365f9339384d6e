"""Imported once by the fork server reliability/_launch.py starts: every module of Kith, so that
a forked command imports nothing (the faces load theirs lazily, for `kith`'s own start-up)."""

from __future__ import annotations

import importlib
import pkgutil

import kith

SKIPPED = ("kith.mcp",)  # an optional extra's server, never started by a proof


def _load_all() -> None:
    for info in pkgutil.walk_packages(kith.__path__, "kith."):
        if not info.name.startswith(SKIPPED) and not info.name.endswith("__main__"):
            importlib.import_module(info.name)


_load_all()
