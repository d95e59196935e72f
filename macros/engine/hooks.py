"""mkdocs loads this file by path (`hooks:` in mkdocs.yml) and registers its on_* functions as a plugin.

Each function hands its event to the site's plugin, a BasePlugin subclass (engine/plugin.py). mkdocs loads a
hook file once per process, so the plugin, with the checked site it keeps, outlives the rebuilds of
`mkdocs serve`. Python would keep the site's code loaded across rebuilds too: when a file under macros/
changes, the next build imports the code anew and starts with a fresh plugin (and a full build), so an
editor sees a code edit on the next reload without restarting the server.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

_PROJECT_DIR = Path(__file__).resolve().parents[2]
# The project is a site, not an installed package: its code is found from the project folder.
if str(_PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(_PROJECT_DIR))

from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402

from macros.engine.code_version import fingerprint_code  # noqa: E402
from macros.engine.plugin import ReferenceSitePlugin  # noqa: E402

_plugin = ReferenceSitePlugin()
_code = fingerprint_code(_PROJECT_DIR / "macros")


def _plugin_for_this_build() -> ReferenceSitePlugin:
    """The plugin, after importing the site's code anew if it changed since the last build."""
    global _plugin, _code
    code = fingerprint_code(_PROJECT_DIR / "macros")
    if code != _code:
        for name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
            del sys.modules[name]
        # mkdocs restores sys.path after loading a hook file: the project folder may need adding again.
        if str(_PROJECT_DIR) not in sys.path:
            sys.path.insert(0, str(_PROJECT_DIR))
        fresh = importlib.import_module("macros.engine.plugin").ReferenceSitePlugin()
        fresh.serving = _plugin.serving  # on_startup came once, at the start of the command
        _plugin, _code = fresh, code
    return _plugin


def on_startup(command: str, dirty: bool) -> None:
    _plugin.on_startup(command=command, dirty=dirty)


def on_config(config: Any) -> Any:
    return _plugin_for_this_build().on_config(config)


def on_files(files: Any, config: Any) -> Any:
    return _plugin.on_files(files, config=config)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _plugin.on_page_markdown(markdown, page=page, config=config, files=files)


def on_env(env: Any, config: Any, files: Any) -> Any:
    return _plugin.on_env(env, config=config, files=files)


@event_priority(100)  # before Material's search plugin, which the plugin tells to leave the page to the site
def _index_page(context: Any, page: Any, config: Any, nav: Any) -> Any:
    return _plugin.index_page(context, page=page, config=config, nav=nav)


@event_priority(-100)  # after Material's search plugin passed the page by
def _show_page_to_theme(context: Any, page: Any, config: Any, nav: Any) -> Any:
    return _plugin.show_page_to_theme(context, page=page, config=config, nav=nav)


# Two handlers of one event, each at its own priority (the plugin class declares the same pair).
on_page_context = CombinedEvent(_index_page, _show_page_to_theme)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _plugin.on_post_page(output, page=page, config=config)


@event_priority(-100)  # after Material's search plugin wrote its index
def on_post_build(config: Any) -> None:
    _plugin.on_post_build(config=config)


def on_build_error(error: Exception) -> None:
    _plugin.on_build_error(error=error)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return _plugin.on_serve(server, config=config, builder=builder)


def on_shutdown() -> None:
    _plugin.on_shutdown()
