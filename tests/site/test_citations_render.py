"""The sources as BibTeX and CSL-JSON render with the tools researchers use: pybtex's 'plain' style and
citeproc-py's APA style format every entry, without a warning, naming the publisher where no person is."""
from __future__ import annotations

import io
import json
import warnings

import pybtex.errors
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from macros.export.citations import render_bibtex, render_csl_json


@pytest.fixture(scope="module")
def sources(real_site):
    return real_site.index.dataset.sources


@pytest.mark.slow  # a researcher's tool over the real downloads: seconds, not milliseconds
def test_pybtex_plain_formats_every_entry_in_strict_mode(sources, monkeypatch):
    monkeypatch.setattr(pybtex.errors, "strict", True)  # a warning (a missing field) raises instead
    bibliography = parse_string(render_bibtex(sources), "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = list(style.format_entries(bibliography.entries.values()))
    assert len(formatted) == len(sources)
    # What render_as("text") does, with the backend looked up once: pybtex finds a plugin by scanning every
    # installed package's entry points, which cost most of this test when done for each entry.
    backend = find_plugin("pybtex.backends", "text")()
    text = {entry.key: entry.text.render(backend) for entry in formatted}
    for source in sources:
        assert (source.author or source.publisher) in text[source.id].replace("\\&", "&"), source.id
    assert {entry.type for entry in bibliography.entries.values()} <= {"online", "article", "misc"}
    assert all(entry.type == "online" for key, entry in bibliography.entries.items()
               if next(s for s in sources if s.id == key).url)


@pytest.mark.slow  # a researcher's tool over the real downloads: seconds, not milliseconds
def test_citeproc_apa_formats_every_item_without_a_warning(sources):
    items = json.loads(render_csl_json(sources))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # citeproc-py warns about what it cannot format
        style = CitationStylesStyle("apa", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(sources)
    by_title = io.StringIO("\n".join(rendered)).getvalue()
    for source in sources:
        # The publisher stands as author where no person is named, so the title is printed once.
        assert by_title.count(source.title) >= 1
    assert all(item["author"] for item in items)
