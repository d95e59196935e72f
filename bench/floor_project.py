"""The floor project of the benchmark: the same pages with every macro call already rendered.

    python bench/floor_project.py PROJECT OUT

renders every page of PROJECT through macros/engine/mkdocs_glue.py's own hooks, as mkdocs-macros would, and
writes a copy to OUT whose pages are plain Markdown and whose mkdocs.yml has no macros plugin:
what plain mkdocs-material would have to build if the data layer cost nothing.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path


def without_macros_plugin(config_text: str) -> str:
    """mkdocs.yml text minus the `- macros:` plugin entry and its indented options."""
    lines, skipping, indent = [], False, 0
    for line in config_text.splitlines(keepends=True):
        stripped = line.lstrip()
        current = len(line) - len(stripped)
        if skipping and stripped and current <= indent:
            skipping = False
        if re.match(r"-\s+macros\s*:?\s*$", stripped):
            skipping, indent = True, current
        if not skipping:
            lines.append(line)
    return "".join(lines)


class _FakeEnv:
    """The slice of mkdocs-macros' env that the glue uses: conf, variables, macro(), page, markdown."""

    def __init__(self, conf):
        self.conf = conf
        self.variables = {}
        self.macros = {}
        self.page = None
        self.markdown = ""

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function


class _FakePage:
    def __init__(self, src_uri: str, meta: dict):
        self.meta = meta
        self.file = type("File", (), {"src_uri": src_uri})()


def render_floor(project: Path, floor: Path) -> None:
    """Render every page through glue's hooks, as mkdocs-macros would, and write plain Markdown pages."""
    import importlib.util

    import jinja2
    import yaml
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(project, floor, ignore=shutil.ignore_patterns("site", "__pycache__"))
    conf = load_config(str(project / "mkdocs.yml"))
    spec = importlib.util.spec_from_file_location("bench_glue", project / "macros" / "engine" / "mkdocs_glue.py")
    assert spec is not None and spec.loader is not None, "the project has no macros/engine/mkdocs_glue.py"
    glue = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(glue)
    env = _FakeEnv(conf)
    glue.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.globals.update(env.macros)
    docs = Path(conf["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        body, meta = get_data(path.read_text(encoding="utf-8"))
        if meta.get("render_macros") is False:
            continue
        env.page = _FakePage(src, meta)
        glue.on_pre_page_macros(env)
        env.markdown = jinja.from_string(body).render(page=env.page, config=conf)
        glue.on_post_page_macros(env)
        if hasattr(glue, "inline_fragments"):
            # The glue holds macro HTML aside until Markdown has run; the floor gets it in its Markdown.
            env.markdown = glue.inline_fragments(src, env.markdown)
        front = yaml.safe_dump(env.page.meta, allow_unicode=True, sort_keys=False) if env.page.meta else ""
        text = (f"---\n{front}---\n\n" if front else "") + env.markdown
        (floor / "docs" / src).write_text(text, encoding="utf-8")
    if hasattr(glue, "on_post_build"):
        # Files the glue writes after a build (data downloads) become static files of the floor site.
        env.conf = {**{key: conf[key] for key in conf}, "site_dir": str(floor / "docs")}
        glue.on_post_build(env)
    config_file = floor / "mkdocs.yml"
    config_file.write_text(without_macros_plugin(config_file.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/floor_project.py PROJECT OUT")
    render_floor(Path(sys.argv[1]), Path(sys.argv[2]))
