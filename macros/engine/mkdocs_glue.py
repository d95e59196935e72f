"""The glue between mkdocs-macros and the site: the only module that imports mkdocs.

mkdocs-macros loads this file by path (module_name: macros/engine/mkdocs_glue) on every build,
including each rebuild under `mkdocs serve`. Swapping the site engine means replacing this file only.
"""
import functools
import gc
import importlib
import json
import logging
import os
import sys
import time
import types
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import CountHandler

_PROJECT_DIR = Path(__file__).resolve().parents[2]
# The site's modules are imported anew for every build (see _import_fresh_site_module), so their classes
# are only known at run time: these hold the current build's objects, typed Any on purpose.
_macros: Any = None  # the MacroSet of the current build; mkdocs-macros hooks below need it
_fragments: Any = None  # the FragmentStore of the current build: macro HTML held until Markdown has run
_site_module: Any = None  # macros.site.assemble as imported for the current build
_rebuilds: Any = None  # macros.engine.rebuilds, likewise
_page_errors: Any = None  # the PageErrorCatcher of the current build
_log = logging.getLogger("mkdocs.plugins.reference-site")
_SITE_PLUGIN_NAME = "reference-site"
# Where Material's tags plugin lists every tag: the page holding this comment.
_TAGS_INDEX_MARKER = "<!-- material/tags -->"
_OUTPUT_PLUGIN_NAME = "reference-site-output"
# What the last build of each site folder showed where, kept across `mkdocs serve` rebuilds: this file
# is executed anew for each build (its globals start empty), but a module registered here stays.
_REBUILDS: Any = sys.modules.setdefault("reference_site_rebuilds", types.ModuleType("reference_site_rebuilds"))
if not hasattr(_REBUILDS, "memory_by_site_dir"):
    _REBUILDS.memory_by_site_dir = {}
    _REBUILDS.search_entries_by_site_dir = {}
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
    """Import macros.site.assemble anew, so code edits under macros/ show on the next `mkdocs serve` rebuild.

    mkdocs-macros re-executes this file on each build, but Python would keep the package's
    submodules cached in sys.modules from the first build; dropping them forces a re-import.
    """
    if str(_PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(_PROJECT_DIR))
    for name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
        del sys.modules[name]
    return importlib.import_module("macros.site.assemble")


@_timed("load and check")
def define_env(env):
    """Load and check all data and pages once, then register the macros."""
    global _macros, _fragments, _site_module, _rebuilds, _page_errors
    site_module = _site_module = _import_fresh_site_module()
    _rebuilds = importlib.import_module("macros.engine.rebuilds")
    macro_module = importlib.import_module("macros.site.macros")
    state_module = importlib.import_module("macros.site.state")
    config = env.conf
    settings = state_module.SiteSettings(
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
    _macros = macro_module.MacroSet(site)
    switches = importlib.import_module("macros.load.switches")
    _fragments = importlib.import_module("macros.engine.fragments").FragmentStore()
    if not switches.is_switched_off("REFERENCE_HOLD_FRAGMENTS"):
        _macros.hold_html = lambda html, searchable: _fragments.hold(_macros.page_src, html, searchable)
    for name, macro in _macros.macros().items():
        if name in macro_module.MARKDOWN_MACROS:  # Markdown (headings, inline citations): it holds its own HTML
            env.macro(macro, name)
        else:
            env.macro(_holding(macro, searchable=name not in macro_module.UNINDEXED_MACROS), name)
    _page_errors = importlib.import_module("macros.engine.page_errors").install_catcher()
    _register_site_plugin(config, _fragments, _macros.generated_pages())
    _register_output_plugin(config)  # after the site plugin, which keys its memory by the real output folder
    if switches.is_switched_off("REFERENCE_GC_TUNING"):
        return
    # The data and its index live until the build ends: move them out of the cyclic collector's
    # sight, or every full collection walks them again. The next load (a `mkdocs serve` rebuild)
    # unfreezes them, so old builds do not pile up.
    gc.collect()
    gc.freeze()
    # Rendering makes millions of short-lived objects; collecting the young generation every 700
    # allocations (Python's default) costs time with no gain in memory (figures: bench/README.md).
    gc.set_threshold(20_000, 20, 100)


def _holding(macro, searchable: bool):
    """The macro, returning a placeholder for its HTML (held in the fragment store) instead of the HTML."""
    @_timed(f"macro {macro.__name__}")
    def call(*args, **kwargs):
        return _macros.hold_html(macro(*args, **kwargs), searchable)

    call.__name__, call.__doc__ = macro.__name__, macro.__doc__
    return call


class _SitePlugin:
    """mkdocs events: add the generated year pages, put held fragments into each page and free them once
    written, and under `mkdocs serve --dirty` rebuild only the pages a data edit affects."""

    def __init__(self, store, generated_pages: dict[str, str], site_dir: str):
        self.store = store
        self.generated_pages = generated_pages
        self.site_dir = site_dir
        self.affected: set[str] | None = None  # pages a rebuild must redo; None: all (or not a rebuild)
        self.memory = None  # this build's BuildMemory, once computed
        self.built_urls: set[str] = set()  # pages this build rendered (a --dirty rebuild skips the others)
        self.changed_kinds: set[str] | None = None  # data kinds an edit changed (for the downloads)

    def on_files(self, files, config):
        for src, markdown in self.generated_pages.items():
            # Reached by links from the timeline and statements pages, not from the navigation.
            generated = File.generated(config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            # No file in docs/ to edit: a year page is made from data/, so it offers no "edit this page" link.
            generated.edit_uri = None
            files.append(generated)
        previous = _REBUILDS.memory_by_site_dir.get(self.site_dir)
        if previous is not None:  # a rebuild under `mkdocs serve`: what did the edit change?
            self.affected = _rebuilds.select_pages_to_rebuild(_macros.site, previous, self._remember())
            self.changed_kinds = _rebuilds.changed_kinds(previous, self.memory)
            pages = files.documentation_pages()
            # A generated page would always count as edited: only files on disk are asked.
            edited = {file.src_uri for file in pages if file.generated_by is None and file.is_modified()}
            # Material links a page's tags only when its tags index is rendered in the same build. The
            # checked pages are in memory: no page file is read again to find the index.
            tags_indexes = ({page.src for page in _macros.site.pages if _TAGS_INDEX_MARKER in page.body}
                            if self.affected or edited else set())
            for file in pages:
                # Only a --dirty rebuild asks; it then skips every page not marked, as it skips unedited
                # pages, and keeps their last output.
                needed = (self.affected is None or file.src_uri in self.affected or file.src_uri in edited
                          or file.src_uri in tags_indexes)
                file.is_modified = (lambda needed=needed: needed)
        return files

    @event_priority(150)  # before Material's tags plugin lists every tag (priority 100)
    def on_env(self, env, config, files):
        tags_plugin = config.plugins.get("material/tags")
        if self.affected is None or not hasattr(tags_plugin, "mappings"):
            return env
        # Tags are collected as pages render; a --dirty rebuild skips most pages, so give the tags
        # plugin what it would have read from each skipped record page (its tags, its title).
        for page in _macros.site.pages:
            file = files.get_file_from_path(page.src)
            if page.record is None or file is None or file.page is None or file.page.markdown is not None:
                continue
            file.page.meta["tags"] = _macros.tags_for(page.record)
            # mkdocs gives no title to a page it has not read: its title is the H1 of its Markdown.
            file.page.markdown = page.body
            tags_plugin.mappings.add(file.page, page.body)
        return env

    @event_priority(100)  # before Material's search plugin indexes the page's content
    @_timed("fragments")
    def on_page_context(self, context, page, config, nav):
        self.built_urls.add(page.url)
        page.content = self.store.expand(page.file.src_uri, page.content or "", searchable_only=True)
        return context

    @_timed("fragments")
    def on_post_page(self, output, page, config):
        output = self.store.expand(page.file.src_uri, output)
        # The page is written next and its HTML is never read again: let it go, keep memory flat.
        self.store.release(page.file.src_uri)
        page.content = None
        return output

    def on_serve(self, server, config, builder):
        # Called once, after the first build of `mkdocs serve`: remember it for the next build to compare.
        if getattr(server, "builder", None) is not None:  # a livereload server (tests pass a stand-in)
            server.builder = _keep_serving_on_failure(server.builder, Path(self.site_dir))
            # Only the running preview server allows its live-reload script; no build ever does.
            importlib.import_module("macros.engine.preview_policy").allow_live_reload(server)
        _REBUILDS.memory_by_site_dir[self.site_dir] = self._remember()
        index = _search_index_of(config)
        if index is not None:
            _REBUILDS.search_entries_by_site_dir[self.site_dir] = list(index.entries)
        return server

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config):
        # Every page has rendered (into the staging folder) and its links were checked, so one run reports
        # all: if a page's template failed, stop; the staging folder is discarded, the last output kept.
        errors = _page_errors.take_errors()
        if errors:
            lines = [f"docs/{error.page}:{error.line or 1}: {error.message}" for error in errors]
            raise PluginError("A page's template code failed; nothing was built:\n" + "\n".join(lines))
        if self.memory is None:
            return  # not a rebuild under `mkdocs serve`
        _REBUILDS.memory_by_site_dir[self.site_dir] = self.memory  # the next rebuild compares with this one
        index = _search_index_of(config)
        previous = _REBUILDS.search_entries_by_site_dir.get(self.site_dir)
        if index is not None and previous is not None:
            # A --dirty rebuild indexed only the pages it rendered; Material's own merge assumes one page
            # (and drops every page under the same folder), so merge here: unrendered pages keep their entries.
            kept = [entry for entry in previous if entry["location"].split("#")[0] not in self.built_urls]
            index.entries = kept + index.entries
            _search_plugin_of(config).search_index_prev = None
            _REBUILDS.search_entries_by_site_dir[self.site_dir] = list(index.entries)

    @_timed("rebuild memory")
    def _remember(self):
        if self.memory is None:
            self.memory = _rebuilds.remember_build(_macros.site, _site_module.OVERVIEW_PAGES)
        return self.memory


class _OutputSwap:
    """mkdocs events that make a build write into a staging folder and replace the output only on success."""

    def __init__(self, site_dir: Path):
        self.swap = importlib.import_module("macros.engine.output_swap")
        self.site_dir = site_dir
        self.staging = self.swap.start_staging(site_dir)

    @event_priority(200)  # before any other plugin adds or reads files: a --dirty build needs the last output first
    def on_files(self, files, config):
        self.swap.prepare_dirty_build(self.staging, self.site_dir)
        return files

    @event_priority(-200)  # after every other plugin wrote its files (search index, downloads)
    def on_post_build(self, config):
        # In strict mode mkdocs counts warnings and aborts right after this event: its count decides.
        # (ProperDocs, a fork, counts on its own logger with its own class: both are asked, by name.)
        handlers = [handler for name in ("mkdocs", "properdocs") for handler in logging.getLogger(name).handlers]
        counted: list[Any] = [handler for handler in handlers if type(handler).__name__ == CountHandler.__name__]
        if config.strict and any(handler.get_counts() for handler in counted):
            return  # the build will abort; on_build_error discards the staging folder
        self.swap.finish_staging(self.staging, self.site_dir)
        # What runs after the build (`mkdocs gh-deploy`, a script calling build()) reads the output from here.
        config["site_dir"] = str(self.site_dir)

    def on_build_error(self, error):
        self.swap.discard_staging(self.staging)

    def on_shutdown(self):
        # A SystemExit from a plugin skips on_build_error; the command's end still comes here.
        self.swap.discard_staging(self.staging)


def _register_output_plugin(config) -> None:
    """Send this build's output to a staging folder that replaces the site folder only when the build succeeds."""
    swap = _OutputSwap(Path(config["site_dir"]).resolve())
    config["site_dir"] = str(swap.staging)
    config.plugins[_OUTPUT_PLUGIN_NAME] = swap


def _keep_serving_on_failure(build, site_dir: Path):
    """The serve loop's build, changed so that a failed rebuild leaves the last good build served.

    mkdocs' server waits for a successful build before answering again, and a SystemExit from a plugin
    ends it; here a failure is reported in the terminal and the server goes on serving the last output.
    """
    def build_or_keep_last() -> None:
        try:
            build()
        except (Exception, SystemExit) as error:  # every failure of a rebuild is reported alike
            _log.error("The rebuild failed (%s); the last good build is still served.", error)
            importlib.import_module("macros.engine.output_swap").remove_stale_staging(site_dir)
    return build_or_keep_last


def _search_plugin_of(config):
    """Material's search plugin of this build, if it is enabled."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def _search_index_of(config):
    """The search plugin's entries holder (a list of dicts with 'location'), or None."""
    index = getattr(_search_plugin_of(config), "search_index", None)
    return index if isinstance(getattr(index, "entries", None), list) else None


def _register_site_plugin(config, store, generated_pages: dict[str, str]) -> None:
    """Add the page events to this build's plugins (mkdocs reloads the configuration on each serve rebuild)."""
    config.plugins[_SITE_PLUGIN_NAME] = _SitePlugin(store, generated_pages, str(Path(config["site_dir"]).resolve()))


def inline_fragments(page_src: str, markdown: str) -> str:
    """The page's Markdown with its held fragments put back: what a build without the store would see."""
    return _fragments.expand(page_src, markdown)


@_timed("page start")
def on_pre_page_macros(env):
    """Announce the page to the macros, and tag record pages by their record's type."""
    record = env.page.meta.get("record")
    # (The benchmark's floor renderer passes a stand-in file without its text: no front matter to count then.)
    content = getattr(env.page.file, "content_string", env.markdown)
    # Template errors report lines of the page body: count the front matter's lines to give file lines.
    front_lines = content[:len(content) - len(env.markdown)].count("\n") if content.endswith(env.markdown) else 0
    _page_errors.start_page(env.page.file.src_uri, front_lines + 1)
    _macros.start_page(env.page.file.src_uri, str(record) if record is not None else None)
    tags = _macros.page_tags()
    if tags:
        env.page.meta["tags"] = tags


@_timed("page end")
def on_post_page_macros(env):
    """Append the page's references and the abbreviation definitions."""
    env.markdown += _macros.finish_page(env.markdown)


def on_post_build(env):
    """Write the data downloads (JSON, CSV, schemas, CSL-JSON, BibTeX) into the built site."""
    started = time.process_time()
    plugin = env.conf["plugins"].get(_SITE_PLUGIN_NAME)
    # A --dirty rebuild rewrites the downloads of the kinds an edit changed; the others are current.
    kinds = plugin.changed_kinds if plugin is not None and plugin.affected is not None else None
    importlib.import_module("macros.export.downloads").write_downloads(_macros.site.index.dataset,
                                                                  Path(env.conf["site_dir"]), kinds)
    _cpu_seconds["downloads"] = time.process_time() - started
    started = time.process_time()
    _macros.changes.write_files(Path(env.conf["site_dir"]))  # the Atom feed and changes.json, at the site root
    _cpu_seconds["change feed"] = time.process_time() - started
    if os.environ.get("REFERENCE_BUILD_TIMINGS"):
        Path(os.environ["REFERENCE_BUILD_TIMINGS"]).write_text(json.dumps(_cpu_seconds), encoding="utf-8")
