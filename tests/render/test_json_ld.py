"""Structured data: each record page's schema.org JSON-LD says what the data says (types, names, membership
roles with their dates, events, cited sources), and no text from the data can leave the script element."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.model.dataset import Dataset
from macros.model.dates import ReducedDate
from macros.model.records import Actor, Citation, Source
from macros.query import index as query
from macros.query.index import Index
from macros.render.json_ld import build_record_json_ld, render_json_ld
from macros.site.macros import MacroSet
from tests.support import examples

SCRIPT = re.compile(r'^<script type="application/ld\+json">\n(.*)\n</script>\n$', re.DOTALL)


@pytest.fixture(scope="module")
def json_ld_of(real_site):
    """The JSON-LD of a record's page, as finish_page puts it on the page, decoded."""
    macro_set = MacroSet(real_site)
    texts: dict[tuple[str, str], str] = {}  # each page's JSON-LD drawn once for the module's tests

    def read(record_id: str, src: str) -> dict:
        if (record_id, src) not in texts:
            macro_set.start_page(src, record_id)
            found = SCRIPT.match(macro_set.changes.json_ld(record_id))
            assert found, "one script element, nothing around it"
            texts[record_id, src] = found.group(1)
        return json.loads(texts[record_id, src])  # decoded anew: a test may change what it is given

    return read


def _records(real_site):
    return ([(actor.id, f"actors/{actor.id}.md") for actor in real_site.index.actors.values()]
            + [(organization.id, f"organizations/{organization.id}.md")
               for organization in real_site.index.organizations.values()])


def test_every_record_page_is_a_web_page_about_a_thing_of_the_right_type(real_site, json_ld_of):
    expected_types = {"state": ["Country", "GovernmentOrganization"], "person": "Person", "armed-group": "Organization",
                      "government": "Organization", "bloc": "Organization"}
    for record_id, src in _records(real_site):
        document = json_ld_of(record_id, src)
        record = query.find_record(real_site.index, record_id)
        assert document["@context"] == "https://schema.org" and document["@type"] == "WebPage"
        about = document["about"]
        actor = real_site.index.actors.get(record_id)
        assert about["@type"] == (expected_types[actor.type] if actor else "Organization"), record_id
        assert about["name"] == document["name"] == record.name and about["description"] == record.summary


def test_an_organizations_members_are_roles_with_the_datas_role_and_dates(real_site, json_ld_of):
    for organization in real_site.index.organizations.values():
        document = json_ld_of(organization.id, f"organizations/{organization.id}.md")
        members = query.members_of(real_site.index, organization.id)
        expected = [(query.name_of(real_site.index, m.member), m.role, m.start and m.start.iso(), m.end and m.end.iso())
                    for m in members]
        found = [(role["member"]["name"], role["roleName"], role.get("startDate"), role.get("endDate"))
                 for role in document["about"].get("member", [])]
        assert found == expected, organization.id
        assert all(role["@type"] == "Role" for role in document["about"].get("member", []))


def test_an_actors_memberships_are_roles_in_member_of(real_site, json_ld_of):
    russia = json_ld_of("russia", "actors/russia.md")["about"]
    expected = {(query.name_of(real_site.index, m.organization), m.role)
                for m in query.memberships_of(real_site.index, "russia")}
    assert expected and expected <= {(role["memberOf"]["name"], role["roleName"]) for role in russia["memberOf"]}
    assert all(role["memberOf"]["url"].startswith("../../organizations/") for role in russia["memberOf"]
               if role["memberOf"]["@type"] == "Organization" and "url" in role["memberOf"])


def test_events_carry_their_date_place_and_who_took_part(real_site, json_ld_of):
    for record_id, src in _records(real_site):
        events = query.events_of(real_site.index, record_id)
        found = json_ld_of(record_id, src)["about"].get("subjectOf", [])
        assert [(e["name"], e["startDate"]) for e in found] == [(e.title, e.date.iso()) for e in events], record_id
        for event, node in zip(events, found, strict=True):
            assert node["@type"] == "Event"
            assert node.get("location", {}).get("name") == event.place
            hosts = [query.name_of(real_site.index, p.actor) for p in event.participants if p.role == "host"]
            assert [o["name"] for o in node.get("organizer", [])] == hosts
            declined = {query.name_of(real_site.index, p.actor) for p in event.participants
                        if p.role in ("invited-declined", "not-invited")}
            assert not declined & {a["name"] for a in node.get("attendee", [])}


def test_the_records_own_sources_are_cited_as_creative_works(real_site, json_ld_of):
    for record_id, src in _records(real_site):
        record = query.find_record(real_site.index, record_id)
        # Two outlets may carry one wire story under the same title: a work is its title and publisher.
        cited = {(work["name"], work["publisher"]["name"]): work
                 for work in json_ld_of(record_id, src).get("citation", [])}
        for citation in record.sources:
            source = real_site.index.sources[citation.source]
            work = cited[(source.title, source.publisher)]
            assert work["@type"] == "CreativeWork" and work["publisher"]["name"] == source.publisher
            assert work["datePublished"] == source.date.iso() and work.get("url") == source.url


def test_the_page_is_dated_by_the_last_change_of_its_record(real_site, json_ld_of):
    macro_set = MacroSet(real_site)
    found = macro_set.changes.log.last_change_of("actors", "russia")
    document = json_ld_of("russia", "actors/russia.md")
    assert document.get("dateModified") == (found[0] if found else None)


# ---------------------------------------------------------------- escaping

def _one_actor_index(text: str) -> tuple[Index, Actor]:
    source = Source(id="s", title=text, publisher=text, date=ReducedDate(2023, 4), kind="news", url=None)
    actor = Actor(id="x", type="person", name=text, other_names=(text,), summary=text, sources=(Citation("s"),))
    return query.build_index(Dataset(sources=[source], actors=[actor])), actor


@settings(max_examples=examples(150), deadline=None)
@given(text=st.text(min_size=1) | st.sampled_from(["</script><script>alert(1)</script>", "<!--", "]]>", "&amp;",
                                                   "</SCRIPT >", "\u2028\u2029", "<\\/script>"]))
def test_no_text_can_close_the_script_and_every_value_reads_back_exactly(text):
    index, actor = _one_actor_index(text)
    document = build_record_json_ld(actor, index, page_url=None, url_of=lambda _: None, event_url=lambda _: None)
    html = render_json_ld(document)
    body = SCRIPT.match(html).group(1)
    assert not set("<>&") & set(body)  # no tag can start or end, no entity can be read inside the element
    assert json.loads(body) == document
    assert json.loads(body)["about"]["name"] == text and json.loads(body)["citation"][0]["publisher"]["name"] == text
