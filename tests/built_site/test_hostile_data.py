"""The hostile fixture dataset, built through mkdocs and Markdown: every text literal, nothing injected.

The minimal fixture project is built twice, once with its own data (the session's `minimal_build`)
and once with tests/fixtures/hostile/data, whose every text is markup, Markdown, Jinja or script;
the two sites must have the same elements, and every hostile text must show as text.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.support import (
    FIXTURES,
    MINIMAL,
    ChildRun,
    EarlyRun,
    copy_project,
    mkdocs_build_command,
    mkdocs_environment,
    normalized,
    starts_early,
    take_early_run,
)

pytestmark = pytest.mark.build


def hostile_texts() -> list[str]:
    """Every text value in the hostile dataset, nested ones included."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("id", "date", "start", "end", "as_of", "kind", "type", "role", "url", "source"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and not re.fullmatch(r"[a-z0-9-]+", value):
            found.append(value)

    for path in sorted((FIXTURES / "hostile" / "data").glob("*.yml")):
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.stem in ("actors", "organizations"):
            # A record page opens with key facts and the editor's prose: the record's own summary and the
            # sources of that summary are its description in the structured data, not page text.
            records = [{key: value for key, value in record.items() if key not in ("summary", "sources")}
                       for record in records]
        walk(records)
    return found


def _strings_in(value) -> list[str]:
    """Every string inside a parsed JSON value."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings_in(item)]
    return [value] if isinstance(value, str) else []


@starts_early("hostile_site")
def _build_hostile_site() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-hostile-"))
    project = copy_project(MINIMAL, folder / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(FIXTURES / "hostile" / "data", project / "data")
    run = ChildRun(mkdocs_build_command(project / "mkdocs.yml", folder / "site"), cwd=project,
                   env=mkdocs_environment())
    return EarlyRun(run, folder)


@pytest.fixture(scope="module")
def hostile_site() -> Path:
    """The minimal project built with the hostile data in place of its own (started early)."""
    with take_early_run("hostile_site") as early:
        result = early.run.wait()
        assert result.returncode == 0, result.stderr
        yield early.folder / "site"


def structure_of(soup: BeautifulSoup) -> list[tuple]:
    """Element names, attribute names and link targets of a page's content: what data must not change."""
    article = soup.find("article")
    return [(tag.name, sorted(tag.attrs), tag.get("href")) for tag in article.find_all(True)]


def test_hostile_dataset_builds_with_every_text_literal_and_nothing_injected(minimal_build, hostile_site):
    minimal_site, site = minimal_build.site, hostile_site
    pages = sorted(site.rglob("*.html"))
    texts, titles, structured = [], [], []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all(attrs=lambda attrs: any(name.startswith("on") for name in attrs or ())), page
        assert not soup.find_all(href=re.compile(r"^\s*javascript:", re.I)), page
        article = soup.find("article")
        if article is None:
            continue
        for script in article.find_all("script", type="application/ld+json"):
            # A record page's structured data (render/json_ld.py): JSON, never run, that cannot close its element.
            assert "<" not in script.string and json.loads(script.string)["@context"] == "https://schema.org", page
            structured += [normalized(text) for text in _strings_in(json.loads(script.string))]
        assert not [tag for tag in article.find_all(["script", "img", "iframe", "object", "embed", "style", "form"])
                    if tag.get("type") != "application/ld+json"], page
        for table in article.find_all("table"):
            widths = {sum(int(cell.get("colspan", 1)) for cell in row.find_all(["th", "td"]))
                      for row in table.find_all("tr")}
            assert len(widths) == 1, f"{page}: rows of different widths {widths}"
        model = minimal_site / page.relative_to(site)
        assert structure_of(soup) == structure_of(BeautifulSoup(model.read_text(encoding="utf-8"), "html.parser")), \
            f"{page.relative_to(site)}: the hostile data changed the page's elements"
        texts.append(normalized(article.get_text(" ")))
        titles += [normalized(tag["title"]) for tag in article.find_all(title=True)]
    shown = " ".join(texts)
    for value in hostile_texts():
        # A record's data summary is its description in the structured data; the page's prose is the editor's.
        assert (normalized(value) in shown or any(normalized(value) in title for title in titles)
                or normalized(value) in structured), value
