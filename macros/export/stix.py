"""The data as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP and others).

States, governments, blocs, organizations and people are identities; armed groups are threat actors;
memberships and relations are relationships with their dates; events are reports naming who took part;
every object's external references are the sources it cites. Ids are UUIDv5 of the record's key in a
fixed namespace, and every timestamp comes from the data, so the same data gives the same bundle, byte
for byte. The JSON is written directly from the records (the site needs no STIX library); the tests
validate it with the stix2-validator package.
"""
from __future__ import annotations

import datetime
import functools
import json
import operator
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..model.dataset import Dataset
from ..model.dates import ReducedDate
from ..model.records import Actor, Citation, Event, Organization, Source

# A fixed namespace: changing it would change every id in the bundle.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "afghanistan-central-asia-security-reference/stix")
SITE_NAME = "Afghanistan & Central Asia Security Reference"
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # characters a URI keeps as they are (RFC 3986), '%' for encoded ones
# STIX identity classes (identity-class-ov) for the actor types that are identities.
_IDENTITY_CLASSES = {"state": "organization", "government": "organization", "bloc": "group", "person": "individual"}


@functools.lru_cache(maxsize=200_000)  # the same ids every build under `mkdocs serve`; uuid5 is costly
def stix_id(object_type: str, key: str) -> str:
    """A deterministic STIX id: the type and a UUIDv5 of the record's key."""
    return f"{object_type}--{uuid.uuid5(NAMESPACE, f'{object_type}:{key}')}"


def _instant(date: ReducedDate, *, after: bool = False) -> str:
    """The first instant of a reduced date's period, or (after=True) the first instant after the period."""
    first = datetime.date(date.year, date.month or 1, date.day or 1)
    if after and date.day:
        first += datetime.timedelta(days=1)
    elif after and date.month:
        first = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
    elif after:
        first = datetime.date(date.year + 1, 1, 1)
    return first.strftime("%Y-%m-%dT00:00:00Z")


def _external_references(citations: Iterable[Citation], sources: dict[str, Source]) -> list[dict[str, Any]]:
    """Each cited source once: its publisher, title, address and id in this dataset."""
    found = []
    for source_id in dict.fromkeys(citation.source for citation in citations):
        source = sources[source_id]
        reference = {"source_name": source.publisher, "description": f"{source.title} ({source.date.iso()})",
                     "external_id": source.id}
        if source.url:
            # STIX wants a URI: characters outside ASCII (a curly apostrophe in a path) percent-encoded.
            reference["url"] = quote(source.url, safe=_URL_SAFE)
        found.append(reference)
    return found


class _Builder:
    """Collects the bundle's objects; every object shares the bundle's creator and timestamp."""

    def __init__(self, dataset: Dataset):
        self.sources = {source.id: source for source in dataset.sources}
        newest = max((source.date for source in dataset.sources), default=ReducedDate(2000))
        # From the data, so the same data gives the same bundle; created and modified need milliseconds.
        self.timestamp = _instant(newest).replace("Z", ".000Z")
        self.creator = stix_id("identity", "site")
        self.objects: list[dict[str, Any]] = [self.common("identity", self.creator, name=SITE_NAME,
                                                          identity_class="organization")]
        self.ids: dict[str, str] = {}

    def common(self, object_type: str, object_id: str, **properties: Any) -> dict[str, Any]:
        node = {"type": object_type, "spec_version": "2.1", "id": object_id, "created": self.timestamp,
                "modified": self.timestamp}
        if object_id != self.creator:
            node["created_by_ref"] = self.creator
        node.update({name: value for name, value in properties.items() if value not in (None, [], "")})
        return node

    def add(self, object_type: str, key: str, citations: Iterable[Citation], **properties: Any) -> str:
        object_id = stix_id(object_type, key)
        references = _external_references(citations, self.sources)
        self.objects.append(self.common(object_type, object_id, external_references=references, **properties))
        return object_id

    def add_record(self, record: Actor | Organization) -> None:
        citations = [*record.sources, *record.identifier_sources]
        names = ([record.short_name] if isinstance(record, Organization) and record.short_name else [])
        names += list(record.other_names)
        extra = {"x_reference_id": record.id, "x_wikidata": record.wikidata}
        if isinstance(record, Actor) and record.type == "armed-group":
            # A threat actor, typed by no one's judgment: the sources say who designates it, as relationships.
            self.ids[record.id] = self.add("threat-actor", record.id, citations, name=record.name,
                                           description=record.summary, aliases=names, **extra)
            return
        identity_class = _IDENTITY_CLASSES.get(record.type, "organization") if isinstance(record, Actor) \
            else "organization"
        sectors = ["government-national"] if isinstance(record, Actor) and record.type in ("state", "government") \
            else None
        self.ids[record.id] = self.add("identity", record.id, citations, name=record.name, description=record.summary,
                                       identity_class=identity_class, sectors=sectors, x_aliases=names, **extra)

    def add_event(self, event: Event) -> None:
        refs = [self.ids[p.actor] for p in event.participants if p.actor in self.ids]
        refs += [self.ids[o] for o in event.organizations if o in self.ids]
        if refs:  # a report names at least one object; an event naming nobody stays in the JSON download
            self.add("report", f"event:{event.id}", event.sources, name=event.title, description=event.summary,
                     published=_instant(event.date), report_types=[event.kind],
                     object_refs=list(dict.fromkeys(refs)), x_reference_id=event.id, x_date=event.date.iso())

    def add_tie(self, key: str, kind: str, source: str, target: str, citations: Iterable[Citation], *,
                start: ReducedDate | None, end: ReducedDate | None, as_of: ReducedDate | None, note: str | None,
                x_reference: dict[str, Any]) -> None:
        if source not in self.ids or target not in self.ids:
            return
        begin = start or as_of
        self.add("relationship", key, citations, relationship_type=kind, source_ref=self.ids[source],
                 target_ref=self.ids[target], description=note,
                 start_time=_instant(begin) if begin else None,
                 stop_time=_instant(end, after=True) if end else None,
                 # The dates at the sources' own precision ('2023-04'), which STIX timestamps cannot say.
                 **{f"x_{name}": value.iso() for name, value in (("start", start), ("end", end), ("as_of", as_of))
                    if value}, **x_reference)


def build_bundle(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as a STIX 2.1 bundle (a mapping ready for JSON)."""
    builder = _Builder(dataset)
    for _records, steps in _step_groups(builder, dataset):
        for _record, _key, add in steps:
            add()
    return _bundle(builder.objects)


def _bundle(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The bundle around its objects, its id made from theirs."""
    return {"type": "bundle", "id": _bundle_id([node["id"] for node in objects]), "objects": objects}


def _bundle_id(object_ids: list[str]) -> str:
    """The bundle's id: a UUIDv5 of its objects' ids."""
    return f"bundle--{uuid.uuid5(NAMESPACE, ' '.join(sorted(object_ids)))}"


Step = tuple[Any, str, Callable[[], None]]  # a record, its key beyond the record, what adds its objects


def _step_groups(builder: _Builder, dataset: Dataset) -> list[tuple[list[Any], Iterator[Step]]]:
    """The records in the bundle's order, in groups (actors and organizations, memberships, relations, events):
    each group's records and its steps, one per record."""
    records: list[Actor | Organization] = [*dataset.actors, *dataset.organizations]
    return [(records, ((record, "", functools.partial(builder.add_record, record)) for record in records)),
            (dataset.memberships, _membership_steps(builder, dataset)),
            (dataset.relations, ((relation, "", functools.partial(
                builder.add_tie, f"relation:{relation.id}", relation.type, relation.subject, relation.object,
                relation.sources, start=relation.start, end=relation.end, as_of=relation.as_of, note=relation.note,
                x_reference={"x_reference_id": relation.id})) for relation in dataset.relations)),
            (dataset.events, ((event, "", functools.partial(builder.add_event, event)) for event in dataset.events))]


def _membership_steps(builder: _Builder, dataset: Dataset) -> Iterator[Step]:
    """A step per membership, keyed by member, organization, role and its place in that role's history."""
    seen: dict[str, int] = {}
    for membership in dataset.memberships:
        key = f"membership:{membership.member}:{membership.organization}:{membership.role}"
        seen[key] = seen.get(key, 0) + 1  # a role history repeats member, organization and role
        yield membership, f"{key}:{seen[key]}", functools.partial(
            builder.add_tie, f"{key}:{seen[key]}", "member-of", membership.member, membership.organization,
            membership.sources, start=membership.start, end=membership.end, as_of=membership.as_of,
            note=membership.note, x_reference={"x_role": membership.role, "x_status": membership.status})


# One object of the bundle as kept: its id, its compact text, its indented text.
Piece = tuple[str, str, str]


@dataclass
class _Block:
    """One group of records as last written (see _step_groups)."""

    records: list[Any]  # the group's records in order (held, so their id()s are not reused)
    kept: dict[int, tuple[Any, str, list[Piece]]]  # per record, by id(): the record, its key, its objects
    ids: list[str]  # the group's objects' ids, in order
    texts: dict[str, str]  # each object's indented text by its compact text
    # The objects' indented texts in the bundle's order (the same strings as in texts: joined per build, since a
    # joined copy would hold the bundle's 18 MB at 1,000 actors twice).
    in_order: list[str]


@dataclass
class StixMemo:
    """What render_stix_bundle keeps between builds under `mkdocs serve`."""

    # What every object reads beyond its own record: the source objects, each actor's id and type, the organizations.
    sources: list[Source] = field(default_factory=list)
    names: list[tuple[str, str | None]] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)  # per group of records, in the bundle's order
    bundle_id: tuple[list[list[str]], str] | None = None  # the objects' ids per group, and the id made from them


def render_stix_bundle(dataset: Dataset, memo: StixMemo | None = None) -> str:
    """The STIX bundle as JSON text.

    memo: kept between builds (under `mkdocs serve`) and updated here. A record object kept from an unchanged
    data file gives the same objects while what they read beyond it (sources, actors' types) is the same: its
    texts are reused, so an edit serializes only the edited file's records, and a group whose records are all
    the very same objects in the same order (every group but the edited file's) is reused whole. Other objects
    are written compact by the C encoder; indenting forces Python's pure-Python JSON encoder, so their indented
    text is reused when the compact text is known.
    """
    if memo is None:
        return json.dumps(build_bundle(dataset), ensure_ascii=False, indent=1) + "\n"
    builder = _Builder(dataset)
    # Filled before any record is added, so a record whose objects are reused still has its id known.
    records: list[Actor | Organization] = [*dataset.actors, *dataset.organizations]
    builder.ids = {record.id: stix_id(_object_type(record), record.id) for record in records}
    names: list[tuple[str, str | None]] = [(actor.id, actor.type) for actor in dataset.actors]
    names += [(organization.id, None) for organization in dataset.organizations]
    same_context = names == memo.names and len(memo.sources) == len(dataset.sources) and all(
        map(operator.is_, memo.sources, dataset.sources))
    site_identity = _pieces({}, builder.objects)  # the site's own identity, first
    blocks = []
    for number, (group, steps) in enumerate(_step_groups(builder, dataset)):
        last = memo.blocks[number] if number < len(memo.blocks) else None
        if same_context and last is not None and len(last.records) == len(group) and all(
                map(operator.is_, last.records, group)):
            blocks.append(last)  # the very same records in the same order: the same objects and texts
            continue
        blocks.append(_write_block(builder, list(group), steps, last, same_context))
    memo.blocks, memo.sources, memo.names = blocks, list(dataset.sources), names
    ids = [block.ids for block in blocks]
    if memo.bundle_id is None or memo.bundle_id[0] != ids:
        memo.bundle_id = (ids, _bundle_id([site_identity[0][0], *(object_id for part in ids for object_id in part)]))
    # The layout json.dumps(bundle, indent=1) writes, put together from the objects' texts.
    head = f'{{\n "type": "bundle",\n "id": {json.dumps(memo.bundle_id[1], ensure_ascii=False)},\n "objects": [\n'
    return head + ",\n".join([site_identity[0][2], *(text for block in blocks for text in block.in_order)]) + \
        "\n ]\n}\n"


def _write_block(builder: _Builder, group: list[Any], steps: Iterator[Step], last: _Block | None,
                 same_context: bool) -> _Block:
    """A group's objects; a record's are the last build's when it is the same record with the same key and
    context (same_context: see render_stix_bundle), and an object's indented text when its compact text is."""
    kept_before = last.kept if last is not None and same_context else {}
    texts = last.texts if last is not None else {}  # a compact text gives one indented text, in any context
    kept: dict[int, tuple[Any, str, list[Piece]]] = {}
    pieces: list[Piece] = []
    for record, key, add in steps:
        found = kept_before.get(id(record))
        if found is None or found[0] is not record or found[1] != key:
            start = len(builder.objects)
            add()
            found = (record, key, _pieces(texts, builder.objects[start:]))
        kept[id(record)] = found
        pieces += found[2]
    # Objects no longer in the bundle are forgotten: memory stays flat across edits.
    return _Block(group, kept, [object_id for object_id, _compact, _text in pieces],
                  {compact: text for _id, compact, text in pieces}, [text for _id, _compact, text in pieces])


def _pieces(texts: dict[str, str], nodes: list[dict[str, Any]]) -> list[Piece]:
    """Each object's id, compact text and indented text (read from texts when the compact text is known)."""
    made = []
    for node in nodes:
        compact = json.dumps(node, ensure_ascii=False, separators=(",", ":"))
        made.append((node["id"], compact, texts.get(compact) or _indent_object(node)))
    return made


def _object_type(record: Actor | Organization) -> str:
    """The STIX type of an actor's or organization's object: armed groups are threat actors."""
    return "threat-actor" if isinstance(record, Actor) and record.type == "armed-group" else "identity"


def _indent_object(node: dict[str, Any]) -> str:
    """One object as json.dumps(bundle, indent=1) writes it in the bundle's list (two levels in)."""
    # JSON strings hold no raw line break, so every line of the text is a line of the layout.
    return "\n".join("  " + line for line in json.dumps(node, ensure_ascii=False, indent=1).split("\n"))
