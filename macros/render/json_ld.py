"""Structured data for search engines and harvesters: schema.org JSON-LD describing a record page.

The page is a WebPage about its record (a Country, a Person or an Organization), with the record's
memberships as schema.org Roles (roleName, startDate, endDate), its events, and the sources it cites
as `citation` (a property of creative works, hence of the page, not of the record).

Every node has an `@id`: a record is `<its page>#record` (the same id on every page that names it, so
harvesters merge them), an event its entry on the timeline, a source its own address (or its entry on
the sources page), a role or place an anchor under its owner's id. With the site's address configured
the ids are absolute; without it (a local build) they are relative to the page, which JSON-LD resolves
against the address the page is served from. A record with a Wikidata item says so in `sameAs`.
A state is both a Country and a GovernmentOrganization: the place, and the polity that is a member of
organizations and employs officials (schema.org's memberOf and member take organizations, not places).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..model.dates import ReducedDate
from ..model.records import TAKING_PART_ROLES, Actor, Citation, Event, Membership, Organization, Source
from ..query import index as query
from ..query.index import Index

# Actor types as schema.org types; organizations, armed groups, governments and blocs are Organizations.
SCHEMA_TYPES: dict[str, str | list[str]] = {"state": ["Country", "GovernmentOrganization"], "person": "Person"}
WIKIDATA_ITEM = "https://www.wikidata.org/entity/"  # Wikidata's concept URI, as sameAs expects a thing
# Participants who took part (organizer or attendee); 'invited-declined', 'not-invited' and 'target' did not.
_ORGANIZER_ROLES = ("host",)
_ATTENDEE_ROLES = tuple(role for role in TAKING_PART_ROLES if role not in _ORGANIZER_ROLES)
# Characters that could end the script element or start markup inside it, written as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

UrlOf = Callable[[str], str | None]


def schema_type_of(index: Index, record_id: str) -> str | list[str]:
    """The schema.org type of an actor or organization id."""
    actor = index.actors.get(record_id)
    return SCHEMA_TYPES.get(actor.type, "Organization") if actor else "Organization"


def record_node_id(page_url: str | None) -> str:
    """The @id of a record: its page's address with '#record' (relative to the page when unknown)."""
    return (page_url or "./") + "#record"


def _same_as(index: Index, record_id: str) -> dict[str, Any]:
    record = index.actors.get(record_id) or index.organizations.get(record_id)
    return {"sameAs": WIKIDATA_ITEM + record.wikidata} if record is not None and record.wikidata else {}


def _reference(index: Index, record_id: str, url_of: UrlOf) -> dict[str, Any]:
    """A short node naming another actor or organization: id, type, name, page and Wikidata item."""
    url = url_of(record_id)
    node: dict[str, Any] = {"@id": record_node_id(url) if url else f"./#record-{record_id}",
                            "@type": schema_type_of(index, record_id), "name": query.name_of(index, record_id)}
    if url:
        node["url"] = url
    node.update(_same_as(index, record_id))
    return node


def _dates(node: dict[str, Any], start: ReducedDate | None, end: ReducedDate | None) -> dict[str, Any]:
    # ISO 8601 at the source's precision ('2023-02'): schema.org Date accepts reduced precision.
    if start:
        node["startDate"] = start.iso()
    if end:
        node["endDate"] = end.iso()
    return node


def _role_description(membership: Membership) -> str | None:
    """What the dates cannot say: the as-of date, a frozen or suspended status, the note."""
    parts = []
    if membership.as_of and not membership.start:
        parts.append(f"as of {membership.as_of.iso()}")
    if membership.status:
        parts.append(f"participation {membership.status}")
    if membership.note:
        parts.append(membership.note)
    return "; ".join(parts) or None


def _role(membership: Membership, property_name: str, target: dict[str, Any], node_id: str) -> dict[str, Any]:
    """A schema.org Role: the membership's role and dates around the member (or organization) node."""
    node: dict[str, Any] = {"@id": node_id, "@type": "Role", "roleName": membership.role}
    _dates(node, membership.start, membership.end)
    description = _role_description(membership)
    if description:
        node["description"] = description
    node[property_name] = target
    return node


def build_event(event: Event, index: Index, url_of: UrlOf, event_url: UrlOf) -> dict[str, Any]:
    """An Event: name, startDate, location, organizer and attendees, description."""
    url = event_url(event.id) or f"./#event-{event.id}"
    node: dict[str, Any] = {"@id": url, "@type": "Event", "name": event.title, "startDate": event.date.iso(),
                            "description": event.summary, "url": url}
    if event.place:
        node["location"] = {"@id": f"{url}-place", "@type": "Place", "name": event.place}
    organizers = [_reference(index, p.actor, url_of) for p in event.participants if p.role in _ORGANIZER_ROLES]
    attendees = [_reference(index, p.actor, url_of) for p in event.participants if p.role in _ATTENDEE_ROLES]
    if organizers:
        node["organizer"] = organizers
    if attendees:
        node["attendee"] = attendees
    return node


def build_citation(source: Source, entry_url: str | None = None) -> dict[str, Any]:
    """A cited source as a CreativeWork: name, url, publisher, datePublished."""
    # A work is identified by its own address; one without is identified by its entry on the sources page.
    work_id = source.url or entry_url or f"./#source-{source.id}"
    node: dict[str, Any] = {"@id": work_id, "@type": "CreativeWork", "name": source.title,
                            "publisher": {"@id": f"{work_id}#publisher" if "#" not in work_id
                                          else f"{work_id}-publisher", "@type": "Organization",
                                          "name": source.publisher},
                            "datePublished": source.date.iso()}
    if source.url:
        node["url"] = source.url
    return node


def _cited_sources(groups: Iterable[Iterable[Citation]], index: Index) -> list[Source]:
    """The sources of these citations, each once, in order of first citation."""
    seen: dict[str, Source] = {}
    for citations in groups:
        for citation in citations:
            if citation.source not in seen and citation.source in index.sources:
                seen[citation.source] = index.sources[citation.source]
    return list(seen.values())


def build_record_json_ld(record: Actor | Organization, index: Index, *, page_url: str | None, url_of: UrlOf,
                         event_url: UrlOf, date_modified: str | None = None,
                         source_url: UrlOf = lambda _source_id: None) -> dict[str, Any]:
    """The JSON-LD of a record's page: a WebPage about the record, with roles, events and citations."""
    thing_id = record_node_id(page_url)
    thing: dict[str, Any] = {"@id": thing_id, "@type": schema_type_of(index, record.id), "name": record.name}
    names = ([record.short_name] if isinstance(record, Organization) and record.short_name else [])
    names += list(record.other_names)
    if names:
        thing["alternateName"] = names
    thing["description"] = record.summary
    if page_url:
        thing["url"] = page_url
    thing.update(_same_as(index, record.id))
    identifiers = [("ISO 3166-1 alpha-2", getattr(record, "iso_alpha2", None)),
                   ("ISO 3166-1 alpha-3", getattr(record, "iso_alpha3", None)), ("Wikidata", record.wikidata)]
    found = [{"@id": f"{thing_id}-{name.split()[-1].lower()}", "@type": "PropertyValue", "propertyID": name,
              "value": value} for name, value in identifiers if value]
    if found:
        thing["identifier"] = found
    citations: list[Iterable[Citation]] = [record.sources]
    memberships = query.memberships_of(index, record.id)
    roles = [_role(m, "memberOf", _reference(index, m.organization, url_of), f"{thing_id}-membership-{number}")
             for number, m in enumerate(memberships, 1)]
    if isinstance(record, Actor):
        if record.type == "person" and record.nationality and record.nationality in index.actors:
            thing["nationality"] = _reference(index, record.nationality, url_of)
        for number, position in enumerate(record.positions, 1):
            role: dict[str, Any] = {"@id": f"{thing_id}-position-{number}", "@type": "Role", "roleName": position.title}
            _dates(role, position.start, position.end)
            if position.as_of and not position.start:
                role["description"] = f"as of {position.as_of.iso()}"
            role["memberOf"] = _reference(index, position.of, url_of)
            roles.append(role)
            citations.append(position.sources)
    else:
        if record.founded:
            thing["foundingDate"] = record.founded.iso()
        members = query.members_of(index, record.id)
        if members:
            thing["member"] = [_role(m, "member", _reference(index, m.member, url_of), f"{thing_id}-member-{number}")
                               for number, m in enumerate(members, 1)]
        citations += [m.sources for m in members]
    if roles:
        thing["memberOf"] = roles
    citations += [m.sources for m in memberships]
    events = query.events_of(index, record.id)
    if events:
        thing["subjectOf"] = [build_event(event, index, url_of, event_url) for event in events]
        citations += [event.sources for event in events]
    page: dict[str, Any] = {"@context": "https://schema.org", "@id": page_url or "./", "@type": "WebPage",
                            "name": record.name}
    if page_url:
        page["url"] = page_url
    if date_modified:
        page["dateModified"] = date_modified
    page["about"] = thing
    sources = _cited_sources(citations, index)
    if sources:
        page["citation"] = [build_citation(source, source_url(source.id)) for source in sources]
    return page


def render_json_ld(document: dict[str, Any]) -> str:
    """A <script type="application/ld+json"> element; no data value can close it or open markup."""
    # Compact: indent forces Python's slow pure-Python encoder (4.2 times slower, measured) for no reader.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'
