"""The layers hold: faces → shapes → services → store/relate/sources, nothing pointing up,
and no face imports another (architecture.md, "Layers")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "kith"
# what each package may not import: the layers above it, and for a face, the other faces
FORBIDDEN = {
    "cli": ("kith.web",),
    "web": ("kith.cli",),
    "shapes": ("kith.cli", "kith.web"),
    "services": ("kith.cli", "kith.web", "kith.shapes"),
    "store": ("kith.cli", "kith.web", "kith.shapes", "kith.services"),
    "relate": ("kith.cli", "kith.web", "kith.shapes", "kith.services", "kith.store"),
    "drafts": ("kith.cli", "kith.web", "kith.shapes", "kith.services", "kith.store"),
    "sources": ("kith.cli", "kith.web", "kith.shapes", "kith.services", "kith.store"),
}
# `kith serve` is the command that starts the web face: the one face that launches another
LAUNCHERS = {"cli/serve.py": "kith.web"}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def breaches() -> list[str]:
    found = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((PACKAGE / package).rglob("*.py")):
            for name in sorted(imported(path)):
                launches = LAUNCHERS.get(str(path.relative_to(PACKAGE)), "\0")
                if name.startswith(forbidden) and not name.startswith(launches):
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


def test_no_package_imports_a_layer_above_it_or_another_face() -> None:
    assert breaches() == []


def test_the_check_reads_real_imports() -> None:
    assert "kith.shapes.people" in imported(PACKAGE / "web" / "pages.py")
