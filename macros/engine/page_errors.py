"""Errors in a page's template code, caught as the page renders and reported together, with file and line.

mkdocs-macros catches an error in a page's template (`{{ 1 // 0 }}`, `{{ page.meta.nope }}`, a missing
`{% include %}`), logs it with a traceback, and then either exits the process (`on_error_fail: true`: a
SystemExit that `mkdocs serve` does not survive) or publishes the error as the page. Neither is what an
editor wants. This filter sits on mkdocs-macros' logger: it takes the error (still being handled, so
`sys.exc_info()` holds it), notes the page and line, and drops the log record; the glue then stops the
build with every page's error at once, before anything is written.
"""
from __future__ import annotations

import logging
import sys
import traceback
from dataclasses import dataclass

MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros.util"
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


class PageErrorCatcher(logging.Filter):
    """A filter for mkdocs-macros' logger that collects template errors instead of letting them print."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[PageError] = []
        self.page: str | None = None  # the page being rendered, as the glue announces it
        self.body_first_line = 1  # the file line on which the page's template text starts (after front matter)

    def start_page(self, page: str, body_first_line: int) -> None:
        """Note the page whose template is rendered next."""
        self.page, self.body_first_line = page, body_first_line

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]
        if record.levelno < logging.WARNING or error is None or self.page is None:
            return True
        line = line_in_template(error)
        self.errors.append(PageError(self.page, None if line is None else line + self.body_first_line - 1,
                                     describe_error(error)))
        return False  # reported with the others, in one message, by the glue

    def take_errors(self) -> list[PageError]:
        """The errors collected so far, emptying the list."""
        errors, self.errors = self.errors, []
        return errors


def install_catcher() -> PageErrorCatcher:
    """Put a fresh catcher on mkdocs-macros' logger, removing any left by an earlier build in this process."""
    logger = logging.getLogger(MACROS_LOGGER)
    # By name: the glue imports this module anew for each build, so an old catcher's class is another object.
    for old in [existing for existing in logger.filters if type(existing).__name__ == "PageErrorCatcher"]:
        logger.removeFilter(old)
    catcher = PageErrorCatcher()
    logger.addFilter(catcher)
    return catcher
