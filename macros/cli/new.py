"""Scaffolding: `python -m macros new KIND ID` appends a record stub and, for actors and organizations, a page.

The stub is text appended to the data file, never a YAML round-trip: the file's comments, order and
formatting stay exactly as the editor left them. Required fields the command cannot fill are left
empty, so `python -m macros check` names each one until the editor fills it.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..load.data_files import load_data_folder
from ..load.pages import RECORD_FOLDERS
from ..model.dates import parse_reduced_date
from ..model.patterns import ID_RE
from ..model.problems import format_problems, printable, suggest
from ..model.records import KINDS, Field, Kind
from ..render.html import escape_heading
from .settings import read_settings
from .status import EXIT_CLEAN, EXIT_PROBLEMS

# The --name and --type options fill a different field per kind.
NAME_FIELDS = {"actors": "name", "organizations": "name", "events": "title", "sources": "title"}
TYPE_FIELDS = {"actors": "type", "organizations": "kind", "events": "kind", "sources": "kind", "relations": "type"}
# Options naming other records (a relation's two ends): filled only with ids that exist.
REFERENCE_OPTIONS = ("subject", "object")

# A page template, not Jinja: the page's own {{ macro() }} calls must reach the page untouched.
PAGE_TEMPLATE = Template("""---
record: $id
---

# $name

{{ profile() }}

<!-- For readers: where things stand now and since when, in the present tense, in your own words,
     then the most important history, newest first. After each fact, cite its source with the cite
     macro in double braces, cite("source-id") or cite("source-id", "paragraph 3"), as the other
     pages do. Delete this comment when done. -->

{{ history() }}
""")


class ScaffoldError(ValueError):
    """The record cannot be added as asked: the message says why and what to do."""


@dataclass(frozen=True)
class Scaffolded:
    """What `new` wrote: the data file and the line the stub starts on, and the page if any."""

    data_file: Path
    line: int
    page: Path | None


# ---------------------------------------------------------------- the stub text

def find_kind(name: str) -> Kind:
    """The kind for 'actor' or 'actors'; raise ScaffoldError naming the kinds otherwise."""
    for kind in KINDS.values():
        if name in (kind.name, kind.singular):
            if not kind.has_id:
                raise ScaffoldError(f"{kind.name} have no id, so `new` cannot add them; add one by hand to "
                                    f"data/{kind.name}.yml (see docs/editing.md)")
            return kind
    names = [kind.singular for kind in KINDS.values() if kind.has_id]
    raise ScaffoldError(f"unknown kind '{name}'{suggest(name, names)} (expected one of {', '.join(names)})")


def _yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly this text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _hint(spec: Field) -> str:
    """The comment telling the editor what an empty field needs."""
    if spec.choices:
        return "one of: " + ", ".join(spec.choices)
    if spec.shape == "date":
        return '"YYYY", "YYYY-MM" or "YYYY-MM-DD": only as precise as the source'
    if spec.shape == "citations":
        return "a list: - {source: <source id>, locator: \"paragraph 3\"}"
    if spec.shape == "records":
        return f"{spec.description} A list of: " + ", ".join(item.name for item in spec.item_fields)
    return spec.description


def render_stub(kind: Kind, values: dict[str, str], newline: str = "\n") -> str:
    """The record's YAML text: given values filled, other required fields empty with a hint, optional ones named."""
    lines: list[str] = []
    for spec in kind.fields:
        if not spec.required:
            continue
        prefix = "- " if not lines else "  "
        if spec.name in values:
            lines.append(f"{prefix}{spec.name}: {values[spec.name]}")
        else:
            lines.append(f"{prefix}{spec.name}:  # {_hint(spec)}")
    optional = [spec.name for spec in kind.fields if not spec.required]
    if optional:
        lines.append("  # optional: " + ", ".join(optional) + " (see docs/editing.md)")
    return newline.join(lines) + newline


def check_option_text(option: str, text: str) -> None:
    """Refuse text that cannot be one line of a data file and a heading: line breaks, controls, bad bytes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ScaffoldError(f"{option} holds bytes that are not UTF-8 text (expected text typed in UTF-8)") from None
    bad = next((character for character in text if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp")
                and character != "\u200d"), None)
    if bad is not None:
        raise ScaffoldError(f"{option} holds the control character U+{ord(bad):04X} "
                            "(expected one line of printable text)")


def collect_values(kind: Kind, record_id: str, name: str | None, type_: str | None,
                   date: str | None, references: dict[str, str] | None = None) -> dict[str, str]:
    """YAML text per field from the command line options; raise ScaffoldError on a bad value."""
    references = references or {}
    for option, text in (("the id", record_id), ("--name", name), ("--type", type_), ("--date", date),
                         *((f"--{field}", value) for field, value in references.items())):
        if text is not None:
            check_option_text(option, text)
    if not ID_RE.match(record_id):
        raise ScaffoldError(f"'{record_id}' does not follow the id rule (expected lowercase letters, digits "
                            "and single hyphens, e.g. 'amir-khan-muttaqi')")
    values = {"id": record_id}
    for option, value, field_name in (("--name", name, NAME_FIELDS.get(kind.name)),
                                      ("--type", type_, TYPE_FIELDS.get(kind.name)),
                                      ("--date", date, "date" if kind.field_named("date") else None)):
        if value is None:
            continue
        if field_name is None:
            raise ScaffoldError(f"{option} does not apply to {kind.name}")
        spec = kind.field_named(field_name)
        assert spec is not None, f"{kind.name} declares no field {field_name}"
        if spec.choices and value not in spec.choices:
            raise ScaffoldError(f"{option} '{value}' is not allowed for {kind.name}{suggest(value, spec.choices)} "
                                f"(expected one of {', '.join(spec.choices)})")
        if spec.shape == "date":
            try:
                parse_reduced_date(value)
            except ValueError as error:
                raise ScaffoldError(f"{option} '{value}': {error} (expected YYYY, YYYY-MM or YYYY-MM-DD)") from None
        values[field_name] = _yaml_text(value) if spec.shape in ("text", "date") else value
    for field_name, value in references.items():
        if kind.field_named(field_name) is None:
            raise ScaffoldError(f"--{field_name} does not apply to {kind.name}")
        if not ID_RE.match(value):
            raise ScaffoldError(f"--{field_name} '{value}' is not an id (expected the id of an existing record)")
        values[field_name] = value
    return values


def check_references_exist(kind: Kind, values: dict[str, str], ids: set[str]) -> None:
    """Refuse a --subject or --object naming no record, with the closest id."""
    for field_name in REFERENCE_OPTIONS:
        spec = kind.field_named(field_name)
        value = values.get(field_name)
        if spec is not None and value is not None and value not in ids:
            allowed = " or ".join(spec.refers_to)
            raise ScaffoldError(f"--{field_name} '{value}' names no record{suggest(value, ids)} "
                                f"(expected the id of an existing {allowed})")


# ---------------------------------------------------------------- writing

def existing_ids(data_dir: Path) -> set[str]:
    """Every id in the data; raise ScaffoldError when a data file cannot be read (ids would be unknown)."""
    loaded = load_data_folder(data_dir)
    if loaded.problems:
        raise ScaffoldError("the data files have problems to fix first, so the new id cannot be checked:\n"
                            + format_problems(loaded.problems))
    return {str(raw.fields["id"]) for raws in loaded.records.values() for raw in raws if "id" in raw.fields}


def scaffold_record(kind: Kind, record_id: str, *, data_dir: Path, docs_dir: Path, name: str | None = None,
                    type_: str | None = None, date: str | None = None,
                    references: dict[str, str] | None = None) -> Scaffolded:
    """Append a stub to data/KIND.yml and create the record's page; refuse an existing id, page or file."""
    values = collect_values(kind, record_id, name, type_, date, references)
    ids = existing_ids(data_dir)
    check_references_exist(kind, values, ids)
    if record_id in ids:
        raise ScaffoldError(f"the id '{record_id}' is already used in {data_dir.name}/ (ids are unique across all "
                            "data); choose another, or edit the existing record")
    page = None
    folder = next((f for f, singular in RECORD_FOLDERS.items() if singular == kind.singular), None)
    if kind.has_page and folder:
        page = docs_dir / folder / f"{record_id}.md"
        if page.exists():
            raise ScaffoldError(f"{page} already exists; remove it first or choose another id")
    data_file = data_dir / f"{kind.name}.yml"
    text = data_file.read_text(encoding="utf-8") if data_file.exists() else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    if not text:
        text = f"# yaml-language-server: $schema=../schema/{kind.name}.schema.json{newline}"
    addition = ("" if text.endswith(newline) else newline) + newline
    line = (text + addition).count(newline) + 1
    if page:
        heading = escape_heading(name) if name else record_id.replace("-", " ").title()
        page.parent.mkdir(parents=True, exist_ok=True)
        # 'x' mode: never overwrite a page that appeared since the check above.
        with page.open("x", encoding="utf-8") as stream:
            stream.write(PAGE_TEMPLATE.substitute(id=record_id, name=heading))
    with data_file.open("a" if data_file.exists() else "x", encoding="utf-8", newline="") as stream:
        if not data_file.stat().st_size:
            stream.write(text)
        stream.write(addition + render_stub(kind, values, newline))
    return Scaffolded(data_file, line, page)


# ---------------------------------------------------------------- command line

def add_new_parser(commands) -> None:
    """Register `new KIND ID` with the command line's subcommands."""
    new = commands.add_parser("new", help="add a record stub (and its page, for actors and organizations)")
    new.add_argument("kind", help="source, actor, organization, event, statement, relation or disagreement")
    new.add_argument("id", help="the new record's id: lowercase letters, digits and hyphens")
    new.add_argument("--name", "--title", dest="name", help="the name (actors, organizations) or title")
    new.add_argument("--type", "--kind", dest="type_", help="the actor's type, or the kind of the record")
    new.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD (events, sources, statements)")
    new.add_argument("--subject", help="relations: the id of the actor or organization holding the tie")
    new.add_argument("--object", dest="object_", help="relations: the id of the actor or organization it is towards")
    new.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"),
                     help="the site configuration (default: mkdocs.yml)")


def run_new(arguments: argparse.Namespace) -> int:
    """`python -m macros new`: scaffold, then say what the editor fills in next; return the exit status."""
    settings = read_settings(arguments.config_file)
    try:
        kind = find_kind(arguments.kind)
        references = {name: value for name, value in (("subject", arguments.subject), ("object", arguments.object_))
                      if value is not None}
        done = scaffold_record(kind, arguments.id, data_dir=settings.data_dir, docs_dir=settings.docs_dir,
                               name=arguments.name, type_=arguments.type_, date=arguments.date,
                               references=references)
    except ScaffoldError as error:
        print(printable(f"cannot add {arguments.kind} '{arguments.id}': {error}"), file=sys.stderr)
        return EXIT_PROBLEMS
    project = settings.project_dir
    print(f"added {kind.singular} '{arguments.id}' to {done.data_file.relative_to(project)} at line {done.line}")
    if done.page:
        print(f"created {done.page.relative_to(project)}")
    print("Next: fill in the empty fields, then run `python -m macros check`: it names each one still missing.")
    return EXIT_CLEAN
