"""The plain-Material project of the benchmark: the same pages and settings, without our plugin or macros.

    python bench/floor_project.py PROJECT OUT

writes a copy of PROJECT to OUT whose pages keep their prose but lose every template tag (`{{ … }}`,
`{% … %}`, `{# … #}`), and whose mkdocs.yml registers no hook: what plain mkdocs-material (same theme,
Markdown extensions, search and tags) costs per page. Our build's cost per page over this one is the
ratio issue 25 bounds (≤ 2.5).
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

# Template tags of any kind, across lines; raw blocks keep their text.
_TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def without_hooks(config_text: str) -> str:
    """mkdocs.yml text minus the `hooks:` list (our plugin)."""
    return re.sub(r"^hooks:\n(?:[ \t]+-.*\n|[ \t]*\n)*", "", config_text, flags=re.MULTILINE)


def without_template_tags(page_text: str) -> str:
    """A page's text with every template tag removed."""
    return _TEMPLATE_TAG.sub("", page_text)


def render_floor(project: Path, floor: Path) -> None:
    """Copy the project as plain Material would build it: no hook, no template tags."""
    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(project, floor, ignore=shutil.ignore_patterns("site", "__pycache__"))
    for page in (floor / "docs").rglob("*.md"):
        page.write_text(without_template_tags(page.read_text(encoding="utf-8")), encoding="utf-8")
    config_file = floor / "mkdocs.yml"
    config_file.write_text(without_hooks(config_file.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/floor_project.py PROJECT OUT")
    render_floor(Path(sys.argv[1]), Path(sys.argv[2]))
