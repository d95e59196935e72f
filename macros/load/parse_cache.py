"""A cache of parsed data files, keyed by content: YAML parsing dominates loading large data.

Reading records back with marshal is much faster than parsing (what it saves: bench/README.md).
Entries hold plain values only (tuples, dicts, lists, text), so the records
are rebuilt with the loading module's own classes: `mkdocs serve` re-imports that module on each
rebuild, and objects of an older class generation would fail isinstance checks. The key covers
the file's bytes, its path and the loading code itself, so an edit to either
misses the cache. The cache lives outside the project (nothing is written next to the data) and
can be switched off with REFERENCE_PARSE_CACHE=off, or moved with REFERENCE_PARSE_CACHE=/folder.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .switches import is_switched_off

# The loading code is part of the key: a change to how records are built must not reuse old ones.
_CODE_FINGERPRINT = hashlib.sha256(yaml.__version__.encode() + b"".join(
    (Path(__file__).resolve().parents[1] / name).read_bytes()
    for name in ("load/data_files.py", "load/block_yaml.py", "load/safe_yaml.py", "model/problems.py",
                 "load/parse_cache.py", "load/text_files.py")
)).hexdigest()


def default_cache_dir() -> Path | None:
    """The cache folder from REFERENCE_PARSE_CACHE, else the user's cache folder; None when switched off."""
    if is_switched_off("REFERENCE_PARSE_CACHE"):
        return None
    setting = os.environ.get("REFERENCE_PARSE_CACHE", "")
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "security-reference" / "parsed-data"


def cache_file_for(cache_dir: Path, source: Path, display_path: str, raw: bytes) -> Path:
    """The cache entry for this exact content of this file."""
    content = hashlib.sha256(_CODE_FINGERPRINT.encode() + display_path.encode() + b"\0" + raw).hexdigest()
    return cache_dir / f"{_prefix_of(source)}-{content[:32]}.marshal"


def _prefix_of(source: Path) -> str:
    """Entries of one file share a prefix, so an update can drop that file's older entries."""
    return hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]


def read_cached(entry: Path) -> Any | None:
    """The cached value, or None when absent or unreadable (a broken entry is just a miss)."""
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, TypeError, ValueError):
        return None


def write_cached(entry: Path, value: Any) -> None:
    """Store plain values atomically and drop older entries of the same file; never fail the build."""
    try:
        data = marshal.dumps(value)
    except ValueError:
        return  # a value marshal cannot hold (an exotic YAML type): this file is simply not cached
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        prefix = entry.name.split("-", 1)[0]
        for old in entry.parent.glob(f"{prefix}-*.marshal"):
            if old != entry:
                old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False, suffix=".tmp") as stream:
            stream.write(data)
        os.replace(stream.name, entry)
    except OSError:
        pass  # a read-only or full disk only costs speed
