"""Time and disagreement rules: dates in order, reports inside their periods, no silent contradictions.

Two records of one fact (a member's role in one organization; one tie between the same two records)
whose periods overlap (see macros/model/periods.py) and differ contradict each other. Sources do
differ; then both records carry the same `disagreement:`, which the pages show as accounts side by
side. Anything else is a slip the editor is told about, naming both records' file and line.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ..model.dataset import Dataset, label_of_record
from ..model.periods import describe_period, ends_before_start, period_of, periods_overlap, same_at_shared_precision
from ..model.problems import Problem

# A disagreement sets accounts side by side: one account alone is no disagreement.
MINIMUM_ACCOUNTS = 2


def _problem(record: Any, field: str, message: str, expected: str) -> Problem:
    origin = record.origin
    return Problem(origin.path if origin else "", origin.line if origin else None, label_of_record(record),
                   field, message, expected)


def _where(record: Any) -> str:
    return f"{record.origin.path}:{record.origin.line}" if record.origin else "?"


def check_dates(records: Iterable[Any]) -> list[Problem]:
    """Each record's end is not before its start, and its `as_of` lies inside [start, end]."""
    problems = []
    for record in records:
        if ends_before_start(record.start, record.end):
            problems.append(_problem(record, "end", f"ends ({record.end}) before it starts ({record.start})",
                                     "an end on or after the start"))
        if record.as_of is None:
            continue
        # Compared at the precision both dates share: 'as_of: 2024' lies inside 'start: 2024-07'.
        if record.start and not same_at_shared_precision(record.as_of, record.start) and record.as_of < record.start:
            problems.append(_problem(record, "as_of", f"is reported as of {record.as_of}, before it starts "
                                     f"({record.start})", "an as_of on or after the start"))
        if record.end and not same_at_shared_precision(record.as_of, record.end) and record.as_of > record.end:
            problems.append(_problem(record, "as_of", f"is reported as of {record.as_of}, after it ends "
                                     f"({record.end})", "an as_of on or before the end"))
    return problems


def _membership_differs(first: Any, second: Any) -> str | None:
    """How two memberships of one member in one organization differ, in words, or None."""
    if first.role != second.role:
        return f"role {first.role} vs {second.role}"
    if first.status != second.status:
        return f"status {first.status or 'none'} vs {second.status or 'none'}"
    return None


def _relation_differs(first: Any, second: Any) -> str | None:
    """How two ties of the same type between the same records differ: their stated start or end."""
    for name in ("start", "end"):
        mine, theirs = getattr(first, name), getattr(second, name)
        if mine and theirs and not same_at_shared_precision(mine, theirs):
            return f"{name} {mine} vs {theirs}"
    return None


def find_contradictions(records: Iterable[Any], fact_of: Callable[[Any], tuple],
                        differs: Callable[[Any, Any], str | None], kind: str) -> list[Problem]:
    """Pairs of records of one fact whose periods overlap and differ, unless both carry one disagreement."""
    by_fact: dict[tuple, list[Any]] = defaultdict(list)
    for record in records:
        by_fact[fact_of(record)].append(record)
    problems = []
    for group in by_fact.values():
        # Pairwise within one fact's records: a handful each, never the whole data.
        for number, later in enumerate(group):
            for earlier in group[:number]:
                difference = differs(earlier, later)
                if difference is None or (later.disagreement and later.disagreement == earlier.disagreement):
                    continue
                if periods_overlap(period_of(earlier), period_of(later)):
                    problems.append(_problem(
                        later, "disagreement",
                        f"contradicts the {kind} at {_where(earlier)} ({difference}; {describe_period(earlier)} "
                        f"overlaps {describe_period(later)}): mark both with the same `disagreement:` if "
                        "sources differ", "periods that do not overlap, or one disagreement on both records"))
    return problems


def check_disagreements(dataset: Dataset) -> list[Problem]:
    """Each disagreement has at least two accounts."""
    return [_problem(disagreement, "accounts",
                     f"has {len(disagreement.accounts)} account{'s' if len(disagreement.accounts) != 1 else ''}",
                     f"at least {MINIMUM_ACCOUNTS} accounts, each with its sources")
            for disagreement in dataset.disagreements if len(disagreement.accounts) < MINIMUM_ACCOUNTS]


def check_periods(dataset: Dataset) -> list[Problem]:
    """Every time and disagreement rule over memberships, relations and disagreements."""
    problems = check_dates(dataset.memberships)
    problems += check_dates(dataset.relations)
    problems += [_problem(relation, "object", "a relation ties a record to itself", "another record's id")
                 for relation in dataset.relations if relation.subject == relation.object]
    problems += find_contradictions(dataset.memberships, lambda m: (m.member, m.organization),
                                    _membership_differs, "membership")
    problems += find_contradictions(dataset.relations, lambda r: (r.subject, r.type, r.object),
                                    _relation_differs, "relation")
    problems += check_disagreements(dataset)
    return problems
