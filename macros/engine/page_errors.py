"""Errors in a page's template code, caught as the page renders and reported together, with file and line.

The plugin renders each page's template itself and catches what it raises (`{{ 1 // 0 }}`, a missing
`{% include %}`, an attribute the sandbox refuses): the failure is decided by the exception, never by a
log record, so no log level (`-q`, a host's logging) can turn it into a published page. The build then
stops with every page's error at once, before any page is written.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass

# Jinja names the frames of a template compiled from a string "<template>": their line is the page's line.
_TEMPLATE_FILE = "<template>"


@dataclass(frozen=True)
class PageError:
    """One page's template error: the page (relative to docs/), the line in the file, and what failed."""

    page: str
    line: int | None
    message: str


def line_in_template(error: BaseException) -> int | None:
    """The line of the template where the error happened, counted in the template's text."""
    line = getattr(error, "lineno", None)  # a TemplateSyntaxError knows its line
    if isinstance(line, int):
        return line
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == _TEMPLATE_FILE]
    return frames[-1].lineno if frames else None


def describe_error(error: BaseException) -> str:
    """One line naming the error: its type and message, without a traceback."""
    message = " ".join(str(getattr(error, "message", None) or error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def format_page_errors(errors: list[PageError]) -> str:
    """The message that stops a build: one line per error, `docs/<page>:<line>: <what failed>`."""
    lines = [f"docs/{error.page}:{error.line or 1}: {error.message}" for error in errors]
    return "A page's template code failed; nothing was built:\n" + "\n".join(lines)


def line_in_page_file(content: str, markdown: str, error: BaseException) -> int | None:
    """The line in the page's file where its template failed (front matter lines counted)."""
    line = line_in_template(error)
    if line is None:
        return None
    front_lines = content[:len(content) - len(markdown)].count("\n") if content.endswith(markdown) else 0
    return line + front_lines
