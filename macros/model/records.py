"""The model: each kind of record declared once, as a dataclass whose fields carry their spec.

A record class is the one declaration of its kind: each field's shape, description, choices and
the kinds it may refer to sit in the field's metadata (see `declare`). Validation, the JSON Schema,
the downloads, the scaffolder and the docs read the specs from the class, so a field cannot exist
in one place and not the other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import QUALIFIERS, ReducedDate

# Re-exported: the readers of record classes (validation, schema, downloads) import the specs from here too.
from .fields import LIST_SHAPES as LIST_SHAPES
from .fields import SHAPES as SHAPES
from .fields import TEXT_SHAPES as TEXT_SHAPES
from .fields import Field as Field
from .fields import declare as declare
from .fields import field_names_of as field_names_of
from .fields import fields_of as fields_of
from .patterns import ISO_ALPHA2_PATTERN, ISO_ALPHA3_PATTERN, WIKIDATA_PATTERN

ACTOR_TYPES = ("state", "person", "armed-group", "government", "bloc")
ORGANIZATION_KINDS = ("military-alliance", "security-organization", "consultation-format",
                      "economic-union", "initiative", "intergovernmental-organization", "counter-terrorism-body",
                      "sanctions-regime", "un-mission")
MEMBERSHIP_ROLES = ("leader", "member", "observer", "dialogue-partner", "partner", "participant",
                    "invited-guest", "non-member")
EVENT_KINDS = ("meeting", "talks", "press-conference", "policy-document", "withdrawal",
               "annexation", "launch", "designation", "court-ruling", "recognition", "accreditation",
               "attack", "summit", "legislation", "visit", "agreement", "ceasefire", "clash", "strike",
               "founding", "accession", "exit", "exercise", "appointment", "sanctions", "chairmanship")
# A participation a source says is frozen or suspended (the role stays what it was).
MEMBERSHIP_STATUSES = ("frozen", "suspended")
# Directed ties between actors (or an actor and an organization): subject –type→ object.
RELATION_TYPES = ("designates-as-terrorist", "suspends-designation", "lifts-designation",
                  "recognizes-government", "withholds-recognition", "diplomatic-relations", "accredits-envoy",
                  "security-cooperation", "economic-cooperation", "hostile-to", "attacks", "branch-of",
                  "allied-with", "rival-of", "blames", "gives-assurances", "engages-with")
# 'target': the party an attack (or a claimed one) was aimed at; it did not take part.
PARTICIPANT_ROLES = ("host", "attendee", "speaker", "author", "principal", "invited-declined",
                     "not-invited", "target")
# The roles of those who took part (an event's structured data names them as organizer or attendee).
TAKING_PART_ROLES = ("host", "attendee", "speaker", "author", "principal")
# "state-media": a news outlet a state owns or runs (TASS, Xinhua, APP), so readers weigh it as such.
SOURCE_KINDS = ("analysis", "official", "news", "state-media", "reference")
# Ids appear in every address and anchor; 80 characters hold any real one.
ID_MAX_LENGTH = 80
CITATIONS_MAX_ITEMS = 50  # more sources than any fact needs; each one is a marker on every row that cites it


def _citations(required: bool = True) -> Any:
    return declare("citations", "Sources for this fact: source ids, or {source, locator}.",
                   required=required, refers_to=("source",), max_items=CITATIONS_MAX_ITEMS)


def _id() -> Any:
    return declare("id", "Stable identifier: lowercase letters, digits and hyphens.", required=True,
                   max_length=ID_MAX_LENGTH)


def _date_qualifier() -> Any:
    return declare("choice", "Part of the month or year, when the source says so.", choices=QUALIFIERS)


def _started_by() -> Any:
    return declare("reference", "The event that began it, if a source says.", refers_to=("event",))


def _ended_by() -> Any:
    return declare("reference", "The event that ended it, if a source says.", refers_to=("event",))


def _wikidata() -> Any:
    return declare("code", "Its Wikidata item, where a published dataset gives it (cite it in identifier_sources).",
                   pattern=WIKIDATA_PATTERN, example="Q889")


def _identifier_sources() -> Any:
    # The identifiers are facts like any other: where each came from is cited, not remembered.
    return declare("citations", "Where its identifiers (Wikidata item, ISO codes) come from: the published "
                   "dataset that gives them.", refers_to=("source",), max_items=CITATIONS_MAX_ITEMS)


def _disagreement() -> Any:
    return declare("reference", "The disagreement this record is one account of, when sources differ.",
                   refers_to=("disagreement",))


# ---------------------------------------------------------------- records and their parts

@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was written: file and line."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Citation:
    """A source backing a fact, with where in the source."""

    source: str = declare("reference", "The id of a source in sources.yml.", required=True, refers_to=("source",))
    locator: str | None = declare("text", "Where in the source: a paragraph, a page, a section.", max_length=300)


# kw_only: fields keep the order editors read them in (the schema, CSV columns and stubs follow it),
# required or not.
@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A published work the data cites."""

    id: str = _id()
    title: str = declare("text", "The title of the work.", required=True, max_length=300)
    publisher: str = declare("text", "Who published it.", required=True, max_length=200)
    date: ReducedDate = declare("date", "Publication date at the precision known.", required=True)
    kind: str = declare("choice", "What sort of source it is.", required=True, choices=SOURCE_KINDS)
    series: str | None = declare("text", "The column, series or section it appeared in.", max_length=200)
    author: str | None = declare("text", "The author, if named.", max_length=300)
    url: str | None = declare("url", "Where to read it (https).", max_length=2000)
    summary: str | None = declare("text", "One sentence on what it covers.", max_length=1000)
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """A position a person holds, in an actor or organization."""

    title: str = declare("text", "The position's title, as the source gives it.", required=True, max_length=200)
    of: str = declare("reference", "The actor or organization the position is in.", required=True,
                      refers_to=("actor", "organization"))
    as_of: ReducedDate | None = declare("date", "The date at which the source reports the position.")
    start: ReducedDate | None = declare("date", "When the position began, if the source says.")
    end: ReducedDate | None = declare("date", "When the position ended, if the source says.")
    sources: tuple[Citation, ...] = _citations()


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A state, person, armed group, government or bloc."""

    id: str = _id()
    type: str = declare("choice", "What sort of actor.", required=True, choices=ACTOR_TYPES)
    name: str = declare("text", "The name readers know it by.", required=True, max_length=150, is_name=True)
    other_names: tuple[str, ...] = declare("texts", "Aliases, short forms, transliterations: all searchable.",
                                          max_length=150, max_items=30, is_name=True)
    nationality: str | None = declare("reference", "For people: the state they belong to.", refers_to=("actor",))
    governs: str | None = declare("reference", "For governments: the state they govern (de facto or recognized).",
                                  refers_to=("actor",))
    summary: str = declare("text", "A short summary from the sources.", required=True,
                           max_length=2000)
    formed: ReducedDate | None = declare("date", "For armed groups: when it was formed, with a source.")
    dissolved: ReducedDate | None = declare("date", "For armed groups: when it ceased to exist, if a source says.")
    operates_in: tuple[str, ...] = declare("references", "For armed groups: the states where it operates.",
                                           refers_to=("actor",), max_items=100)
    positions: tuple[Position, ...] = declare("records", "For people: positions held.", item_class=Position,
                                              max_items=50)
    wikidata: str | None = _wikidata()
    iso_alpha2: str | None = declare("code", "For states: the ISO 3166-1 alpha-2 code.", pattern=ISO_ALPHA2_PATTERN,
                                     example="AF")
    iso_alpha3: str | None = declare("code", "For states: the ISO 3166-1 alpha-3 code.", pattern=ISO_ALPHA3_PATTERN,
                                     example="AFG")
    identifier_sources: tuple[Citation, ...] = _identifier_sources()
    sources: tuple[Citation, ...] = _citations()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Organization:
    """An alliance, organization, consultation format, union or initiative."""

    id: str = _id()
    name: str = declare("text", "The full name.", required=True, max_length=200, is_name=True)
    short_name: str | None = declare("text", "The abbreviation; becomes a tooltip everywhere.", max_length=60,
                                      is_name=True)
    other_names: tuple[str, ...] = declare("texts", "Other names, all searchable.", max_length=150, max_items=30,
                                          is_name=True)
    # Optional: a source may name an organization without saying what sort it is (NATO in the seed).
    kind: str | None = declare("choice", "What sort of organization or format, as a source describes it.",
                               choices=ORGANIZATION_KINDS)
    led_by: str | None = declare("reference", "The actor that leads it.", refers_to=("actor",))
    founded: ReducedDate | None = declare("date", "When it was founded, with a source.")
    founding_members: tuple[str, ...] = declare("references", "The states (or bodies) that founded it.",
                                                refers_to=("actor", "organization"), max_items=200)
    seat: str | None = declare("text", "Where its secretariat or headquarters sits, if a source says.",
                               max_length=200)
    summary: str = declare("text", "A short summary from the sources.", required=True,
                           max_length=2000)
    wikidata: str | None = _wikidata()
    identifier_sources: tuple[Citation, ...] = _identifier_sources()
    sources: tuple[Citation, ...] = _citations()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership:
    """Who belongs to which organization, in which role, when."""

    member: str = declare("reference", "The member: an actor or an organization.", required=True,
                          refers_to=("actor", "organization"))
    organization: str = declare("reference", "The organization.", required=True, refers_to=("organization",))
    role: str = declare("choice", "The member's role.", required=True, choices=MEMBERSHIP_ROLES)
    status: str | None = declare("choice", "Participation frozen or suspended, as a source states.",
                                 choices=MEMBERSHIP_STATUSES)
    as_of: ReducedDate | None = declare("date", "The date at which the source reports the membership.")
    start: ReducedDate | None = declare("date", "When the membership began, if known.")
    end: ReducedDate | None = declare("date", "When it ended, if known.")
    started_by: str | None = _started_by()
    ended_by: str | None = _ended_by()
    disagreement: str | None = _disagreement()
    note: str | None = declare("text", "A short qualification.", max_length=600)
    sources: tuple[Citation, ...] = _citations()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """An actor or organization taking part in an event, and how."""

    actor: str = declare("reference", "The participating actor or organization.", required=True,
                         refers_to=("actor", "organization"))
    role: str = declare("choice", "How the actor took part.", required=True, choices=PARTICIPANT_ROLES)
    note: str | None = declare("text", "A short qualification.", max_length=600)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A dated happening: a meeting, talks, a press conference, a policy document…"""

    id: str = _id()
    title: str = declare("text", "A short title.", required=True, max_length=200)
    kind: str = declare("choice", "What sort of event.", required=True, choices=EVENT_KINDS)
    date: ReducedDate = declare("date", "When, at the precision the source gives.", required=True)
    date_qualifier: str | None = _date_qualifier()
    place: str | None = declare("text", "Where, if the source says.", max_length=200)
    participants: tuple[Participant, ...] = declare("records", "Who took part and how.", item_class=Participant,
                                                    max_items=300)
    organizations: tuple[str, ...] = declare("references", "Organizations involved.", refers_to=("organization",),
                                              max_items=50)
    part_of: str | None = declare("reference", "A larger event this one belongs to.", refers_to=("event",))
    summary: str = declare("text", "What happened.", required=True, max_length=2500)
    sources: tuple[Citation, ...] = _citations()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """Who said what, when, where, about whom, and which statements it disputes or answers."""

    id: str = _id()
    speakers: tuple[str, ...] = declare("references", "Who said it.", refers_to=("actor", "organization"),
                                         max_items=50)
    attribution: str | None = declare("text", "Who said it, in words, when no single record fits.",
                                      max_length=300)
    date: ReducedDate | None = declare("date", "When it was said.")
    date_qualifier: str | None = _date_qualifier()
    event: str | None = declare("reference", "Where it was said.", refers_to=("event",))
    quote: str | None = declare("text", "The words, verbatim.", max_length=3000)
    paraphrase: str | None = declare("text", "A faithful paraphrase.", max_length=2000)
    about: tuple[str, ...] = declare("references", "What it is about.", refers_to=("actor", "organization"),
                                      max_items=50)
    disputes: tuple[str, ...] = declare("references", "Statements it rejects.", refers_to=("statement",),
                                         max_items=50)
    answers: tuple[str, ...] = declare("references", "Statements it responds to.", refers_to=("statement",),
                                        max_items=50)
    sources: tuple[Citation, ...] = _citations()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """A directed, typed tie: subject –type→ object (e.g. a state designates a group as terrorist)."""

    id: str = _id()
    subject: str = declare("reference", "Who holds the tie: an actor or organization.", required=True,
                           refers_to=("actor", "organization"))
    type: str = declare("choice", "What sort of tie.", required=True, choices=RELATION_TYPES)
    object: str = declare("reference", "Whom the tie is towards: an actor or organization.", required=True,
                          refers_to=("actor", "organization"))
    as_of: ReducedDate | None = declare("date", "The date at which the source reports the tie.")
    start: ReducedDate | None = declare("date", "When the tie began, if the source says.")
    end: ReducedDate | None = declare("date", "When it ended, if the source says.")
    started_by: str | None = _started_by()
    ended_by: str | None = _ended_by()
    disagreement: str | None = _disagreement()
    note: str | None = declare("text", "A short qualification; say whose words a claim is in.", max_length=600)
    sources: tuple[Citation, ...] = _citations()
    origin: Origin | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Account:
    """One source's (or several sources') account of a disputed fact."""

    says: str = declare("text", "What this account says, in plain words.", required=True, max_length=1500)
    sources: tuple[Citation, ...] = _citations()


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """Sources that differ about a fact: the question, how they differ, and each account."""

    id: str = _id()
    question: str = declare("text", "What the sources differ about, as a question.", required=True,
                              max_length=300)
    summary: str = declare("text", "A plain sentence saying how they differ.", required=True, max_length=1500)
    about: tuple[str, ...] = declare("references", "The records the question concerns.",
                                     refers_to=("actor", "organization", "event"), max_items=50)
    accounts: tuple[Account, ...] = declare("records", "Each account with its sources (at least two).",
                                            required=True, item_class=Account, max_items=20)
    origin: Origin | None = None


# ---------------------------------------------------------------- kinds

@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of record: its data file, its class (which declares its fields), whether it has ids and pages."""

    name: str  # plural, as in the file name: 'actors'
    singular: str  # 'actor'
    record_class: type
    has_id: bool = True
    has_page: bool = False

    @property
    def fields(self) -> tuple[Field, ...]:
        """The kind's field specs, from its record class."""
        return fields_of(self.record_class)

    def field_named(self, name: str) -> Field | None:
        """The field spec of that name, or None."""
        return next((spec for spec in self.fields if spec.name == name), None)


# The one list of kinds, in the order files are read and listed.
KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("sources", "source", Source),
    Kind("actors", "actor", Actor, has_page=True),
    Kind("organizations", "organization", Organization, has_page=True),
    Kind("memberships", "membership", Membership, has_id=False),
    Kind("events", "event", Event),
    Kind("statements", "statement", Statement),
    Kind("relations", "relation", Relation),
    Kind("disagreements", "disagreement", Disagreement),
)}
KIND_NAMES = tuple(KINDS)
