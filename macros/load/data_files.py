"""Loading: YAML files under data/ become raw records that remember their file and line."""
from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..model.dataset import label_of_fields
from ..model.problems import Problem, suggest
from ..model.records import KIND_NAMES
from .block_yaml import GiveUp, read_block_list
from .own_files import problem_with_file
from .parse_cache import cache_file_for, read_cached, write_cached
from .switches import is_switched_off

# The C loader is several times faster on large data; fall back to pure Python where it is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A standalone constructor turns scalar nodes into Python values with YAML's usual rules.
_scalar_constructor = yaml.constructor.SafeConstructor()
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STRING_TAG = "tag:yaml.org,2002:str"
_TEXT_ONLY_TAGS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


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


# ---------------------------------------------------------------- nodes to values

def _convert(node: yaml.Node, path: str, problems: list[Problem]) -> Any:
    """Turn a composed YAML node into plain values, mappings into RawRecords."""
    if isinstance(node, yaml.MappingNode):
        record = RawRecord(path=path, line=node.start_mark.line + 1, fields={})
        for key_node, value_node in node.value:
            key = str(_convert(key_node, path, problems))
            key_line = key_node.start_mark.line + 1
            if key in record.fields:
                problems.append(Problem(path, key_line, "", key, f"key '{key}' appears twice in one record",
                                        "each key once"))
            record.fields[key] = _convert(value_node, path, problems)
            record.field_lines[key] = key_line
        return record
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path, problems) for item in node.value]
    # Dates stay text: we parse them ourselves with their precision ('2023-02' is not a day).
    # Plain text is most of the data: return it directly, skipping the constructor's bookkeeping.
    if node.tag == _TIMESTAMP_TAG or node.tag == _STRING_TAG:
        return node.value
    # A bare '<<' or '=' resolves to a YAML 1.1 tag (merge, value) the safe constructor cannot build,
    # and it would crash; the editor wrote text, and validation judges it as text.
    if node.tag in _TEXT_ONLY_TAGS:
        return node.value
    return _scalar_constructor.construct_object(node, deep=True)


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


def _line_of_offset(raw: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return raw.count(b"\n", 0, offset) + 1


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
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return [], [Problem(display_path, _line_of_offset(raw, error.start), "", "",
                            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})",
                            "a file saved as UTF-8")]
    with paused_gc():
        if fast and _fast_reader_allowed():
            result = _read_fast(text, display_path)
            if result is not None:
                return result
        return _read_with_pyyaml(text, display_path)


def _read_with_pyyaml(text: str, display_path: str) -> tuple[list[RawRecord], list[Problem]]:
    """Records and problems as PyYAML composes the text; every syntax error becomes a Problem."""
    problems: list[Problem] = []
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line, message = _describe_syntax_error(error)
        return [], [Problem(display_path, line, "", "", message, "valid YAML")]
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow
        return [], [Problem(display_path, text.count("\n", 0, error.position) + 1, "", "",
                            f"the character U+{_code_point(error.character):04X} is not allowed in YAML",
                            "printable text; remove or replace the character")]
    if root is None:
        return [], [Problem(display_path, 1, "", "", "the file is empty",
                            "a list of records, each starting with '- id:'")]
    if not isinstance(root, yaml.SequenceNode):
        return [], [Problem(display_path, root.start_mark.line + 1, "", "",
                            "the top level is not a list", "a list of records, each starting with '- '")]
    records = []
    for item in root.value:
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(display_path, item.start_mark.line + 1, "", "",
                                    "this list item is not a record", "a mapping of field: value"))
            continue
        item_problems: list[Problem] = []
        record = _convert(item, display_path, item_problems)
        records.append(record)
        problems.extend(replace(problem, record=problem.record or label_of_fields(record.fields))
                        for problem in item_problems)
    return records, problems


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
            problems.append(Problem(str(path.relative_to(data_dir.parent)), None, "", "",
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
            found, file_problems = load_data_file(path, str(path.relative_to(data_dir.parent)), cache_dir)
            records[kind].extend(found)
            problems.extend(file_problems)
            if file_problems and not found:
                unreadable.add(kind)
    return LoadedData(records, problems, unreadable)
