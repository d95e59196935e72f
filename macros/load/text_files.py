"""Text files as the site engine reads them: UTF-8, any line ending, an optional byte-order mark.

mkdocs opens pages with universal newlines and the 'utf-8-sig' codec: CRLF (Git for Windows' default
checkout) and CR alone become LF, and a leading byte-order mark is dropped. Every reader here decodes
the same way, so the check sees the page and data the build sees, with the same line numbers.
"""
from __future__ import annotations

import re

_BOM = "\ufeff"
_LINE_BREAK_BYTES = re.compile(rb"\r\n?|\n")


def decode_text(raw: bytes) -> str:
    """UTF-8 bytes as text with LF line breaks and no leading byte-order mark; UnicodeDecodeError if not UTF-8."""
    text = raw.decode("utf-8")
    # Only when a CR is there: the usual LF file costs one scan, not two copies.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix(_BOM)


def line_of_byte(raw: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, counting CRLF, CR and LF each as one line break."""
    return len(_LINE_BREAK_BYTES.findall(raw, 0, offset)) + 1
