"""The model: what each kind of record holds (field specs), and the typed records built from them.

The field specs are the one source of truth: validation, the JSON Schema and the docs read them.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .dates import QUALIFIERS, ReducedDate

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

ACTOR_TYPES = ("state", "person", "armed-group", "government", "bloc")
ORGANIZATION_KINDS = ("military-alliance", "security-organization", "consultation-format",
                      "economic-union", "initiative", "intergovernmental-organization")
MEMBERSHIP_ROLES = ("leader", "member", "observer", "dialogue-partner", "partner", "participant",
                    "invited-guest", "non-member")
EVENT_KINDS = ("meeting", "talks", "press-conference", "policy-document", "withdrawal",
               "annexation", "launch")
PARTICIPANT_ROLES = ("host", "attendee", "speaker", "author", "principal", "invited-declined",
                     "not-invited")
SOURCE_KINDS = ("analysis", "official", "news", "reference")


# ---------------------------------------------------------------- field specs

@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record: its shape, whether it is required, what it may hold."""

    name: str
    shape: str  # text, id, date, url, choice, texts, reference, references, citations, records
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    refers_to: tuple[str, ...] = ()  # record kinds a reference may point at
    item_fields: tuple["Field", ...] = ()  # for shape 'records': the fields of each item


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of record: its data file, its fields, and the class its records become."""

    name: str  # plural, as in the file name: 'actors'
    singular: str  # 'actor'
    fields: tuple[Field, ...]
    has_id: bool = True
    has_page: bool = False

    def field_named(self, name: str) -> Field | None:
        """The field spec of that name, or None."""
        return next((spec for spec in self.fields if spec.name == name), None)


def _citations(required: bool = True) -> Field:
    return Field("sources", "citations", "Sources for this fact: source ids, or {source, locator}.",
                 required=required, refers_to=("source",))


_ID = Field("id", "id", "Stable identifier: lowercase letters, digits and hyphens.", required=True)
_QUALIFIER = Field("date_qualifier", "choice", "Part of the month or year, when the source says so.",
                   choices=QUALIFIERS)

CITATION_FIELDS = (
    Field("source", "reference", "The id of a source in sources.yml.", required=True, refers_to=("source",)),
    Field("locator", "text", "Where in the source: a paragraph, a page, a section."),
)
POSITION_FIELDS = (
    Field("title", "text", "The position's title, as the source gives it.", required=True),
    Field("of", "reference", "The actor or organization the position is in.", required=True,
          refers_to=("actor", "organization")),
    Field("as_of", "date", "The date at which the source reports the position."),
    Field("start", "date", "When the position began, if the source says."),
    Field("end", "date", "When the position ended, if the source says."),
    _citations(),
)
PARTICIPANT_FIELDS = (
    Field("actor", "reference", "The participating actor or organization.", required=True,
          refers_to=("actor", "organization")),
    Field("role", "choice", "How the actor took part.", required=True, choices=PARTICIPANT_ROLES),
    Field("note", "text", "A short qualification."),
)

KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("sources", "source", (
        _ID,
        Field("title", "text", "The title of the work.", required=True),
        Field("publisher", "text", "Who published it.", required=True),
        Field("date", "date", "Publication date at the precision known.", required=True),
        Field("kind", "choice", "What sort of source it is.", required=True, choices=SOURCE_KINDS),
        Field("series", "text", "The column, series or section it appeared in."),
        Field("author", "text", "The author, if named."),
        Field("url", "url", "Where to read it (https)."),
        Field("summary", "text", "One sentence on what it covers."),
    )),
    Kind("actors", "actor", (
        _ID,
        Field("type", "choice", "What sort of actor.", required=True, choices=ACTOR_TYPES),
        Field("name", "text", "The name readers know it by.", required=True),
        Field("other_names", "texts", "Aliases, short forms, transliterations: all searchable."),
        Field("nationality", "reference", "For people: the state they belong to.", refers_to=("actor",)),
        Field("summary", "text", "A short summary from the sources.", required=True),
        Field("positions", "records", "For people: positions held.", item_fields=POSITION_FIELDS),
        _citations(),
    ), has_page=True),
    Kind("organizations", "organization", (
        _ID,
        Field("name", "text", "The full name.", required=True),
        Field("short_name", "text", "The abbreviation; becomes a tooltip everywhere."),
        Field("other_names", "texts", "Other names, all searchable."),
        # Optional: a source may name an organization without saying what sort it is (NATO in the seed).
        Field("kind", "choice", "What sort of organization or format, as a source describes it.",
              choices=ORGANIZATION_KINDS),
        Field("led_by", "reference", "The actor that leads it.", refers_to=("actor",)),
        Field("founded", "date", "When it was founded, with a source."),
        Field("summary", "text", "A short summary from the sources.", required=True),
        _citations(),
    ), has_page=True),
    Kind("memberships", "membership", (
        Field("member", "reference", "The member: an actor or an organization.", required=True,
              refers_to=("actor", "organization")),
        Field("organization", "reference", "The organization.", required=True, refers_to=("organization",)),
        Field("role", "choice", "The member's role.", required=True, choices=MEMBERSHIP_ROLES),
        Field("as_of", "date", "The date at which the source reports the membership."),
        Field("start", "date", "When the membership began, if known."),
        Field("end", "date", "When it ended, if known."),
        Field("note", "text", "A short qualification."),
        _citations(),
    ), has_id=False),
    Kind("events", "event", (
        _ID,
        Field("title", "text", "A short title.", required=True),
        Field("kind", "choice", "What sort of event.", required=True, choices=EVENT_KINDS),
        Field("date", "date", "When, at the precision the source gives.", required=True),
        _QUALIFIER,
        Field("place", "text", "Where, if the source says."),
        Field("participants", "records", "Who took part and how.", item_fields=PARTICIPANT_FIELDS),
        Field("organizations", "references", "Organizations involved.", refers_to=("organization",)),
        Field("part_of", "reference", "A larger event this one belongs to.", refers_to=("event",)),
        Field("summary", "text", "What happened.", required=True),
        _citations(),
    )),
    Kind("statements", "statement", (
        _ID,
        Field("speakers", "references", "Who said it.", refers_to=("actor", "organization")),
        Field("attribution", "text", "Who said it, in words, when no single record fits."),
        Field("date", "date", "When it was said."),
        _QUALIFIER,
        Field("event", "reference", "Where it was said.", refers_to=("event",)),
        Field("quote", "text", "The words, verbatim."),
        Field("paraphrase", "text", "A faithful paraphrase."),
        Field("about", "references", "What it is about.", refers_to=("actor", "organization")),
        Field("disputes", "references", "Statements it rejects.", refers_to=("statement",)),
        Field("answers", "references", "Statements it responds to.", refers_to=("statement",)),
        _citations(),
    )),
)}


# ---------------------------------------------------------------- typed records

@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was written: file and line."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    date: ReducedDate
    kind: str
    series: str | None = None
    author: str | None = None
    url: str | None = None
    summary: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Position:
    title: str
    of: str
    as_of: ReducedDate | None = None
    start: ReducedDate | None = None
    end: ReducedDate | None = None
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    type: str
    name: str
    summary: str
    other_names: tuple[str, ...] = ()
    nationality: str | None = None
    positions: tuple[Position, ...] = ()
    sources: tuple[Citation, ...] = ()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    summary: str
    kind: str | None = None
    short_name: str | None = None
    other_names: tuple[str, ...] = ()
    led_by: str | None = None
    founded: ReducedDate | None = None
    sources: tuple[Citation, ...] = ()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    member: str
    organization: str
    role: str
    as_of: ReducedDate | None = None
    start: ReducedDate | None = None
    end: ReducedDate | None = None
    note: str | None = None
    sources: tuple[Citation, ...] = ()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    actor: str
    role: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    kind: str
    date: ReducedDate
    summary: str
    date_qualifier: str | None = None
    place: str | None = None
    participants: tuple[Participant, ...] = ()
    organizations: tuple[str, ...] = ()
    part_of: str | None = None
    sources: tuple[Citation, ...] = ()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    speakers: tuple[str, ...] = ()
    attribution: str | None = None
    date: ReducedDate | None = None
    date_qualifier: str | None = None
    event: str | None = None
    quote: str | None = None
    paraphrase: str | None = None
    about: tuple[str, ...] = ()
    disputes: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    origin: Origin | None = None


RECORD_CLASSES: dict[str, type] = {
    "sources": Source, "actors": Actor, "organizations": Organization,
    "memberships": Membership, "events": Event, "statements": Statement,
}
ITEM_CLASSES: dict[str, type] = {"positions": Position, "participants": Participant, "sources": Citation}


def build_record(cls: type, values: dict[str, Any]) -> Any:
    """Instantiate a record class from validated values, ignoring absent optional fields."""
    names = {spec.name for spec in fields(cls)}
    return cls(**{name: value for name, value in values.items() if name in names})
