"""Rows shared between record pages: the parts that read the same on every page of a folder are drawn once
per build, and each page still gets its own links to records and its own citation numbers."""
from __future__ import annotations

from macros.model.dataset import Dataset
from macros.model.dates import parse_reduced_date
from macros.model.records import Actor, Citation, Event, Participant, Statement
from macros.query.index import build_index
from macros.query.profile import events_reaching
from macros.render.components import Draw
from macros.render.rows import render_event_rows, render_statement_rows
from macros.render.urls import PageLinks

RECORD_URLS = {"alpha": "actors/alpha/", "beta": "actors/beta/"}
PAGE_URLS = {"timeline": "timeline/", "statements": "statements/", "sources": "sources/"}


def make_index():
    actors = [Actor(id=record_id, type="state", name=record_id.title() + ' <"&>', summary="S.",
                    sources=(Citation("ref"),)) for record_id in ("alpha", "beta")]
    event = Event(id="meeting", title="A <meeting>", kind="summit", date=parse_reduced_date("2024-03"),
                  summary="They met.", sources=(Citation("report", "p. 2"),),
                  participants=(Participant(actor="alpha", role="host"), Participant(actor="beta", role="attendee")))
    statement = Statement(id="said", speakers=("alpha",), date=parse_reduced_date("2024-03-02"), quote="We 'agree'.",
                          about=("beta",), sources=(Citation("report"),))
    return build_index(Dataset(actors=actors, events=[event], statements=[statement]))


def draw_for(index, page_url: str, shared: dict | None) -> Draw:
    draw = Draw(index, PageLinks(page_url, RECORD_URLS, PAGE_URLS))
    draw.shared_parts = shared
    return draw


def rows_of(draw: Draw, record_id: str) -> str:
    reaches = events_reaching(draw.index, record_id)
    return (render_event_rows(reaches, record_id, draw, caption="Events")
            + render_statement_rows(list(draw.index.statements.values()), draw))


def test_record_pages_of_a_folder_share_parts_and_write_what_unshared_drawing_writes():
    index = make_index()
    shared: dict = {}
    for record_id in ("alpha", "beta"):
        page = RECORD_URLS[record_id]
        assert rows_of(draw_for(index, page, shared), record_id) == rows_of(draw_for(index, page, None), record_id)
    # One event row and one statement row, each drawn once for the folder and used by both pages.
    assert set(shared) == {("event row", "meeting", "actors"), ("statement row", "said", "actors")}


def test_each_page_keeps_its_own_links_to_records_and_citation_numbers():
    index = make_index()
    shared: dict = {}
    alpha = rows_of(draw_for(index, "actors/alpha/", shared), "alpha")
    beta = rows_of(draw_for(index, "actors/beta/", shared), "beta")
    assert '<a href="./">Alpha &lt;&#34;&amp;&gt;</a>' in alpha  # the speaker's own page links to itself
    assert '<a href="../alpha/">Alpha &lt;&#34;&amp;&gt;</a>' in beta
    assert "<td>host</td>" in alpha and "<td>attended</td>" in beta  # how the page's record took part
    assert alpha.count('href="#ref-1"') == 2 and beta.count('href="#ref-1"') == 2  # numbered on each page
    assert "A &lt;meeting&gt;" in alpha and "We &#39;agree&#39;." in beta


def test_a_page_in_another_folder_gets_parts_of_its_own():
    index = make_index()
    shared: dict = {}
    rows_of(draw_for(index, "actors/alpha/", shared), "alpha")
    elsewhere = rows_of(draw_for(index, "people/alpha/", shared), "alpha")
    assert elsewhere == rows_of(draw_for(index, "people/alpha/", None), "alpha")
    assert {key[2] for key in shared} == {"actors", "people"}
