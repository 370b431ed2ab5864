"""The package's layering, read from its imports (ast), including those under TYPE_CHECKING and inside
functions: no import loops between modules, and every import goes down the stages (DESIGN.md, Layout).

A module may import its own package and packages of a lower layer only. The layers follow the flow of an
article: ingest -> nlp -> extract -> store -> pipeline -> cluster -> export, serve; with geo and ontology
under the per-article stages (the toponym component and the extractors look places up), and scale, eval
and cli on top. So extract never imports store, store never imports cluster, only cli imports serve, and
nothing in the library imports cli. SQL is spoken in store/ only (and in geo/, over its own gazetteer file).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "sitreps"

# Each stage's layer: a module imports only from its own stage or a stage of a lower layer.
LAYERS: dict[str, int] = {
    "errors": 0,
    "model": 0,
    "ontology": 1,
    "geo": 1,
    "ingest": 2,
    "nlp": 2,
    "classify": 2,
    "extract": 3,
    "store": 4,
    "pipeline": 5,
    "cluster": 6,
    "export": 7,
    "serve": 7,
    "scale": 8,
    "eval": 8,
    "cli": 9,
    "": 10,  # the package root: sitreps.read and the version
}
# Where SQL may be written: the store, and the gazetteer (its own SQLite file, read by the geocoder).
SQL_STAGES = {"store", "geo"}
SQL = re.compile(r"\.execute(many|script)?\(|\bSELECT\b[^;]*?\bFROM\b", re.S)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The sitreps modules an import statement loads."""
    known = modules()
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module if known[module].name == "__init__.py" else module.rsplit(".", 1)[0]
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, base] if base else parts)
        names = [f"{base}.{alias.name}" for alias in node.names] + [base]
    for name in names:
        while name and name not in known:
            name = name.rsplit(".", 1)[0] if "." in name else ""
        if name.startswith("sitreps") and name != module:
            yield name


@cache
def imports() -> dict[str, frozenset[str]]:
    graph = {}
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = frozenset(
            target
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for target in _targets(module, node)
        )
    return graph


def loops() -> list[list[str]]:
    """Strongly connected components of more than one module (a package importing its own children,
    as an ``__init__`` re-exporting them does, is not a loop)."""
    graph = imports()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w.startswith(v + "."):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_every_stage_has_a_layer() -> None:
    assert {stage(m) for m in modules()} <= set(LAYERS)


def test_no_import_loops() -> None:
    assert loops() == []


def test_imports_go_down_the_layers() -> None:
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in imports().items()
        for target in targets
        if stage(module) != stage(target) and LAYERS[stage(module)] <= LAYERS[stage(target)]
    )
    assert wrong == []


@pytest.mark.parametrize(
    ("importer", "imported"),
    [("extract", "store"), ("store", "cluster"), ("eval", "serve"), ("scale", "serve"), ("export", "serve")],
)
def test_named_directions_are_forbidden(importer: str, imported: str) -> None:
    wrong = [
        f"{m} -> {t}"
        for m, ts in imports().items()
        for t in ts
        if stage(m) == importer and stage(t) == imported
    ]
    assert wrong == []


def test_only_the_command_line_imports_cli_and_serve() -> None:
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in imports().items()
        for target in targets
        if stage(target) in {"cli", "serve"} and stage(module) not in {stage(target), "cli"}
    )
    assert wrong == []


def test_sql_only_in_the_store() -> None:
    speaking = sorted(
        module
        for module, path in modules().items()
        if stage(module) not in SQL_STAGES and SQL.search(path.read_text(encoding="utf-8"))
    )
    assert speaking == []


def test_the_checker_sees_a_loop_and_a_wrong_direction() -> None:
    """The graph is read from real import statements: known edges of the package are in it."""
    graph = imports()
    assert "sitreps.model" in graph["sitreps.store.rows"]
    assert any(stage(t) == "store" for t in graph["sitreps.pipeline.run"])
