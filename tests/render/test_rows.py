"""A list row rendered once per build reads, on every page, as if rendered for that page (render/rows.py).

Each page gets its own relative links, its own citation numbers (continuing the page's numbering) and its
own record marked as the focus; data that looks like a stand-in stays text.
"""
from __future__ import annotations

from macros.model.dataset import Dataset
from macros.model.dates import parse_reduced_date
from macros.model.records import Actor, Citation, Event, Participant, Source, Statement
from macros.query.index import build_index
from macros.render.components import Draw, render_event_list, render_statement_list
from macros.render.rows import RowCache
from macros.render.urls import CitationCollector, PageLinks

RECORD_URLS = {"a": "actors/a/", "b": "actors/b/", "org": "organizations/org/"}
PAGE_URLS = {"timeline": "timeline/", "statements": "statements/", "sources": "sources/"}


def _index():
    cited = (Citation("s1", "p. 1"), Citation("s2"))
    actors = [Actor(id=name, type="person", name=f"Person {name.upper()}", summary="S.", sources=cited)
              for name in ("a", "b", "c")]
    events = [Event(id=f"e{n}", title=f"Meeting {n} \x00 <b>", kind="meeting", date=parse_reduced_date(f"202{n}"),
                    summary="Talks.", sources=(Citation(f"s{n}"), Citation("s1", "p. 2")),
                    participants=(Participant(actor="a", role="host"), Participant(actor="b", role="attendee"),
                                  Participant(actor="c", role="attendee")))
              for n in (1, 2)]
    statements = [Statement(id="st1", speakers=("a",), date=parse_reduced_date("2021"), event="e1",
                            quote="We talk.", about=("b",), sources=(Citation("s2", "para 3"),))]
    sources = [Source(id=f"s{n}", title=f"Report {n}", publisher="P", date=parse_reduced_date("2021"), kind="news",
                      url=f"https://example.org/{n}") for n in (1, 2)]
    return build_index(Dataset(actors=actors, events=events, statements=statements, sources=sources))


def _draw(index, page_url, rows=None):
    draw = Draw(index, PageLinks(page_url, RECORD_URLS, PAGE_URLS, CitationCollector()))
    draw.rows = rows
    return draw


def test_shared_rows_equal_rows_rendered_for_each_page():
    index = _index()
    rows = RowCache(_draw(index, ""))
    events = list(index.events.values())
    for page_url, focus in [("actors/a/", "a"), ("actors/b/", "b"), ("organizations/org/", "org"), ("actors/a/", "a")]:
        direct, shared = _draw(index, page_url), _draw(index, page_url, rows)
        # A page that already cited a source before its lists: numbers continue from there.
        for draw in (direct, shared):
            draw.cite([Citation("s2")])
        assert render_event_list(events, shared, focus=focus) == render_event_list(events, direct, focus=focus)
        assert (render_statement_list(index.statements.values(), shared)
                == render_statement_list(index.statements.values(), direct))
        assert shared.links.citations.numbers == direct.links.citations.numbers
        assert shared.links.citations.locators == direct.links.citations.locators
    assert 'class="focus"' in render_event_list(events, _draw(index, "actors/b/", rows), focus="b")


def test_a_cleared_cache_renders_again():
    index = _index()
    rows = RowCache(_draw(index, ""))
    events = list(index.events.values())
    first = render_event_list(events, _draw(index, "actors/a/", rows), focus="a")
    rows.clear()
    assert render_event_list(events, _draw(index, "actors/a/", rows), focus="a") == first
