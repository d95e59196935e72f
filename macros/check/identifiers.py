"""Identifiers other datasets use (Wikidata items, ISO 3166-1 codes): on the right records, cited, unique.

The shape of each id (Q123, AF, AFG) is checked with its field; these are the rules across fields and
records. Whether an ISO code is the state's own is checked against pycountry by the tests
(tests/data/test_identifiers.py), so that the site itself does not need the package.
"""
from __future__ import annotations

from typing import Any

from ..model.dataset import Dataset
from ..model.problems import Problem

_ISO_FIELDS = ("iso_alpha2", "iso_alpha3")


def _identifiers_of(record: Any) -> list[str]:
    """The names of the identifier fields a record fills."""
    return [name for name in ("wikidata", *_ISO_FIELDS) if getattr(record, name, None)]


def check_identifiers(dataset: Dataset) -> list[Problem]:
    """ISO codes only on states and both together; every identifier cited; no Wikidata item on two records."""
    problems: list[Problem] = []

    def add(record: Any, name: str, message: str, expected: str) -> None:
        problems.append(Problem(record.origin.path, record.origin.line, record.id, name, message, expected))

    holders: dict[str, Any] = {}
    records: list[Any] = [*dataset.actors, *dataset.organizations]
    for record in records:
        filled = _identifiers_of(record)
        if record.identifier_sources and not filled:
            add(record, "identifier_sources", "cites where identifiers come from, but holds none",
                "wikidata (or, for a state, iso_alpha2 and iso_alpha3) beside identifier_sources")
        if filled and not record.identifier_sources:
            # An id from memory cannot be checked by a reader: each one names the dataset that gives it.
            add(record, filled[0], "an identifier without a source", "identifier_sources: the published dataset "
                "that gives it, e.g. [{source: owid-countries-regions, locator: \"row AFG\"}]")
        iso = [name for name in _ISO_FIELDS if getattr(record, name, None)]
        if iso and getattr(record, "type", None) != "state":
            add(record, iso[0], f"ISO 3166-1 codes belong to states, not to a {getattr(record, 'type', 'record')}",
                "no ISO code on this record")
        elif len(iso) == 1:
            missing = next(name for name in _ISO_FIELDS if name not in iso)
            add(record, missing, "only one of the two ISO 3166-1 codes is given", "iso_alpha2 and iso_alpha3 together")
        if record.wikidata:
            first = holders.setdefault(record.wikidata, record)
            if first is not record:
                add(record, "wikidata", f"'{record.wikidata}' is also the Wikidata item of '{first.id}' "
                    f"({first.origin.path}:{first.origin.line})", "one record per Wikidata item")
    return problems
