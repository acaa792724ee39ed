"""The package's layers: imports only go down, there is no circle, and no chain is over 10 levels.

``LAYERS`` is the architecture as data, highest layer first; docs/architecture.md describes each
package it names. A module may import modules of its own layer and of the layers below, never of
a layer above: this holds for every import, at the top of a module, inside a function or under
``if TYPE_CHECKING``, and none of them may close a circle.

Levels count the imports a module runs when it is imported (the statements at its top, outside
``if TYPE_CHECKING``): the longest such chain, in imports. A type-only import never runs, and an
import inside a function runs when the function does (the lazy imports that keep start-up fast);
both are held to the direction and the no-circle rules above. By this count the flat package of
0.1.0 had 12 levels.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "pkledger"
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cli", ("pkledger.cli", "pkledger.__main__")),
    ("output", ("pkledger.output",)),
    ("analysis", ("pkledger.analysis",)),
    ("ledger", ("pkledger.ledger",)),
    ("format", ("pkledger.format",)),
    ("yaml", ("pkledger.yaml",)),
    (
        "base",
        ("pkledger.errors", "pkledger.problems", "pkledger.suggest", "pkledger.wording", "pkledger.files"),
    ),
)
"""Each layer and the packages or modules it holds (with everything under them). The package's
own __init__ (the version) sits below them all."""
MAX_LEVELS = 10
PACKAGE_ROOT = ("pkledger", "pkledger._version")
"""The package's __init__ and the version file the build writes (from git tags), below every layer."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


class _Imports(ast.NodeVisitor):
    """The pkledger modules a module imports: every one, and those run when it is imported."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.every: set[str] = set()
        self.at_import: set[str] = set()
        self.deferred = 0
        """How deep the visit is in function bodies and type-only blocks."""

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.deferred += 1
        self.generic_visit(node)
        self.deferred -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        type_only = int("TYPE_CHECKING" in ast.unparse(node.test))
        self.deferred += type_only
        self.generic_visit(node)
        self.deferred -= type_only

    def visit_Import(self, node: ast.Import) -> None:
        self._add(alias.name for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        assert node.level == 0, f"{self.name}: use absolute imports"
        base = node.module or ""
        self._add(
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base for alias in node.names
        )

    def _add(self, names: Iterable[str]) -> None:
        found = {name for name in names if name in modules() and name != self.name}
        self.every |= found
        if not self.deferred:
            self.at_import |= found


@functools.cache
def imports() -> dict[str, _Imports]:
    found = {}
    for name, path in modules().items():
        visitor = _Imports(name)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found[name] = visitor
    return found


def layer_of(module: str) -> int:
    """The rank of a module's layer, 0 for the lowest (the package's own __init__ is below all)."""
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == prefix or module.startswith(f"{prefix}.") for prefix in prefixes):
            return len(LAYERS) - rank
    assert module in PACKAGE_ROOT, f"{module} is in no layer: add it to LAYERS"
    return 0


def layer_name(module: str) -> str:
    return LAYERS[len(LAYERS) - layer_of(module)][0] if layer_of(module) else module


@pytest.mark.parametrize("module", sorted(modules()))
def test_every_module_is_in_a_layer(module: str) -> None:
    assert layer_of(module) > 0 or module in PACKAGE_ROOT


def test_imports_go_down_the_layers() -> None:
    upward = [
        f"{module} ({layer_name(module)}) imports {target} ({layer_name(target)})"
        for module, found in imports().items()
        for target in sorted(found.every)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_imports_make_a_circle() -> None:
    edges = {module: found.every for module, found in imports().items()}
    assert [" -> ".join(circle) for circle in _circles(edges)] == []


def test_no_chain_of_imports_is_over_the_limit() -> None:
    longest = max((_chain(module) for module in modules()), key=len)
    assert len(longest) - 1 <= MAX_LEVELS, " -> ".join(longest)


def test_every_package_in_the_layer_table_is_described_in_the_architecture_page() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = [prefix for _, prefixes in LAYERS for prefix in prefixes if prefix in _packages()]
    assert packages, "the layer table names no package"
    missing = [package for package in packages if f"`{package.replace('.', '/')}/`" not in page]
    assert missing == [], "describe each package of the layer table in docs/architecture.md"


def test_every_package_is_in_the_layer_table() -> None:
    top = {package for package in _packages() if package.count(".") == 1}
    named = {prefix for _, prefixes in LAYERS for prefix in prefixes}
    assert top <= named


def _packages() -> set[str]:
    return {module_name(path) for path in PACKAGE.rglob("__init__.py")} - {"pkledger"}


@functools.cache
def _chain(module: str) -> tuple[str, ...]:
    """The longest chain of imports that importing ``module`` runs, the module included."""
    below = [_chain(target) for target in imports()[module].at_import]
    return (module, *max(below, key=len, default=()))


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """A circle through each module that can reach itself (depth-first, three colours)."""
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return circles
