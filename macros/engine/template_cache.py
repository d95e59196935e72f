"""Compiled theme templates kept in memory between the builds of one `mkdocs serve` session.

mkdocs makes a new Jinja environment for every build, so each rebuild compiled Material's templates again
(about 45 of them, a tenth of a second to a third of a summary edit's wait at 1,000 actors). Jinja checks
each kept compilation against its template's source, so an edited template is compiled anew.
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache, in a dict: no files written, gone with the process."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from the kept compilation, if any (Jinja then checks the source's checksum)."""
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a fresh compilation."""
        self.codes[bucket.key] = bucket.bytecode_to_string()
