"""The architecture, tested: macros/ is a stack of layers, each importing only the layers below it.

Every import in macros/ is read from the source (not executed), so a cycle or an import against the
order fails here with the file and line, before it confuses a reader.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

MACROS = Path(__file__).resolve().parent.parent / "macros"
# Lowest first: a layer may import itself and any layer before it, never one after it.
LAYERS = ("model", "load", "check", "query", "export", "render", "site", "engine", "cli")
# The only layer that may import the site engine.
ENGINE_PACKAGES = ("mkdocs", "mkdocs_macros", "material", "properdocs")


def module_name(path: Path) -> str:
    """'macros/check/validate.py' -> 'macros.check.validate'."""
    parts = path.relative_to(MACROS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def find_imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in a file, relative ones resolved, nested ones included."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                # 'from . import x' may import a module x of the package
                names = [f"{target}.{alias.name}" for alias in node.names] if node.module is None else [target]
                found += [(node.lineno, name) for name in names]
            else:
                found.append((node.lineno, node.module or ""))
    return found


def layer_of(module: str) -> str | None:
    """The layer a macros module belongs to ('macros.query.index' -> 'query'), None for the package root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "macros" and parts[1] in LAYERS else None


MODULES = sorted(MACROS.rglob("*.py"))
GRAPH = {module_name(path): [(line, target) for line, target in find_imports(path) if target.startswith("macros")]
         for path in MODULES}


def test_every_module_sits_in_a_layer():
    """No code at the top of macros/ besides the package marker and `python -m macros`."""
    loose = [path.name for path in MACROS.glob("*.py") if path.name not in ("__init__.py", "__main__.py")]
    assert loose == [], f"modules outside the layer folders: {loose}"
    folders = sorted(path.name for path in MACROS.iterdir() if path.is_dir() and path.name != "__pycache__")
    assert folders == sorted(LAYERS), f"layer folders {folders}; the test knows {sorted(LAYERS)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(MACROS)))
def test_imports_follow_the_layer_order(path):
    """A module imports its own layer or lower ones; only engine/ imports mkdocs."""
    own = layer_of(module_name(path))
    wrong = []
    for line, target in find_imports(path):
        if target.split(".")[0] in ENGINE_PACKAGES and own != "engine":
            wrong.append(f"{path.relative_to(MACROS.parent)}:{line}: imports {target}; only engine/ may")
        other = layer_of(target)
        if own and other and LAYERS.index(other) > LAYERS.index(own):
            wrong.append(f"{path.relative_to(MACROS.parent)}:{line}: {own}/ imports {target}, a higher layer")
    assert wrong == []


def test_no_import_cycles():
    """No module reaches itself through its imports (the kind of circle hidden by imports inside functions)."""
    known = set(GRAPH)

    def resolve(target: str) -> str | None:
        # 'macros.query.index.name_of' is not a module; its module is the longest known prefix.
        while target and target not in known:
            target = target.rpartition(".")[0]
        return target or None

    edges = {module: sorted({resolve(target) for _, target in imports} - {None, module})
             for module, imports in GRAPH.items()}
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in edges[module]:
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target):] + [module, target]) if target in trail
                              else f"{module} -> {target}")
            elif target not in state:
                visit(target, trail + [module])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_the_checker_catches_a_violation(tmp_path):
    """The test above is not vacuous: a model module importing render is reported."""
    path = MACROS / "model" / "dates.py"
    imports = find_imports(path) + [(1, "macros.render.html")]
    own = layer_of(module_name(path))
    assert any(layer_of(target) and LAYERS.index(layer_of(target)) > LAYERS.index(own) for _, target in imports)
