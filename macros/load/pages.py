"""Pages: which page is about which record, and a static check of every page's template code.

Checking pages before the build means a broken page stops the build before anything is written,
instead of failing halfway through, after the output folder was emptied.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model.problems import Problem
from .own_files import check_folder, display_path
from .text_files import decode_text, line_of_byte

RECORD_FOLDERS = {"actors": "actor", "organizations": "organization"}
# The file names the site engine renders as pages (mkdocs.utils.markdown_extensions): the check reads every
# one of them, or a page under a rarer extension would be published unchecked.
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
# Front matter exactly as the site engine finds it (mkdocs.utils.meta.YAML_RE): a checker that read
# ' ---' or '---  x' as front matter would pass a page whose record the build never sees.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# Front matter is read by the engine with a YAML reader that expands aliases: a few hundred bytes of
# nested aliases would take minutes and all memory there, so anchors and aliases are refused first.
_ANCHOR_EVENTS = (yaml.AliasEvent, yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


@dataclass(frozen=True)
class PageFile:
    """One Markdown page: where it is, which record it is about, and its body after front matter."""

    path: str  # relative to the project, for messages: docs/actors/russia.md
    src: str  # relative to docs/: actors/russia.md
    record: str | None
    record_line: int | None
    body: str
    body_line: int  # the line of the file on which the body starts
    meta: dict


def _split_front_matter(text: str) -> tuple[str, str, int]:
    """Split '---' front matter from the body as the engine does; return (front matter, body, first body line)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return "", text, 1
    body = text[match.end():].lstrip("\n")
    return match.group(1).removesuffix("\n"), body, text[:len(text) - len(body)].count("\n") + 1


def _first_anchor_or_alias_line(front: str) -> int | None:
    """The line (0-based, in the front matter) of the first YAML anchor or alias, or None."""
    try:
        for event in yaml.parse(front, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or (isinstance(event, _ANCHOR_EVENTS) and event.anchor):
                return event.start_mark.line
    except yaml.YAMLError:
        return None  # reported by the full read below, with its line
    return None


def read_page(path: Path, docs_dir: Path, project_dir: Path,
              raw: bytes | None = None) -> tuple[PageFile | None, list[Problem]]:
    """Read one page's front matter (from raw when given, its bytes); report unreadable files and bad front matter."""
    display = display_path(path, project_dir)
    raw = path.read_bytes() if raw is None else raw
    try:
        text = decode_text(raw)  # any line ending, an optional byte-order mark: as mkdocs reads the page
    except UnicodeDecodeError as error:
        return None, [Problem(display, line_of_byte(raw, error.start), "", "",
                              f"the page is not UTF-8 text (byte 0x{raw[error.start]:02x})", "a file saved as UTF-8")]
    front, body, body_line = _split_front_matter(text)
    alias_line = _first_anchor_or_alias_line(front)
    if alias_line is not None:
        return None, [Problem(display, alias_line + 2, "", "front matter",
                              "YAML anchors and aliases (&name, *name) are not allowed in front matter",
                              "each value written out")]
    try:
        meta_data = yaml.safe_load(front) if front.strip() else {}
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 2 if error.problem_mark else 1
        return None, [Problem(display, line, "", "front matter", f"YAML syntax error: {error.problem}",
                              "valid YAML between the '---' lines")]
    if not isinstance(meta_data, dict):
        return None, [Problem(display, 2, "", "front matter", "front matter is not a mapping", "key: value lines")]
    record_line = next((number for number, line in enumerate(front.split("\n"), start=2)
                        if line.startswith("record:")), None)
    record = meta_data.get("record")
    page = PageFile(display, path.relative_to(docs_dir).as_posix(),
                    str(record) if record is not None else None, record_line, body, body_line, meta_data)
    return page, []


# A page as last read: its bytes, and what reading them gave (the page, or the problems).
KeptPage = tuple[bytes, "PageFile | None", list[Problem]]


def scan_pages(docs_dir: Path, project_dir: Path,
               kept: dict[Path, KeptPage] | None = None) -> tuple[list[PageFile], list[Problem]]:
    """Read every Markdown page under docs_dir; refuse any file there that is not the project's own.

    kept: pages as last read, by path, updated here; a page whose bytes did not change is not parsed again
    (its front matter YAML was most of the scan's time under `mkdocs serve`).
    """
    pages: list[PageFile] = []
    # Every file under docs/ is published, pages or not: a link out of the project is refused here.
    files, problems = check_folder(docs_dir, project_dir, "a page or file that belongs to the project")
    for path in files:
        if not path.name.endswith(MARKDOWN_SUFFIXES):
            continue
        if kept is None:
            page, page_problems = read_page(path, docs_dir, project_dir)
        else:
            raw = path.read_bytes()
            last = kept.get(path)
            if last is None or last[0] != raw:
                last = kept[path] = (raw, *read_page(path, docs_dir, project_dir, raw))
            page, page_problems = last[1], last[2]
        problems.extend(page_problems)
        if page:
            pages.append(page)
    if kept is not None:
        for gone in kept.keys() - set(files):  # a removed page is forgotten
            del kept[gone]
    return pages, problems


def address_of(src: str, *, use_directory_urls: bool = True) -> str:
    """The site URL a page is published at, as the engine derives it: 'actors/russia.md' -> 'actors/russia/'."""
    folder, _, name = src.rpartition("/")
    stem = next((name[:-len(suffix)] for suffix in MARKDOWN_SUFFIXES if name.endswith(suffix)), name)
    stem = "index" if stem == "README" else stem  # the engine publishes a README as its folder's index
    prefix = folder + "/" if folder else ""
    if not use_directory_urls:
        return f"{prefix}{stem}.html"
    return prefix if stem == "index" else f"{prefix}{stem}/"
