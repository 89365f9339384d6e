"""The layers hold: faces → shapes → services → store/relate/sources, nothing pointing up,
and no face imports another (architecture.md, "Layers")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "kith"
# what each package may not import: the layers above it, and for a face, the other faces
FACES = ("kith.cli", "kith.web", "kith.mcp")
FORBIDDEN = {
    "cli": ("kith.web", "kith.mcp"),
    "web": ("kith.cli", "kith.mcp"),
    "mcp": ("kith.cli", "kith.web"),
    "shapes": FACES,
    "services": (*FACES, "kith.shapes"),
    "store": (*FACES, "kith.shapes", "kith.services"),
    "relate": (*FACES, "kith.shapes", "kith.services", "kith.store"),
    "drafts": (*FACES, "kith.shapes", "kith.services", "kith.store"),
    "sources": (*FACES, "kith.shapes", "kith.services", "kith.store"),
}
# `kith serve` and `kith mcp` start the web and the MCP faces: the commands that launch another
LAUNCHERS = {"cli/serve.py": "kith.web", "cli/mcp.py": "kith.mcp"}


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
    assert "kith.shapes.people" in imported(PACKAGE / "mcp" / "reading.py")
