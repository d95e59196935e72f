"""The text rules of the data, written once: ids, dates and web addresses.

The checker, the JSON Schema and the scaffolder all read these, so they cannot disagree.
"""
from __future__ import annotations

import re

# Lowercase letters and digits in words joined by single hyphens: 'amir-khan-muttaqi'.
# \Z, not $: '$' also matches before a trailing newline, which would let 'evil\n' pass.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# ISO 8601 at reduced precision: '2023', '2023-02' or '2023-02-14'.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# A web address: http or https, no spaces, quotes or angle brackets.
URL_PATTERN = r"^https?://[^\s<>\"']+$"
# Identifiers other datasets use: a Wikidata item ('Q889') and ISO 3166-1 country codes ('AF', 'AFG').
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
ISO_ALPHA2_PATTERN = r"^[A-Z]{2}$"
ISO_ALPHA3_PATTERN = r"^[A-Z]{3}$"


def _whole(pattern: str) -> re.Pattern[str]:
    """The pattern matched against a whole text: JSON Schema's '$' is Python's '\\Z'."""
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


ID_RE = _whole(ID_PATTERN)
DATE_RE = _whole(DATE_PATTERN)
URL_RE = _whole(URL_PATTERN)


def whole_match(pattern: str, text: str) -> bool:
    """Whether the whole text matches a pattern written for JSON Schema."""
    return _whole(pattern).match(text) is not None
