"""The site checked again after an edit: only the data files and pages that changed are read and checked anew.

Under `mkdocs serve` every save used to load, validate and cross-check all data (47,000 records at 1,000
actors) and every page template: about 3 s of CPU before anything was rendered. A CheckMemory keeps,
per data file, its parsed and validated records and its reference problems (keyed by the file's bytes), and
per page its scan and template check (keyed by its bytes). The checks across files run again over what is
kept; they are cheap (ids, consistency, links, addresses). Any problem at all hands the whole check to
check_site, so a failing edit reports exactly what `python -m macros check` reports, every problem in one run.
Engine-neutral: the engine only holds the memory between builds.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.geography import check_map_data
from ..check.integrity import check_consistency, check_references, kinds_by_id
from ..check.pages import check_page_templates, origins_by_id
from ..check.validate import validate_records
from ..load.data_files import LoadedData, RawRecord, find_data_files, load_data_file
from ..load.own_files import display_path
from ..load.pages import KeptPage, PageFile, scan_pages
from ..load.text_files import decode_text
from ..model.dataset import Dataset
from ..model.problems import Problem
from ..model.records import KIND_NAMES
from ..query.index import Index, event_sort_key, swap_records
from ..query.shown_on import RecordPrint, fingerprint_group
from ..query.year_pages import YearPages
from .assemble import RECORD_MACROS, assemble_site, check_across_pages, check_site, known_variables
from .macros import macro_signatures
from .reread_records import FileItems, cut_items, reread_changed_items
from .sandbox import make_page_sandbox
from .state import Site, SiteSettings


@dataclass
class DataFileCheck:
    """One data file as last checked: its bytes' digest, its raw and typed records, and whether all was well."""

    digest: bytes
    kind: str
    raws: list[RawRecord]
    records: list[Any]  # typed records, in file order
    clean: bool  # read and validated without a problem
    prints: list[RecordPrint] = field(default_factory=list)  # each record's fingerprints (query/shown_on.py)
    kinds: dict[str, str] = field(default_factory=dict)  # id -> kind, of its records
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (file, line), for messages
    references_clean: bool | None = None  # its references resolve, against CheckMemory.kind_of_id
    items: FileItems | None = None  # its text cut into items, when clean: the next edit rereads the changed ones

    @functools.cached_property  # read twice per check of every file; its records never change
    def links(self) -> int:
        """One fingerprint of what its records link to (ids, references, dates, choices)."""
        return hash(tuple((key, links) for key, _whole, _shown, links in self.prints))


@dataclass
class CheckMemory:
    """What the last checks found, per data file and per page, for the next check to reuse."""

    data_files: dict[Path, DataFileCheck] = field(default_factory=dict)
    pages: dict[Path, KeptPage] = field(default_factory=dict)
    kind_of_id: dict[str, str] = field(default_factory=dict)
    templates_clean: dict[str, str] = field(default_factory=dict)  # page file -> its body, checked clean
    template_names: frozenset[str] = frozenset()  # the names allowed when templates_clean was judged
    # Whether the last checked site's dataset is data_files' typed records, in order (not a full check's).
    site_from_files: bool = False
    # The year pages last planned, and what they were planned from: every file's links and the size limit.
    year_pages: tuple[object, YearPages] | None = None
    index: tuple[object, Index] | None = None  # the index last built, and the files' digests it was built from

    def record_prints(self) -> list[tuple[str, list[RecordPrint]]] | None:
        """Each data file's (kind, record fingerprints) in dataset order; None unless the last site came from them."""
        return [(kept.kind, kept.prints) for kept in self.data_files.values()] if self.site_from_files else None


def check_site_again(settings: SiteSettings, memory: CheckMemory) -> tuple[Site | None, list[Problem]]:
    """Like check_site, reusing what memory kept of unchanged files and pages; memory is updated."""
    site = _check_kept(settings, memory)
    memory.site_from_files = site is not None
    if site is None:
        # Some problem: the full check names every one, as `python -m macros check` would.
        return check_site(settings)
    return site, []


def _check_kept(settings: SiteSettings, memory: CheckMemory) -> Site | None:
    """The checked site, or None at the first problem found (check_site then reports them all)."""
    before = dict(memory.data_files)  # the files as last checked: their records may sit in the kept index
    dataset, kind_of_id, origins = _read_data_again(settings, memory)
    if dataset is None:
        return None
    if kind_of_id != memory.kind_of_id:
        # Ids came or went: every file's references and every page's record and citations are judged anew.
        memory.kind_of_id = kind_of_id
        memory.templates_clean.clear()
        for kept in memory.data_files.values():
            kept.references_clean = None
    for kept in memory.data_files.values():
        if kept.references_clean is None:
            kept.references_clean = not check_references(LoadedData({kept.kind: kept.raws}, [], set()), kind_of_id)
        if not kept.references_clean:
            return None
    if check_consistency(dataset, kind_of_id):
        return None
    region, map_problems = check_map_data(settings.data_dir, dataset)
    if map_problems:
        return None
    pages, page_problems = scan_pages(settings.docs_dir, settings.project_dir, memory.pages)
    if page_problems or check_across_pages(settings, pages, kind_of_id, origins):
        return None
    if not _templates_clean(settings, memory, pages, kind_of_id):
        return None
    # Year pages are planned from ids and dates alone: while no record's links change, the plan stands.
    planned_from = (settings.split_listings_above, [(path, kept.links) for path, kept in memory.data_files.items()])
    kept_plan = memory.year_pages[1] if memory.year_pages and memory.year_pages[0] == planned_from else None
    # After an edit to pages alone the data is the same: so is its index (built from it and nothing else).
    indexed_from = [(path, kept.digest) for path, kept in memory.data_files.items()]
    kept_index = memory.index[1] if memory.index and memory.index[0] == indexed_from else None
    swapped = _swaps_for_index(memory, before) if kept_index is None and memory.index else None
    if swapped is not None and memory.index:
        # Only free text changed: the kept index holds, with the edited files' new records in their places.
        kinds = {kept.kind for path, kept in memory.data_files.items() if kept is not before.get(path)}
        kept_index = swap_records(memory.index[1], dataset, swapped, kinds)
    site = assemble_site(settings, dataset, pages, region, kept_plan, kept_index)
    memory.year_pages, memory.index = (planned_from, site.year_pages), (indexed_from, site.index)
    return site


def _swaps_for_index(memory: CheckMemory, before: dict[Path, DataFileCheck]) -> dict[int, object] | None:
    """The id() of each old record mapped to its new one, if the kept index holds once they are swapped; else None.

    It holds when the same files were indexed and each changed one links as before (same ids, references,
    dates, choices, in the same order; query/shown_on.py) and retitled no event (events are indexed by title).
    """
    indexed = memory.index[0] if memory.index else None
    if not isinstance(indexed, list) or [path for path, _ in indexed] != list(memory.data_files):
        return None
    swapped: dict[int, object] = {}
    for path, digest in indexed:
        old, new = before.get(path), memory.data_files[path]
        if new.digest == digest:
            continue
        # The old records must be those indexed (no failed check between) and link exactly as the new ones.
        if old is None or old.digest != digest or old.kind != new.kind or old.links != new.links \
                or len(old.records) != len(new.records):
            return None
        if new.kind == "events" and [event_sort_key(e) for e in old.records] != \
                [event_sort_key(e) for e in new.records]:
            return None
        swapped.update(zip(map(id, old.records), new.records, strict=True))
    return swapped


def _read_data_again(settings: SiteSettings, memory: CheckMemory) -> tuple[Dataset | None, dict[str, str],
                                                                         dict[str, tuple[str, int]]]:
    """The dataset, each id's kind and origin, reading and validating only changed files; None on a problem."""
    if not settings.data_dir.is_dir():
        return None, {}, {}
    files, problems, _refused = find_data_files(settings.data_dir)
    if problems:
        return None, {}, {}
    kept_files: dict[Path, DataFileCheck] = {}
    for kind in KIND_NAMES:
        for path in files[kind]:
            kept = _check_data_file(settings, path, kind, memory.data_files.get(path))
            kept_files[path] = kept
    memory.data_files = kept_files  # removed files are forgotten
    dataset = Dataset()
    # Merged from each file's own, kept with it: building them from 47,000 raw records took a tenth of a check.
    kind_of_id: dict[str, str] = {}
    origins: dict[str, tuple[str, int]] = {}
    for kept in kept_files.values():
        if not kept.clean or not kind_of_id.keys().isdisjoint(kept.kinds):  # a problem, or an id in two files
            return None, {}, {}
        kind_of_id.update(kept.kinds)
        origins.update(kept.origins)
        dataset.records_of(kept.kind).extend(kept.records)
    return dataset, kind_of_id, origins


def _check_data_file(settings: SiteSettings, path: Path, kind: str, last: DataFileCheck | None) -> DataFileCheck:
    """One data file read and validated, or as last checked when its bytes are the same."""
    try:
        raw = path.read_bytes()
    except OSError:
        return DataFileCheck(b"", kind, [], [], clean=False)
    digest = hashlib.blake2b(raw, digest_size=20).digest()
    if last is not None and last.digest == digest and last.kind == kind:
        return last
    shown = display_path(path, settings.data_dir.parent)
    if last is not None and last.kind == kind and last.clean and last.items is not None:
        kept = _reread_changed(raw, shown, digest, last)
        if kept is not None:
            return kept
    raws, problems = load_data_file(path, shown, settings.parse_cache_dir)
    # One file validated alone finds what the full validation finds in it; ids repeated across files
    # are found when the files are merged.
    dataset, raw_by_id, invalid = validate_records(LoadedData({kind: raws}, [], set()))
    records = dataset.records_of(kind)
    clean = not (problems or invalid)
    items = cut_items(decode_text(raw))[0] if clean and len(records) == len(raws) else None
    return DataFileCheck(digest, kind, raws, records, clean=clean, prints=fingerprint_group(kind, records),
                         kinds=kinds_by_id(raw_by_id), origins=origins_by_id(raw_by_id), items=items)


def _reread_changed(raw: bytes, shown: str, digest: bytes, last: DataFileCheck) -> DataFileCheck | None:
    """The file as last checked with only its changed records read and validated again; None if unsure."""
    ids = [getattr(record, "id", None) for record in last.records]
    assert last.items is not None  # the caller reads the whole file otherwise
    reread = reread_changed_items(raw, shown, last.kind, last.items, last.raws, last.records, ids)
    if reread is None:
        return None
    prints = list(last.prints)
    fresh = fingerprint_group(last.kind, [reread.records[number] for number in reread.changed])
    for number, record_print in zip(reread.changed, fresh, strict=True):
        prints[number] = record_print
    origins = dict(last.origins)  # ids are the same; a changed record's id may sit on another line
    for number in reread.changed:
        record_id = ids[number]
        if record_id:
            origins[record_id] = (reread.raws[number].path, reread.raws[number].line_of("id"))
    return DataFileCheck(digest, last.kind, reread.raws, reread.records, clean=True, prints=prints,
                         kinds=last.kinds, origins=origins, items=reread.items)


def _templates_clean(settings: SiteSettings, memory: CheckMemory, pages: list[PageFile],
                     kind_of_id: dict[str, str]) -> bool:
    """Whether every page's template passes, checking only pages whose text changed since they last passed."""
    names = frozenset(known_variables(settings))
    if names != memory.template_names:
        memory.templates_clean.clear()
        memory.template_names = names
    fresh = [page for page in pages if memory.templates_clean.get(page.src) != _template_key(page)]
    if fresh:
        problems = check_page_templates(fresh, macro_signatures(), RECORD_MACROS, set(names),
                                        make_page_sandbox({}, {}), kind_of_id)
        if problems:
            return False
        memory.templates_clean.update((page.src, _template_key(page)) for page in fresh)
    present = {page.src for page in pages}
    for gone in memory.templates_clean.keys() - present:
        del memory.templates_clean[gone]
    return True


def _template_key(page: PageFile) -> str:
    """What a page's template check reads of it: its body, its record and its front matter's names."""
    front = repr(sorted(page.meta.items()))
    return f"{page.path}\0{page.record}\0{page.record_line}\0{page.body_line}\0{front}\0{page.body}"
