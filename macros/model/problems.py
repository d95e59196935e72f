"""Problems found in the data or pages, and how they are reported to people."""
from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

# ---------------------------------------------------------------- problem records

@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, located as precisely as we know: file, line, record, field."""

    path: str
    line: int | None
    record: str
    field: str
    message: str
    expected: str = ""

    def format(self) -> str:
        """Render as `path:line: record-id: field: what is wrong (what was expected)`, on one line."""
        location = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{location}: {self.record or '-'}: {self.field or '-'}: {self.message}"
        # Data text reaches the message: a line break or an escape sequence in it must not forge
        # another line of the report or drive the terminal.
        return printable(f"{text} (expected {self.expected})" if self.expected else text)


class DataError(Exception):
    """Raised with every problem found in one run, so editors fix them all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sort_problems(problems)
        super().__init__(format_problems(self.problems))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file, then line, so the report reads top to bottom."""
    return sorted(set(problems), key=lambda problem: (problem.path, problem.line or 0, problem.record,
                                                      problem.field, problem.message))


def format_problems(problems: Iterable[Problem]) -> str:
    """Render problems one per line, followed by a count."""
    lines = [problem.format() for problem in problems]
    noun = "problem" if len(lines) == 1 else "problems"
    return "\n".join(lines + [f"{len(lines)} {noun} found."])


def printable(text: str) -> str:
    """Text with every control character written as an escape (\\n, \\x1b), safe for one terminal line."""
    return "".join(character if character.isprintable() or character == " " else
                   character.encode("unicode_escape").decode("ascii") for character in text)


# ---------------------------------------------------------------- suggestions

# Candidate lists up to this size are compared whole, as difflib always did. A larger one (the ids of a
# 1,000-actor project) is compared through a small pool per word, so each unknown id costs bounded work:
# rebuilding and scanning the whole list per unknown id made 29,529 of them take 599 s (bench/README.md).
_COMPARE_WHOLE_UP_TO = 200
_NEIGHBOURS = 4  # on each side of the word, in the candidates sorted from the front and from the back
_COMPARED = 3  # of those, how many difflib compares with the word
_SEPARATORS_RE = re.compile(r"[\s_.]+")


def _normalised(text: str) -> str:
    """Text as an id would be written: lower case, spaces, underscores and dots as hyphens."""
    return _SEPARATORS_RE.sub("-", text.strip().lower())


class ClosestMatch:
    """The "did you mean" of one candidate list, built once: each look-up costs bounded work."""

    def __init__(self, candidates: Iterable[str]):
        self.candidates = tuple(dict.fromkeys(str(candidate) for candidate in candidates))
        self.normal: dict[str, str] = {}
        for candidate in self.candidates:
            self.normal.setdefault(_normalised(candidate), candidate)
        # A typo rarely touches both ends of an id, so the closest ids share a long start or a long end
        # with it: they sort next to the word, from the front or from the back.
        self.forward = sorted(self.candidates)
        self.backward = sorted(candidate[::-1] for candidate in self.candidates)
        self.found: dict[str, str] = {}

    def pool(self, word: str) -> list[str]:
        """The few candidates sharing the longest start or end with word (their neighbours when sorted)."""
        pool: dict[str, int] = {}
        for ordered, key, turn in ((self.forward, word, 1), (self.backward, word[::-1], -1)):
            middle = bisect.bisect_left(ordered, key)
            for candidate in ordered[max(0, middle - _NEIGHBOURS):middle + _NEIGHBOURS]:
                shared = _shared_start(key, candidate)
                if shared > pool.get(candidate[::turn], -1):
                    pool[candidate[::turn]] = shared
        return sorted(pool, key=pool.__getitem__, reverse=True)[:_COMPARED]

    def closest(self, word: str) -> str | None:
        """The closest candidate by difflib's ratio (at least 0.6), or None."""
        if len(self.candidates) <= _COMPARE_WHOLE_UP_TO:
            matches = difflib.get_close_matches(word, self.candidates, n=1, cutoff=0.6)
            return matches[0] if matches else None
        # difflib's ratio is the costly part (pure Python): each of the few in the pool gets it once.
        matcher = difflib.SequenceMatcher(None, "", word)
        best, best_score = None, 0.6
        for candidate in self.pool(word):
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() >= best_score and matcher.quick_ratio() >= best_score:
                score = matcher.ratio()
                if score > best_score or (score == best_score and best is None):
                    best, best_score = candidate, score
        return best

    def suggestion(self, word: str) -> str:
        """"; did you mean 'x'?" for the closest candidate, or '' when none is close."""
        word = str(word)
        found = self.found.get(word)
        if found is None:
            match = self.normal.get(_normalised(word)) or self.closest(word)
            found = self.found[word] = f"; did you mean '{match}'?" if match else ""
        return found


def _shared_start(first: str, second: str) -> int:
    """How many characters two texts share from their start."""
    limit = min(len(first), len(second))
    index = 0
    while index < limit and first[index] == second[index]:
        index += 1
    return index


@functools.lru_cache(maxsize=16)
def _closest_match(candidates: tuple[str, ...] | frozenset[str]) -> ClosestMatch:
    """One ClosestMatch per candidate list: callers asking again with the same list reuse it."""
    return ClosestMatch(candidates)


def suggest(word: str, candidates: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest candidate, or '' when none is close."""
    pool = candidates if isinstance(candidates, (tuple, frozenset)) else tuple(candidates)
    return _closest_match(pool).suggestion(word)


def with_article(noun: str) -> str:
    """'an organization', 'a source': the noun with its indefinite article, for messages."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
