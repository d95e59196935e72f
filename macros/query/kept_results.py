"""Results computed from lists of records, kept with the index and reused while the same records are asked about.

Under `mkdocs serve` an edit to free text alone (a summary, a name) keeps the index, with the edited file's new
records swapped in (query/index.py swap_records), and the kept results with it. A result is reused only when the
very same record objects are given again, in the same order: records of an unchanged data file are the same
objects in the next build, an edited record is a new one. So the year-end member lists of an organization, or
every statement sorted by date, are worked out again only after an edit to the records they are made from.
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

Result = TypeVar("Result")


@dataclass
class KeptResults:
    """Each result by its key, with the records it was made from."""

    _results: dict[Hashable, tuple[tuple[Any, ...], Any]] = field(default_factory=dict)

    def get_or_make(self, key: Hashable, inputs: Sequence[Any], make: Callable[[], Result]) -> Result:
        """The result kept under key if it was made from these very objects, in this order; else make() it."""
        kept = self._results.get(key)
        if kept is not None and len(kept[0]) == len(inputs) and all(map(operator.is_, kept[0], inputs)):
            result: Result = kept[1]
            return result
        result = make()
        # Held with the inputs, so no id is reused while the result is kept (memory: one entry per key).
        self._results[key] = (tuple(inputs), result)
        return result
