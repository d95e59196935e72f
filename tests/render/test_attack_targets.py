"""Attacks name the party they were aimed at as 'target', not as an attendee: the model has the role,
pages label it, and the real data uses it where a note says the party was the target."""
from __future__ import annotations

from bs4 import BeautifulSoup

from macros.model.dataset import Dataset
from macros.model.dates import parse_reduced_date
from macros.model.records import PARTICIPANT_ROLES, Actor, Citation, Event, Participant
from macros.query.index import build_index
from macros.render.components import Draw
from macros.render.entries import render_event_list
from macros.render.html import PARTICIPANT_ROLE_LABELS
from macros.render.urls import PageLinks
from tests.support import read_data_file

CITED = (Citation("report"),)


def test_target_is_a_participant_role_with_a_label():
    assert "target" in PARTICIPANT_ROLES
    assert set(PARTICIPANT_ROLE_LABELS) == set(PARTICIPANT_ROLES)  # every role can be drawn


def test_an_attack_lists_its_target_as_target_with_the_note_escaped():
    event = Event(id="attack", title="An attack", kind="attack", date=parse_reduced_date("2024-03-22"),
                  summary="Gunmen attacked.", sources=CITED,
                  participants=(Participant(actor="group", role="principal", note="claimed it"),
                                Participant(actor="state", role="target", note="the <b>country</b> attacked")))
    actors = [Actor(id=a, type="state", name=a.title(), summary="S.", sources=CITED) for a in ("group", "state")]
    links = PageLinks("timeline/", {}, {"timeline": "timeline/"})
    draw = Draw(build_index(Dataset(actors=actors, events=[event])), links)
    soup = BeautifulSoup(render_event_list([event], draw, focus="state"), "html.parser")
    target = soup.select_one('li[data-role="target"]')
    assert target.select_one(".participant-role").get_text() == "(target: the <b>country</b> attacked)"
    assert not target.find("b")


def test_no_attack_in_the_data_calls_the_party_it_targeted_an_attendee():
    events = {event["id"]: event for event in read_data_file("events")}
    for event in events.values():
        for participant in event.get("participants", []) if event["kind"] == "attack" else []:
            note = participant.get("note", "")
            if participant["role"] == "attendee":
                assert "target" not in note and "attacked" not in note, (event["id"], participant["actor"])
    targets = {(event_id, p["actor"]) for event_id, event in events.items()
               for p in event.get("participants", []) if p["role"] == "target"}
    assert {("russian-embassy-kabul-bombing-2022-09-05", "russia"), ("crocus-city-hall-attack-2024-03-22", "russia"),
            ("iskp-rockets-at-termez-2022-04-18", "uzbekistan")} <= targets
