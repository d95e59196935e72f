"""Loading: YAML files under data/ become raw records that remember their file and line."""
from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model.dataset import label_of_fields
from ..model.problems import Problem, suggest
from ..model.records import KIND_NAMES
from .block_yaml import GiveUp, read_block_list
from .own_files import display_path, problem_with_file
from .parse_cache import cache_file_for, read_cached, write_cached
from .safe_yaml import MAX_DEPTH, TooDeep, read_document
from .switches import is_switched_off
from .text_files import decode_text, line_of_byte

# The C parser is several times faster on large data; fall back to pure Python where it is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Files the fast reader left to PyYAML, newest last: (path, line or None, reason). Bounded, since
# `mkdocs serve` keeps this module loaded across rebuilds; tests and benchmarks read it.
fallbacks: deque[tuple[str, int | None, str]] = deque(maxlen=100)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Build many long-lived objects without the cyclic garbage collector walking them."""
    # Reading and checking 10,000 events makes ~10^6 objects without cycles. With the collector on,
    # its passes over them (during the work and once more when it resumes) took ~40% of the time
    # (measured). Frozen objects are still freed by reference counting; only cycles wait, and the
    # next load (a rebuild under `mkdocs serve`) unfreezes them, so nothing piles up.
    if is_switched_off("REFERENCE_GC_TUNING"):
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------- raw records

@dataclass(slots=True)
class RawRecord:
    """A YAML mapping with the line of the record and of each of its keys."""

    path: str
    line: int
    fields: dict[str, Any]
    field_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The line of a field, or of the record when the field is absent."""
        return self.field_lines.get(name, self.line)


@dataclass
class LoadedData:
    """Raw records per kind, plus every problem met while reading."""

    records: dict[str, list[RawRecord]]
    problems: list[Problem]
    # Kinds with a file that could not be read at all: references to them cannot be judged.
    unreadable: set[str] = field(default_factory=set)


def _describe_syntax_error(error: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """Line and message of a YAML syntax error, naming where an unclosed part began."""
    mark = error.problem_mark or error.context_mark
    message = f"YAML syntax error: {error.problem or error.context}"
    # PyYAML notices an unclosed bracket or quote only where the next thing starts; the editor's
    # mistake is where the bracket or quote opened, so name that line too.
    if error.context and error.problem and error.context_mark and mark:
        if error.context_mark.line != mark.line:
            message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        else:
            message += f" ({error.context})"
    return (mark.line + 1 if mark else None), message


def _code_point(character: int | str) -> int:
    """The code point of a character as either YAML loader reports it (the C one gives an int)."""
    return character if isinstance(character, int) else ord(character)


def load_data_file(path: Path, display_path: str,
                   cache_dir: Path | None = None) -> tuple[list[RawRecord], list[Problem]]:
    """Read one YAML file holding a list of records, from the parse cache when its content is unchanged."""
    raw = path.read_bytes()
    if cache_dir is None:
        return parse_data_file(raw, display_path)
    entry = cache_file_for(cache_dir, path, display_path, raw)
    with paused_gc():
        cached = read_cached(entry)
        if cached is not None:
            records, problems = cached
            return [_from_plain(record) for record in records], [Problem(*problem) for problem in problems]
    records, problems = parse_data_file(raw, display_path)
    write_cached(entry, ([_to_plain(record) for record in records],
                         [tuple(getattr(problem, name) for name in Problem.__dataclass_fields__)
                          for problem in problems]))
    return records, problems


_RECORD_MARK = "\0record"  # tags a RawRecord in the cache's plain form; no YAML text starts with NUL


def _to_plain(value: Any) -> Any:
    """RawRecords as tagged tuples, for the parse cache."""
    if isinstance(value, RawRecord):
        return (_RECORD_MARK, value.path, value.line, {k: _to_plain(v) for k, v in value.fields.items()},
                value.field_lines)
    if isinstance(value, list):
        return [_to_plain(item) for item in value]
    return value


def _from_plain(value: Any) -> Any:
    """Rebuild RawRecords (of this module's class) from the cache's plain form."""
    if type(value) is tuple and len(value) == 5 and value[0] == _RECORD_MARK:
        return RawRecord(value[1], value[2], {k: _from_plain(v) for k, v in value[3].items()}, value[4])
    if type(value) is list:
        return [_from_plain(item) for item in value]
    return value


def _fast_reader_allowed() -> bool:
    """REFERENCE_FAST_YAML=off reads every file with PyYAML (to compare, or to rule the fast reader out)."""
    return not is_switched_off("REFERENCE_FAST_YAML")


def _read_fast(text: str, display_path: str) -> tuple[list[RawRecord], list[Problem]] | None:
    """Records and problems from the fast block reader, or None when the file is outside its subset."""
    def make_record(line: int, fields: dict[str, Any], field_lines: dict[str, int]) -> RawRecord:
        return RawRecord(display_path, line, fields, field_lines)
    try:
        items = read_block_list(text, make_record)
    except GiveUp as give_up:
        fallbacks.append((display_path, *give_up.args))
        return None
    records: list[RawRecord] = []
    problems: list[Problem] = []
    for record, duplicates in items:
        records.append(record)
        problems.extend(Problem(display_path, line, label_of_fields(record.fields), key,
                                f"key '{key}' appears twice in one record",
                                "each key once") for line, key in duplicates)
    return records, problems


def parse_data_file(raw: bytes, display_path: str,
                    fast: bool = True) -> tuple[list[RawRecord], list[Problem]]:
    """Parse one YAML file holding a list of records; report every problem instead of raising.

    The fast block reader reads the usual files; anything outside its subset (and every error) is
    PyYAML's, so messages stay the same. fast=False always uses PyYAML.
    """
    try:
        text = decode_text(raw)  # any line ending, an optional byte-order mark: as the engine reads files
    except UnicodeDecodeError as error:
        return [], [Problem(display_path, line_of_byte(raw, error.start), "", "",
                            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})",
                            "a file saved as UTF-8")]
    with paused_gc():
        if fast and _fast_reader_allowed():
            result = _read_fast(text, display_path)
            if result is not None:
                return result
        return _read_with_pyyaml(text, display_path)


def _read_with_pyyaml(text: str, display_path: str) -> tuple[list[RawRecord], list[Problem]]:
    """Records and problems from PyYAML's parser events (safe_yaml.py); every error becomes a Problem."""
    problems: list[Problem] = []

    def make_record(line: int, fields: dict[str, Any], field_lines: dict[str, int]) -> RawRecord:
        return RawRecord(display_path, line, fields, field_lines)
    try:
        document = read_document(yaml.parse(text, Loader=_Loader), display_path, make_record, problems)
    except TooDeep as too_deep:
        return [], [_too_deep(display_path, too_deep.args[0])]
    except yaml.MarkedYAMLError as error:
        line, message = _describe_syntax_error(error)
        # libyaml stops at 1,000 levels while scanning ahead, before safe_yaml's limit is reached: same news.
        if "maximum nesting depth" in str(error.problem):
            return [], [_too_deep(display_path, line)]
        return [], [Problem(display_path, line, "", "", message, "valid YAML")]
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow
        return [], [Problem(display_path, text.count("\n", 0, error.position) + 1, "", "",
                            f"the character U+{_code_point(error.character):04X} is not allowed in YAML",
                            "printable text; remove or replace the character")]
    if document.empty:
        return [], [Problem(display_path, 1, "", "", "the file is empty",
                            "a list of records, each starting with '- id:'")]
    if not isinstance(document.root, list):
        return [], [Problem(display_path, document.root_line, "", "", "the top level is not a list",
                            "a list of records, each starting with '- '")]
    records = []
    for item, line in zip(document.root, document.item_lines, strict=True):
        if isinstance(item, RawRecord):
            records.append(item)
        else:
            problems.append(Problem(display_path, line, "", "", "this list item is not a record",
                                    "a mapping of field: value"))
    return records, problems


def _too_deep(display_path: str, line: int | None) -> Problem:
    """The problem of a document nested deeper than safe_yaml allows."""
    return Problem(display_path, line, "", "", f"nested deeper than {MAX_DEPTH} levels",
                   "records, lists and fields as the data files nest them")


# ---------------------------------------------------------------- the data folder

def find_data_files(data_dir: Path) -> tuple[dict[str, list[Path]], list[Problem], set[str]]:
    """Map each kind to its files: data/KIND.yml and data/KIND/*.yml; flag stray and refused files.

    Returns the files, the problems, and the kinds with a refused file (their ids cannot be known).
    """
    files: dict[str, list[Path]] = {kind: [] for kind in KIND_NAMES}
    problems: list[Problem] = []
    refused_kinds: set[str] = set()
    project_dir = data_dir.parent
    expected = "a YAML file that belongs to the project"
    for path in sorted(data_dir.glob("*.y*ml")):
        refused = problem_with_file(path, project_dir, expected)
        if refused:
            problems.append(refused)
            refused_kinds.add(path.stem)
            continue
        kind = path.stem
        if kind in files:
            files[kind].append(path)
        else:
            problems.append(Problem(display_path(path, project_dir), None, "", "",
                                    f"'{path.name}' is not a data file name"
                                    f"{suggest(path.name, [k + '.yml' for k in KIND_NAMES])}",
                                    "one of " + ", ".join(k + ".yml" for k in KIND_NAMES)))
    for kind in KIND_NAMES:
        for path in sorted((data_dir / kind).glob("*.y*ml")):
            refused = problem_with_file(path, project_dir, expected)
            if refused:
                problems.append(refused)
                refused_kinds.add(kind)
            else:
                files[kind].append(path)
    return files, problems, refused_kinds


def load_data_folder(data_dir: Path, cache_dir: Path | None = None) -> LoadedData:
    """Read every data file under data_dir; paths in problems are relative to the project."""
    if not data_dir.is_dir():
        return LoadedData({kind: [] for kind in KIND_NAMES},
                          [Problem(data_dir.name, None, "", "", "the data folder does not exist",
                                   "a folder holding sources.yml, actors.yml, …")], set(KIND_NAMES))
    files, problems, refused_kinds = find_data_files(data_dir)
    records: dict[str, list[RawRecord]] = {}
    unreadable = refused_kinds & set(KIND_NAMES)
    for kind, paths in files.items():
        records[kind] = []
        for path in paths:
            shown = display_path(path, data_dir.parent)
            try:
                found, file_problems = load_data_file(path, shown, cache_dir)
            except OSError as error:  # changed since find_data_files looked at it, or a failing disk
                found, file_problems = [], [Problem(shown, None, "", "", "this file cannot be read "
                                                    f"({error.strerror or error})", "a readable YAML file")]
            records[kind].extend(found)
            problems.extend(file_problems)
            if file_problems and not found:
                unreadable.add(kind)
    return LoadedData(records, problems, unreadable)
