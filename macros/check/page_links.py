"""Links in page prose: a relative link to a missing file is caught before the build writes anything.

mkdocs would report it too, but only after it has emptied the output folder; checking here keeps the
last good build intact.
"""
from __future__ import annotations

import functools
import posixpath
import re

from ..load.pages import PageFile
from ..model.problems import Problem

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# Under `mkdocs serve` every check reads every page again, most of them unchanged (the same text, whose hash
# Python keeps): their links are remembered, a third of the cross-page checks' time at 1,000 actors.
@functools.lru_cache(maxsize=8192)
def _link_targets(body: str) -> tuple[tuple[int, str], ...]:
    """(body line, target) of every Markdown link outside code."""
    return tuple(_find_link_targets(body))


def _find_link_targets(body: str) -> list[tuple[int, str]]:
    targets, fence = [], None
    for number, line in enumerate(body.split("\n"), start=1):
        opening = _FENCE.match(line)
        if opening:
            marker = opening.group(2)[0] * 3
            fence = None if fence and opening.group(2).startswith(fence) else (fence or marker)
            continue
        if fence:
            continue
        text = _INLINE_CODE.sub("", line)
        targets += [(number, match.group(1)) for match in _INLINE_LINK.finditer(text)]
        definition = _REFERENCE_DEFINITION.match(text)
        if definition:
            targets.append((number, definition.group(1)))
    return targets


def check_page_links(pages: list[PageFile]) -> list[Problem]:
    """Every relative link in page prose points at a page or file that exists under docs/."""
    sources = {page.src for page in pages}
    problems = []
    for page in pages:
        folder = posixpath.dirname(page.src)
        for line, target in _link_targets(page.body):
            path = target.split("#", 1)[0].split("?", 1)[0]
            # Only relative links to Markdown pages: assets and external URLs are mkdocs' concern.
            if not path or _SCHEME.match(path) or path.startswith("/") or not path.endswith(".md"):
                continue
            resolved = posixpath.normpath(posixpath.join(folder, path))
            if resolved not in sources:
                problems.append(Problem(page.path, page.body_line + line - 1, page.record or "", "link",
                                        f"the link '{target}' points at a page that does not exist",
                                        "a relative path to a page under docs/, e.g. ../organizations/csto.md"))
    return problems
