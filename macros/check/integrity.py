"""Integrity: references between records resolve, and the facts hang together."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..load.data_files import LoadedData, RawRecord
from ..model.dataset import Dataset, label_of_fields, label_of_record
from ..model.periods import ends_before_start
from ..model.problems import ClosestMatch, Problem, with_article
from ..model.records import KINDS, Field, Kind
from .identifiers import check_identifiers
from .periods import check_periods

# ---------------------------------------------------------------- references

def _referenced_ids(spec: Field, value: Any) -> Iterable[tuple[str, RawRecord | None]]:
    """The ids a field value refers to, each with the nested record it sits in (for its line)."""
    if spec.shape == "reference" and isinstance(value, (str, int)):
        yield str(value), None
    elif spec.shape == "references" and isinstance(value, list):
        yield from ((str(item), None) for item in value if isinstance(item, (str, int)))
    elif spec.shape == "citations" and isinstance(value, list):
        for item in value:
            if isinstance(item, RawRecord) and isinstance(item.fields.get("source"), str):
                yield item.fields["source"], item
            elif isinstance(item, str):
                yield item, None


def check_references(loaded: LoadedData, kind_of_id: dict[str, str]) -> list[Problem]:
    """Every reference names an existing record of an allowed kind; suggest the closest id otherwise."""
    problems: list[Problem] = []
    # A file that could not be read hides its ids: an unknown id of that kind is no news to the editor.
    unjudged = {kind.singular for kind in KINDS.values() if kind.name in loaded.unreadable}
    # The ids each list of allowed kinds could mean, gathered once: rebuilding them per unknown id made
    # 29,529 unknown references take 599 s.
    matchers: dict[tuple[str, ...], ClosestMatch] = {}

    def did_you_mean(target: str, allowed_kinds: tuple[str, ...]) -> str:
        matcher = matchers.get(allowed_kinds)
        if matcher is None:
            matcher = matchers[allowed_kinds] = ClosestMatch(
                record_id for record_id, kind in kind_of_id.items() if kind in allowed_kinds)
        return matcher.suggestion(target)

    def check_fields(raw: RawRecord, specs: tuple[Field, ...], record: str, prefix: str) -> None:
        for spec in specs:
            value = raw.fields.get(spec.name)
            if spec.shape == "records" and isinstance(value, list):
                for item in value:
                    if isinstance(item, RawRecord):
                        check_fields(item, spec.item_fields, record, prefix + spec.name + ".")
                continue
            for target, nested in _referenced_ids(spec, value):
                actual = kind_of_id.get(target)
                if actual in spec.refers_to or (actual is None and unjudged & set(spec.refers_to)):
                    continue
                where = nested or raw
                line = where.line_of("source") if nested else raw.line_of(spec.name)
                allowed = " or ".join(spec.refers_to)
                message = (f"'{target}' is {with_article(actual)}, not {with_article(allowed)}" if actual
                           else f"unknown {allowed} '{target}'{did_you_mean(target, spec.refers_to)}")
                problems.append(Problem(where.path, line, record, prefix + spec.name, message,
                                        f"the id of an existing {allowed}"))

    for kind_name, raws in loaded.records.items():
        kind = KINDS[kind_name]
        for raw in raws:
            check_fields(raw, kind.fields, label_of_fields(raw.fields), "")
    return problems


# ---------------------------------------------------------------- facts that must agree

def check_consistency(dataset: Dataset, kind_of_id: dict[str, str]) -> list[Problem]:
    """Rules across fields and records: dates in order, no duplicates, no self-reference."""
    problems: list[Problem] = []

    def add(origin: Any, record: str, name: str, message: str, expected: str) -> None:
        problems.append(Problem(origin.path, origin.line, record, name, message, expected))

    seen_memberships: dict[tuple, Any] = {}
    for membership in dataset.memberships:
        label = label_of_record(membership)
        # A role history repeats member, organization and role over different periods (two reports
        # 'as of' different dates are two facts): only the same period again is a duplicate.
        key = (membership.member, membership.organization, membership.role, membership.start, membership.end,
               membership.as_of)
        if key in seen_memberships:
            first = seen_memberships[key]
            add(membership.origin, label, "member",
                f"this membership is listed twice (first at {first.path}:{first.line})",
                "each membership once; add sources to the first one instead")
        else:
            seen_memberships[key] = membership.origin
        if membership.member == membership.organization:
            add(membership.origin, label, "member", "an organization cannot be its own member",
                "a different member")
    # Looked up by id: a scan of all actors per person grew with the square of the actors.
    actors_by_id = {actor.id: actor for actor in dataset.actors}  # ids are unique: validation dropped repeats
    for actor in dataset.actors:
        if actor.nationality and kind_of_id.get(actor.nationality) == "actor":
            state = actors_by_id.get(actor.nationality)
            if state and state.type != "state":
                add(actor.origin, actor.id, "nationality", f"'{state.id}' is a {state.type}, not a state",
                    "the id of a state")
        for position in actor.positions:
            if ends_before_start(position.start, position.end):
                add(actor.origin, actor.id, "positions.end",
                    f"position '{position.title}' ends ({position.end}) before it starts ({position.start})",
                    "an end on or after the start")
    for event in dataset.events:
        if event.date_qualifier and event.date.precision == "day":
            add(event.origin, event.id, "date_qualifier",
                f"'{event.date_qualifier}' qualifies a whole month or year, but the date is a day",
                "no qualifier with a day-precise date")
        if event.part_of == event.id:
            add(event.origin, event.id, "part_of", "an event cannot be part of itself", "another event's id")
        counts: dict[str, int] = defaultdict(int)
        for participant in event.participants:
            counts[participant.actor] += 1
        for actor_id, count in counts.items():
            if count > 1:
                add(event.origin, event.id, "participants", f"'{actor_id}' is listed {count} times",
                    "each participant once")
    for statement in dataset.statements:
        for name in ("disputes", "answers"):
            if statement.id in getattr(statement, name):
                add(statement.origin, statement.id, name, f"the statement {name} itself",
                    "the id of another statement")
        if not statement.speakers and not statement.attribution:
            add(statement.origin, statement.id, "speakers", "nobody is named as speaker",
                "speakers (ids) or an attribution (text)")
        if not statement.quote and not statement.paraphrase:
            add(statement.origin, statement.id, "quote", "neither a quote nor a paraphrase is given",
                "quote (verbatim) or paraphrase")
        if statement.date_qualifier and statement.date and statement.date.precision == "day":
            add(statement.origin, statement.id, "date_qualifier",
                "a qualifier needs a month- or year-precise date", "no qualifier with a day-precise date")
    # Dates, contradictions and disagreements: check/periods.py; identifiers: check/identifiers.py.
    return problems + check_periods(dataset) + check_identifiers(dataset)


def kinds_by_id(raw_by_id: dict[str, tuple[Kind, RawRecord]]) -> dict[str, str]:
    """Map each id to the singular name of its kind."""
    return {record_id: kind.singular for record_id, (kind, _raw) in raw_by_id.items()}
