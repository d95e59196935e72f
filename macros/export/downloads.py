"""Downloads: every data kind as JSON and CSV, its JSON Schema, and the sources as CSL-JSON and BibTeX.

Engine-neutral: the glue calls write_downloads(dataset, site_dir) after the build; the data page lists
the same files through list_downloads, so the list and the files cannot disagree.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from ..model.dataset import Dataset
from ..model.dates import ReducedDate
from ..model.records import KINDS, Citation, Kind
from .citations import render_bibtex, render_csl_json
from .schema import render_schema_text, schema_file_name
from .stix import StixMemo, render_stix_bundle
from .tables import (
    CsvMemo,
    iterate_kind_csv,
    name_column,
    names_by_id,
    neutralise_formula,
    record_as_csv_row,
    render_datapackage,
)

# Re-exported: the CSV cells are written by tables.py, and tests and callers know them from here.
__all__ = ["iterate_kind_csv", "neutralise_formula", "record_as_csv_row"]

DOWNLOADS_FOLDER = "downloads"
WHOLE_DATASET = "all"  # the kind of a download that describes or holds every kind


@dataclass(frozen=True)
class Download:
    """One downloadable file: its name under downloads/, what it holds, and how many records."""

    name: str
    kind: str  # the data kind it holds ('actors'), or WHOLE_DATASET for a file about every kind
    format: str  # 'JSON', 'CSV', 'JSON Schema', 'CSL-JSON', 'BibTeX', 'Data package', 'STIX 2.1'
    records: int | None  # None for a schema, which holds no records


# ---------------------------------------------------------------- records as plain values

def _plain(value: Any) -> Any:
    """A typed value as JSON-ready data: dates in ISO form, citations and nested records as mappings."""
    if isinstance(value, ReducedDate):
        return value.iso()
    if isinstance(value, Citation):
        return {"source": value.source, **({"locator": value.locator} if value.locator else {})}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__
                if not _is_empty(getattr(value, name))}
    return value


def _is_empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def record_as_json(record: Any, kind: Kind) -> dict:
    """One record as the data file holds it (field order, empty fields left out): it validates against the schema."""
    return {spec.name: _plain(getattr(record, spec.name)) for spec in kind.fields
            if not _is_empty(getattr(record, spec.name))}


class _NotPlain(TypeError):
    """A value the fast JSON writer does not take: json.dumps writes (or refuses) it."""


def dump_indented(value: Any, pad: str = "") -> str:
    """The text json.dumps(value, ensure_ascii=False, indent=2) gives, for plain data (text keys, no NaN)."""
    # json.dumps writes indented JSON in pure Python, a generator per level: ~2 s of a 1,000-actor build.
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return int.__repr__(value)
    inner = pad + "  "
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _NotPlain(value)
        items = [f"{inner}{encode_basestring(key)}: {dump_indented(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(value, list):
        items = [inner + dump_indented(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]" if items else "[]"
    raise _NotPlain(value)  # floats (NaN, infinities) and anything else: json.dumps decides


def _dump_record(value: dict) -> str:
    """A record as indented JSON: the fast writer, or json.dumps for what it does not take."""
    try:
        return dump_indented(value)
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2)


@dataclass
class JsonMemo:
    """One kind's records as JSON text, kept between builds under `mkdocs serve`.

    A record's text depends on the record alone, and a record kept from an unchanged data file is the same
    object in the next build: an edit to one statement writes one statement's text, not 20,000.
    """

    # By id() of each record: the record itself (held, so the id is not reused) and its text.
    texts: dict[int, tuple[Any, str]] = field(default_factory=dict)


def iterate_kind_json(records: list, kind: Kind, memo: JsonMemo | None = None) -> Iterator[str]:
    """A kind's records as a JSON array, record by record (the text json.dumps(..., indent=2) gives).

    memo: the texts of the last build's records, reused for the same record objects, and updated once the
    array is written.
    """
    # Piece by piece: 60,000 statements as one list of dicts and one string cost ~200 MB at once.
    if not records:
        yield "[]\n"
        return
    kept = memo.texts if memo is not None else {}
    written: dict[int, tuple[Any, str]] = {}
    yield "["
    for number, record in enumerate(records):
        found = kept.get(id(record))
        if found is None or found[0] is not record:
            # JSON escapes newlines inside strings, so every newline here is between tokens.
            found = (record, "\n  " + _dump_record(record_as_json(record, kind)).replace("\n", "\n  "))
        written[id(record)] = found
        yield ("," if number else "") + found[1]
    yield "\n]\n"
    if memo is not None:
        memo.texts = written  # the records of this build only: memory stays flat across edits


# ---------------------------------------------------------------- the files

@dataclass
class DownloadMemo:
    """What the downloads keep between builds under `mkdocs serve`: an edit rewrites its files from these."""

    stix: StixMemo = field(default_factory=StixMemo)  # the STIX objects' texts (export/stix.py)
    csv: dict[str, CsvMemo] = field(default_factory=dict)  # per kind, its CSV rows (export/tables.py)
    json: dict[str, JsonMemo] = field(default_factory=dict)  # per kind, its records' JSON texts



def _planned_downloads() -> list[tuple[str, str, str]]:
    """(name, kind, format) of every download, in the order the data page lists them; the one list."""
    planned = []
    for kind in KINDS.values():
        planned += [(f"{kind.name}.json", kind.name, "JSON"), (f"{kind.name}.csv", kind.name, "CSV"),
                    (schema_file_name(kind), kind.name, "JSON Schema")]
        if kind.name == "sources":
            planned += [("sources.csl.json", "sources", "CSL-JSON"), ("sources.bib", "sources", "BibTeX")]
    planned += [("datapackage.json", WHOLE_DATASET, "Data package"), ("stix-bundle.json", WHOLE_DATASET, "STIX 2.1")]
    return planned


def download_paths() -> list[str]:
    """The paths, from the site root, that write_downloads writes ('downloads/actors.json'): no editor's file
    under docs/ may have one (macros/check/reserved_names.py)."""
    return [f"{DOWNLOADS_FOLDER}/{name}" for name, _kind, _format in _planned_downloads()]


def list_downloads(dataset: Dataset) -> list[Download]:
    """Every file write_downloads writes, in the order the data page lists them."""
    return [Download(name, kind, file_format, len(getattr(dataset, kind)) if kind in KINDS and file_format not in
                     ("JSON Schema",) else None) for name, kind, file_format in _planned_downloads()]


def iterate_download(download: Download, dataset: Dataset, memo: DownloadMemo | None = None,
                     names: dict[str, str] | None = None) -> Iterator[str]:
    """The text of one download, in pieces (memo: see DownloadMemo; names: names_by_id(dataset), if known)."""
    if download.kind == WHOLE_DATASET:
        whole = {"Data package": lambda: [render_datapackage(dataset)],
                 "STIX 2.1": lambda: [render_stix_bundle(dataset, memo.stix if memo else None)]}
        return iter(whole[download.format]())
    kind = KINDS[download.kind]
    records = getattr(dataset, kind.name)
    csv_memo = memo.csv.setdefault(kind.name, CsvMemo()) if memo is not None else None
    renderers = {
        "JSON": lambda: iterate_kind_json(records, kind, memo.json.setdefault(kind.name, JsonMemo())
                                          if memo is not None else None),
        "CSV": lambda: iterate_kind_csv(records, kind, names if names is not None else names_by_id(dataset),
                                        csv_memo),
        "JSON Schema": lambda: [render_schema_text(kind)],
        "CSL-JSON": lambda: [render_csl_json(records)],
        "BibTeX": lambda: [render_bibtex(records)],
    }
    return iter(renderers[download.format]())


def write_downloads(dataset: Dataset, site_dir: Path, kinds: set[str] | None = None,
                    renamed: set[str] | None = None, memo: DownloadMemo | None = None) -> list[Path]:
    """Write every download (or those of the given kinds) into <site_dir>/downloads/; return the paths written.

    renamed: with kinds, the kinds with a name or title changed (None: any may have), which a CSV prints beside
    the ids it refers to. memo: what the files keep between builds under `mkdocs serve` (DownloadMemo).
    """
    folder = site_dir / DOWNLOADS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    names = names_by_id(dataset)  # once for every CSV
    for download in list_downloads(dataset):
        # A partial rebuild passes the kinds an edit changed: a file about every kind changes with any of them,
        # and a CSV names the records it refers to beside their ids, so a name edit reaches the CSVs naming it.
        csv_names = bool(kinds) and download.format == "CSV" and (
            renamed is None or bool(renamed & _kinds_named_in(download.kind)))
        if (kinds is not None and download.kind not in kinds and not (kinds and download.kind == WHOLE_DATASET)
                and not csv_names):
            continue
        path = folder / download.name
        # newline='' keeps CSV's own line ends; UTF-8 without BOM, as JSON requires.
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.writelines(iterate_download(download, dataset, memo, names))
        written.append(path)
    return written




def _kinds_named_in(kind_name: str) -> set[str]:
    """The kinds whose names a CSV of this kind prints in a column beside their ids (export/tables.py)."""
    plural = {kind.singular: kind.name for kind in KINDS.values()}
    return {plural[target] for spec in KINDS[kind_name].fields if name_column(spec) for target in spec.refers_to}
