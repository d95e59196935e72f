"""Pages' template code runs in Jinja's sandbox: it may call the site's macros and filters, and reach nothing else.

A page is text anyone can propose in a pull request, and `check` renders it on the build machine. Jinja's
plain environment lets `{{ cycler.__init__.__globals__.os }}` reach the os module; the sandbox refuses
every attribute that starts with an underscore and the internals of functions, frames and generators.
This one is stricter still: a page may read attributes of plain values only (text, numbers, lists,
mappings, a loop's counters), so no object the site hands it (a macro, Jinja's own `self`) opens a way
to the code behind it, and Jinja's default helpers (cycler, joiner, namespace, lipsum, dict) are not
offered at all. Engine-neutral: the engine layer renders pages with it, the checker parses with it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, FileSystemLoader, StrictUndefined, Undefined
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Values whose attributes a page may read (str covers markupsafe.Markup; range is what `range()` returns).
_PLAIN_TYPES = (str, int, float, bool, list, tuple, dict, range, type(None), LoopContext)
# Jinja's default globals besides range(): objects with classes and methods that no page needs.
_WITHHELD_GLOBALS = ("cycler", "joiner", "namespace", "lipsum", "dict")


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, allowing attributes of plain values only."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Attributes of plain values that Jinja's own sandbox allows; nothing of any other object."""
        return isinstance(obj, _PLAIN_TYPES) and super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """Refuse at once: Jinja's own sandbox returns an undefined value, which a filter may print silently."""
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is refused "
                            "(pages render in a sandbox)")


def plain_variables(values: Mapping[str, Any] | None) -> dict[str, Any]:
    """The entries of a mapping (front matter, `extra:` settings) whose values are plain data, deeply."""
    return {str(name): value for name, value in (values or {}).items() if _is_plain(value)}


def _is_plain(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return all(_is_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_plain(item) for key, item in value.items())
    return isinstance(value, str | int | float | bool | type(None))


def make_page_sandbox(macros: Mapping[str, Callable[..., str]], filters: Mapping[str, Callable[..., Any]],
                      docs_dir: Path | None = None, variables: Mapping[str, Any] | None = None) -> PageSandbox:
    """The environment pages render in: strict about undefined names, with the site's macros and filters only.

    docs_dir: where `{% include %}` finds files (Jinja refuses '..' in their names); None offers no files.
    variables: plain values offered by name (the `extra:` settings); anything else in them is left out.
    """
    loader: BaseLoader | None = FileSystemLoader(str(docs_dir)) if docs_dir is not None else None
    sandbox = PageSandbox(undefined=StrictUndefined, loader=loader, autoescape=False)
    for name in _WITHHELD_GLOBALS:
        sandbox.globals.pop(name, None)
    sandbox.globals.update(plain_variables(variables))
    sandbox.globals.update(macros)
    sandbox.filters.update(filters)
    return sandbox

