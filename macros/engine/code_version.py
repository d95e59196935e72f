"""Whether the site's code changed: `mkdocs serve` imports it anew only then."""
from __future__ import annotations

from pathlib import Path


def fingerprint_code(code_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and time of change of every Python file and template under the code folder."""
    found = []
    for path in sorted(code_dir.rglob("*")):
        if path.suffix in (".py", ".html") and path.is_file():
            stat = path.stat()
            found.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)
