"""The exit statuses of every `python -m macros` command, in one table, and how an internal error is reported."""
from __future__ import annotations

import os
import sys
import traceback

from ..model.problems import printable

EXIT_CLEAN = 0  # nothing wrong: the check passed, the record was added, the files are current
EXIT_PROBLEMS = 1  # the command ran and found problems to fix (or refused an unsafe request)
EXIT_CANNOT_RUN = 2  # the command could not do its work: a missing file, bad arguments, an internal error
EXIT_INTERRUPTED = 130  # stopped with Ctrl-C, as shells report it

# Set to 1 (or pass --traceback) to see the traceback behind an internal error.
TRACEBACK_SWITCH = "REFERENCE_TRACEBACK"


def wants_traceback(requested: bool = False) -> bool:
    """Whether a developer asked for tracebacks: --traceback, or REFERENCE_TRACEBACK=1."""
    return requested or os.environ.get(TRACEBACK_SWITCH, "").strip().lower() in ("1", "yes", "true", "on")


def report_internal_error(command: str, error: BaseException, show_traceback: bool) -> int:
    """Say in one line what failed (after the traceback, when asked for one); return EXIT_CANNOT_RUN."""
    # Editors need to know the command could not run, and what to send to a developer; a traceback
    # would read as a report of their data. The message is printable: it may quote data text.
    if show_traceback:
        traceback.print_exception(error, file=sys.stderr)
    print(printable(f"internal error in {command}: {type(error).__name__}: {error}"), file=sys.stderr)
    return EXIT_CANNOT_RUN
