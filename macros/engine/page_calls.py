"""How a build runs the page macros and the collector: each macro's HTML held aside and its CPU time counted,
and Python's garbage collector tuned for rendering thousands of pages.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

from ..load.switches import is_switched_off
from ..site.macros import MARKDOWN_MACROS, UNINDEXED_MACROS, MacroSet


def wrap_macro(name: str, macro: Callable[..., str], macros: MacroSet,
               cpu_seconds: dict[str, float]) -> Callable[..., str]:
    """The macro as pages call it: its HTML held aside as a placeholder, its CPU time added to cpu_seconds."""
    searchable = name not in UNINDEXED_MACROS
    # Markdown macros (headings, inline citations) hold their own HTML parts and return Markdown as written.
    holds = name not in MARKDOWN_MACROS
    part = f"macro {name}"

    def call(*args: Any, **kwargs: Any) -> str:
        started = time.process_time()
        try:
            written = macro(*args, **kwargs)
            return macros.hold_html(written, searchable) if holds else written
        finally:
            cpu_seconds[part] = cpu_seconds.get(part, 0.0) + time.process_time() - started
    return call


def tune_garbage_collector(serving: bool) -> None:
    """Collect less often while pages render; outside serve, freeze what lives until the build ends."""
    if is_switched_off("REFERENCE_GC_TUNING"):  # the benchmark measures what the tuning saves
        return
    # Rendering makes millions of short-lived objects; collecting the young generation every 700
    # allocations (Python's default) costs time with no gain in memory (figures: bench/README.md).
    gc.set_threshold(20_000, 20, 100)
    if not serving:
        # The data and its index live until the build ends: move them out of the collector's sight.
        # Not under serve, where each rebuild replaces them: frozen garbage would never be freed.
        gc.collect()
        gc.freeze()
