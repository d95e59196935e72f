"""Problems found in the data or pages, and how they are reported to people."""
from __future__ import annotations

import difflib
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

def suggest(word: str, candidates: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest candidate, or '' when none is close."""
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def with_article(noun: str) -> str:
    """'an organization', 'a source': the noun with its indefinite article, for messages."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
