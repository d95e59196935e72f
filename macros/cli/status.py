"""The exit statuses of every `python -m macros` command, in one table."""
from __future__ import annotations

EXIT_CLEAN = 0  # nothing wrong: the check passed, the record was added, the files are current
EXIT_PROBLEMS = 1  # the command ran and found problems to fix (or refused an unsafe request)
EXIT_CANNOT_RUN = 2  # the command could not do its work: a missing file, bad arguments, an internal error
