"""Pages: which page is about which record, and a static check of every page's template code.

Checking pages before the build means a broken page stops the build before anything is written,
instead of failing halfway through, after the output folder was emptied.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model.problems import Problem
from .own_files import check_folder

RECORD_FOLDERS = {"actors": "actor", "organizations": "organization"}


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
    """Split '---' front matter from the body; return (front matter, body, first body line)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    return "", text, 1


def read_page(path: Path, docs_dir: Path, project_dir: Path) -> tuple[PageFile | None, list[Problem]]:
    """Read one page's front matter; report unreadable files and bad front matter."""
    display = str(path.relative_to(project_dir)) if path.is_relative_to(project_dir) else str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(display, raw.count(b"\n", 0, error.start) + 1, "", "",
                              f"the page is not UTF-8 text (byte 0x{raw[error.start]:02x})", "a file saved as UTF-8")]
    front, body, body_line = _split_front_matter(text)
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


def scan_pages(docs_dir: Path, project_dir: Path) -> tuple[list[PageFile], list[Problem]]:
    """Read every Markdown page under docs_dir; refuse any file there that is not the project's own."""
    pages: list[PageFile] = []
    # Every file under docs/ is published, pages or not: a link out of the project is refused here.
    files, problems = check_folder(docs_dir, project_dir, "a page or file that belongs to the project")
    for path in files:
        if path.suffix != ".md":
            continue
        page, page_problems = read_page(path, docs_dir, project_dir)
        problems.extend(page_problems)
        if page:
            pages.append(page)
    return pages, problems


# ---------------------------------------------------------------- pages against the data


# ---------------------------------------------------------------- template code in pages


