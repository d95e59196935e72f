"""Environment switches that turn a piece of speed machinery off, so the benchmark can measure what it saves.

    REFERENCE_FAST_YAML=off        every data file is read by PyYAML (load/block_yaml.py unused)
    REFERENCE_PARSE_CACHE=off      no parse cache (load/parse_cache.py; a folder moves it instead)
    REFERENCE_GC_TUNING=off        the cyclic garbage collector runs with Python's defaults
    REFERENCE_HOLD_FRAGMENTS=off   macro HTML goes through Markdown (engine/fragments.py unused)
    REFERENCE_DATA_HISTORY=off     the data's git history is not walked (load/data_history.py): no change log

bench/machinery.py builds projects of several sizes with each switched off; bench/README.md has the figures.
"""
from __future__ import annotations

import os

_OFF = ("off", "0", "no", "false")


def is_switched_off(variable: str) -> bool:
    """Whether the environment variable turns its machinery off."""
    return os.environ.get(variable, "").strip().lower() in _OFF
