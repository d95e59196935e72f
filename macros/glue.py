"""The glue between mkdocs-macros and the site: the only module that imports mkdocs.

mkdocs-macros loads this file by path (module_name: macros/glue) on every build, including each
rebuild under `mkdocs serve`. Swapping the site engine means replacing this file only.
"""
import functools
import importlib
import json
import os
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

_PROJECT_DIR = Path(__file__).resolve().parent.parent
_macros = None  # the MacroSet of the current build; mkdocs-macros hooks below need it
_fragments = None  # the FragmentStore of the current build: macro HTML held until Markdown has run
_FRAGMENT_PLUGIN_NAME = "reference-site/fragments"
# CPU seconds spent in this project's code during the build, written to the file named by
# REFERENCE_BUILD_TIMINGS (the benchmark sets it): the cost of the data layer, measured directly.
_cpu_seconds: dict[str, float] = {}


def _timed(part: str):
    """Add the CPU time of each call to the build's total for this part."""
    def decorate(function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                _cpu_seconds[part] = _cpu_seconds.get(part, 0.0) + time.process_time() - started
        return timed
    return decorate


def _import_fresh_site_module():
    """Import macros.site anew, so code edits under macros/ show on the next `mkdocs serve` rebuild.

    mkdocs-macros re-executes this file on each build, but Python would keep the package's
    submodules cached in sys.modules from the first build; dropping them forces a re-import.
    """
    if str(_PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(_PROJECT_DIR))
    for name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
        del sys.modules[name]
    return importlib.import_module("macros.site")


@_timed("load and check")
def define_env(env):
    """Load and check all data and pages once, then register the macros."""
    global _macros, _fragments
    site_module = _import_fresh_site_module()
    config = env.conf
    settings = site_module.SiteSettings(
        project_dir=Path(config["config_file_path"]).resolve().parent,
        docs_dir=Path(config["docs_dir"]).resolve(),
        data_dir=Path(config["config_file_path"]).resolve().parent / env.variables.get("data_dir", "data"),
        use_directory_urls=config["use_directory_urls"],
        extra_variables=frozenset(config.get("extra") or {}),
        site_name=config["site_name"] or "",
        site_url=config.get("site_url") or "",
    )
    site, problems = site_module.check_site(settings)
    if problems:
        # Raised at config time: mkdocs stops before it empties or writes the output folder.
        report = site_module.DataError(problems)
        raise PluginError(f"The data or pages have problems; nothing was built.\n{report}")
    _macros = site_module.MacroSet(site)
    _fragments = importlib.import_module("macros.fragments").FragmentStore()
    _macros.hold_html = lambda html, searchable: _fragments.hold(_macros.page_src, html, searchable)
    for name in site_module.MACRO_NAMES:
        env.macro(_holding(getattr(_macros, name), searchable=name not in site_module.UNINDEXED_MACROS), name)
    _register_fragment_plugin(config, _fragments, _macros.generated_pages())


def _holding(macro, searchable: bool):
    """The macro, returning a placeholder for its HTML (held in the fragment store) instead of the HTML."""
    @_timed("macros")
    def call(*args, **kwargs):
        return _macros.hold_html(macro(*args, **kwargs), searchable)

    call.__name__, call.__doc__ = macro.__name__, macro.__doc__
    return call


class _FragmentPlugin:
    """mkdocs events: add the generated year pages; put held fragments into each page, free them once written."""

    def __init__(self, store, generated_pages: dict[str, str]):
        self.store = store
        self.generated_pages = generated_pages

    def on_files(self, files, config):
        for src, markdown in self.generated_pages.items():
            # Reached by links from the timeline and statements pages, not from the navigation.
            files.append(File.generated(config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    @event_priority(100)  # before Material's search plugin indexes the page's content
    @_timed("fragments")
    def on_page_context(self, context, page, config, nav):
        page.content = self.store.expand(page.file.src_uri, page.content or "", searchable_only=True)
        return context

    @_timed("fragments")
    def on_post_page(self, output, page, config):
        output = self.store.expand(page.file.src_uri, output)
        # The page is written next and its HTML is never read again: let it go, keep memory flat.
        self.store.release(page.file.src_uri)
        page.content = None
        return output


def _register_fragment_plugin(config, store, generated_pages: dict[str, str]) -> None:
    """Add the page events to this build's plugins (once per configuration; serve reloads it)."""
    existing = config.plugins.get(_FRAGMENT_PLUGIN_NAME)
    if existing is not None:
        existing.store, existing.generated_pages = store, generated_pages
    else:
        config.plugins[_FRAGMENT_PLUGIN_NAME] = _FragmentPlugin(store, generated_pages)


def inline_fragments(page_src: str, markdown: str) -> str:
    """The page's Markdown with its held fragments put back: what a build without the store would see."""
    return _fragments.expand(page_src, markdown)


@_timed("page start and end")
def on_pre_page_macros(env):
    """Announce the page to the macros, and tag record pages by their record's type."""
    record = env.page.meta.get("record")
    _macros.start_page(env.page.file.src_uri, str(record) if record is not None else None)
    tags = _macros.page_tags()
    if tags:
        env.page.meta["tags"] = tags


@_timed("page start and end")
def on_post_page_macros(env):
    """Append the page's references and the abbreviation definitions."""
    env.markdown += _macros.finish_page(env.markdown)


def on_post_build(env):
    """Write the data downloads (JSON, CSV, schemas, CSL-JSON, BibTeX) into the built site."""
    started = time.process_time()
    importlib.import_module("macros.downloads").write_downloads(_macros.site.index.dataset,
                                                                  Path(env.conf["site_dir"]))
    _cpu_seconds["downloads"] = time.process_time() - started
    if os.environ.get("REFERENCE_BUILD_TIMINGS"):
        Path(os.environ["REFERENCE_BUILD_TIMINGS"]).write_text(json.dumps(_cpu_seconds), encoding="utf-8")
