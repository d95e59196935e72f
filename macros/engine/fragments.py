"""Generated HTML kept out of the Markdown: a page holds a one-line placeholder per macro call, and the
engine puts the HTML in after Markdown has run.

Why: Markdown would otherwise parse every macro's HTML only to copy it through, and the engine would
keep every page's HTML in memory until the last page is written. What this saves: bench/README.md.
"""
from __future__ import annotations

import re
import secrets
import zlib
from dataclasses import dataclass, field

# Fast compression: HTML shrinks about tenfold at level 1, for ~1 ms per 100 KB.
_COMPRESSION_LEVEL = 1


@dataclass
class _Fragment:
    compressed: bytes
    searchable: bool


@dataclass
class FragmentStore:
    """Fragments of generated HTML per page, each replaced by a placeholder until the page is finished."""

    # A fresh token per build: no text in a page or in the data can pose as a placeholder.
    token: str = field(default_factory=lambda: secrets.token_hex(6))
    _pages: dict[str, list[_Fragment]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._placeholder = re.compile(f'<div data-generated-fragment="{self.token}-(\\d+)"></div>')

    def hold(self, page: str, html: str, searchable: bool = True) -> str:
        """Keep a page's fragment and return the placeholder that stands for it in the Markdown."""
        fragments = self._pages.setdefault(page, [])
        fragments.append(_Fragment(zlib.compress(html.encode("utf-8"), _COMPRESSION_LEVEL), searchable))
        # One line where the macro call stands: Markdown passes it through as a raw HTML block.
        return f'<div data-generated-fragment="{self.token}-{len(fragments) - 1}"></div>'

    def expand(self, page: str, text: str, searchable_only: bool = False) -> str:
        """Put a page's held fragments back in place of their placeholders (only searchable ones if asked)."""
        fragments = self._pages.get(page)
        if not fragments:
            return text

        def replace(match: re.Match) -> str:
            fragment = fragments[int(match.group(1))]
            if searchable_only and not fragment.searchable:
                return match.group(0)
            return zlib.decompress(fragment.compressed).decode("utf-8").rstrip("\n")

        return self._placeholder.sub(replace, text)

    def release(self, page: str) -> None:
        """Forget a finished page's fragments."""
        self._pages.pop(page, None)
