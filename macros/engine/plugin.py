"""The site's mkdocs plugin: checks data and pages, renders each page's template in a sandbox, writes the
downloads, and under `mkdocs serve` keeps the checked site between builds to redo only what an edit changed.

mkdocs reaches it through engine/hooks.py (`hooks:` in mkdocs.yml). It renders pages itself instead of
handing them to mkdocs-macros: that plugin renders with a plain Jinja environment (no sandbox) and offers
pages the mkdocs configuration and its own plugin object, each a way out of any sandbox, and it publishes a
failed page when its error is only logged. Every failure here is decided by what was raised.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..export.downloads import DOWNLOADS_FOLDER, DownloadMemo, write_downloads
from ..load.switches import is_switched_off
from ..model.problems import DataError
from ..query.shown_on import BuildMemory
from ..render.changes import CHANGES_FILE, FEED_FILE
from ..site.assemble import OVERVIEW_PAGES, check_site
from ..site.check_again import CheckMemory, check_site_again
from ..site.macros import MacroSet
from ..site.rebuild_plan import remember_build
from ..site.sandbox import PageSandbox, make_page_sandbox, plain_variables
from ..site.state import Site
from . import output, preview_policy
from .fragments import FragmentStore
from .last_build import LastBuild, fingerprint_surroundings, plan_partial_build, settings_of
from .page_calls import tune_garbage_collector, wrap_macro
from .page_errors import PageError, describe_error, format_page_errors, line_in_page_file
from .search_index import SEARCH_INDEX, SearchEntries, show_to_theme
from .search_rows import RowMemo
from .strictness import CountingWarnings
from .template_cache import MemoryBytecodeCache

# Where Material's tags plugin lists every tag: the page holding this comment.
TAGS_INDEX_MARKER = "<!-- material/tags -->"


class ReferenceSitePlugin(BasePlugin):
    """One plugin object per process: mkdocs keeps hook modules loaded, so it outlives `mkdocs serve` rebuilds."""

    def __init__(self) -> None:
        self.serving = False  # under `mkdocs serve`: keep what a build leaves for the next one
        self.last: LastBuild | None = None  # the last good build under serve
        self.site: Site | None = None
        self.macros: MacroSet | None = None
        self.sandbox: PageSandbox | None = None
        self.fragments = FragmentStore()
        self.page_errors: list[PageError] = []
        self.warnings = CountingWarnings()
        self.memory: BuildMemory | None = None
        self.check_memory = CheckMemory()  # under serve: each data file and page as last checked
        self.downloads: tuple[set[str], set[str]] | None = None  # kinds changed, renamed; None: write all
        self.download_memo = DownloadMemo()  # under serve: the STIX objects' texts, the CSV rows
        self.theme_templates = MemoryBytecodeCache()  # under serve: Material's templates, compiled once
        self.plan: set[str] | None = None  # page files this build renders; None: all of them
        self.surroundings = ""  # fingerprint of mkdocs.yml, the theme overrides, map shapes, static files
        self.site_dir: Path | None = None  # the real output folder (the build writes into a staging folder)
        self.staging: Path | None = None
        self.render_order: list[str] = []  # URLs of the pages this build rendered, in order
        self.dest_of: dict[str, str] = {}  # page file -> its output file
        self.cpu_seconds: dict[str, float] = {}  # our code's CPU time by part, for the benchmark
        self.search = SearchEntries()  # this build's search entries of the pages it rendered
        self.search_rows = RowMemo()  # under serve: list rows read for search, for the next build to reuse

    # ------------------------------------------------------------ before the pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        started = time.process_time()
        self.cpu_seconds, self.page_errors, self.render_order = {}, [], []
        if config.strict:
            self.warnings.attach()
        settings = settings_of(config)
        # Under serve, only the data files and pages an edit changed are read and checked again.
        site, problems = check_site_again(settings, self.check_memory) if self.serving else check_site(settings)
        if site is None:
            self.warnings.detach()
            # Raised at config time: mkdocs stops before it empties or writes any output folder.
            raise PluginError(f"The data or pages have problems; nothing was built.\n{DataError(problems)}")
        self.site, self.macros = site, MacroSet(site)
        self.fragments, self.search = FragmentStore(), SearchEntries()
        if not is_switched_off("REFERENCE_HOLD_FRAGMENTS"):  # the benchmark measures what holding saves
            self.macros.hold_html = lambda html, searchable: self.fragments.hold(self.macros_page(), html, searchable)
        macros = {name: wrap_macro(name, macro, self.macros, self.cpu_seconds)
                  for name, macro in self.macros.macros().items()}
        self.sandbox = make_page_sandbox(macros, {}, settings.docs_dir, plain_variables(config.extra))
        self.plan = self._plan_rebuild(config, site)
        self.site_dir = Path(config.site_dir).resolve()
        self.staging = output.start_staging(self.site_dir)
        config.site_dir = str(self.staging)
        tune_garbage_collector(self.serving)
        self.cpu_seconds["load and check"] = time.process_time() - started
        return config

    def macros_page(self) -> str:
        """The page being rendered (the fragment store keys held HTML by it)."""
        assert self.macros is not None
        return self.macros.page_src

    def _plan_rebuild(self, config: MkDocsConfig, site: Site) -> set[str] | None:
        """The page files an edit changed since the last build under serve; None: render every page."""
        if not self.serving:
            return None
        started = time.process_time()
        last = self.last
        self.memory = remember_build(site, OVERVIEW_PAGES, last.memory if last else None,
                                     self.check_memory.record_prints())
        self.surroundings = fingerprint_surroundings(config)
        # The tags index lists every page, so only a full build can draw it; a partial one renders it (Material
        # links a page's tags only when their index is rendered) but does not publish it.
        plan, self.downloads = plan_partial_build(last, site, self.memory, self.surroundings, self._tags_pages())
        self.cpu_seconds["plan rebuild"] = time.process_time() - started
        return plan

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.macros is not None
        for src, markdown in self.macros.generated_pages().items():
            # Reached by links from the timeline and statements pages, not from the navigation.
            generated = File.generated(config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            # No file in docs/ to edit: a year page is made from data/, so it offers no "edit this page" link.
            generated.edit_uri = None
            files.append(generated)
        self.dest_of = {file.src_uri: file.dest_uri for file in files.documentation_pages()}
        if self.plan is not None:
            # A partial rebuild: every other file keeps its last output in the served folder (the static
            # files too: a change to one changes the surroundings, which rebuilds everything).
            for file in files:
                if not (file.is_documentation_page() and file.src_uri in self.plan):
                    file.inclusion = InclusionLevel.EXCLUDED
        return files

    # ------------------------------------------------------------ each page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.macros is not None and self.sandbox is not None
        started = time.process_time()
        src = page.file.src_uri
        record = page.meta.get("record")
        self.macros.start_page(src, str(record) if record is not None else None)
        tags = self.macros.page_tags()
        if tags:
            page.meta["tags"] = tags
        try:
            if page.meta.get("render_macros") is False:  # the page opted out: its braces are text
                body = markdown
            else:
                body = self.sandbox.from_string(markdown).render(plain_variables(page.meta))
        except Exception as error:  # any failure of a page's template code stops the build, in on_env
            line = line_in_page_file(page.file.content_string, markdown, error)
            self.page_errors.append(PageError(src, line, describe_error(error)))
            body = ""
        finished = body + self.macros.finish_page(body)
        self.cpu_seconds["pages"] = self.cpu_seconds.get("pages", 0.0) + time.process_time() - started
        return finished

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page was read and rendered to Markdown, none written yet: stop here if any failed.
        if self.page_errors:
            raise PluginError(format_page_errors(self.page_errors))
        if self.serving:
            env.bytecode_cache = self.theme_templates  # mkdocs makes a new environment per build
        if self.plan is not None:
            # A partial rebuild publishes only the pages it renders: the theme's 404 page and sitemap (a fresh
            # configuration's, each build) would be drawn for nothing; the served ones stay.
            config.theme.static_templates.clear()
        return env

    @event_priority(100)  # before Material's search plugin, which is told to leave the page to us
    def index_page(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Index the page for search (the site writes the index) and hide it from Material's search plugin."""
        self.render_order.append(page.url)
        page.content = self.fragments.expand(page.file.src_uri, page.content or "", searchable_only=True)
        started = time.process_time()
        self.search.add(page, self.search_rows if self.serving else None)
        self.cpu_seconds["search index"] = self.cpu_seconds.get("search index", 0.0) + time.process_time() - started
        return context

    @event_priority(-100)  # after Material's search plugin (priority 0) passed the page by
    def show_page_to_theme(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Give the page its own front matter back before the theme renders it (a template tests `page.meta`)."""
        show_to_theme(page)
        return context

    # mkdocs runs each part at its own priority: one before Material's search plugin, one after it.
    on_page_context = CombinedEvent(index_page, show_page_to_theme)

    def on_post_page(self, output_html: str, *, page: Page, config: MkDocsConfig) -> str:
        html = self.fragments.expand(page.file.src_uri, output_html)
        # The page is written next and its HTML is never read again: let it go, keep memory flat.
        self.fragments.release(page.file.src_uri)
        page.content = None
        return html

    # ------------------------------------------------------------ after the pages

    @event_priority(-100)  # after Material's search plugin wrote its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site is not None and self.macros is not None
        assert self.staging is not None and self.site_dir is not None
        warnings = list(self.warnings.messages)
        self.warnings.detach()
        if config.strict and warnings:
            # Counted whatever the log level: a strict build with a warning publishes nothing.
            raise PluginError(f"Aborted with {len(warnings)} warnings in strict mode; nothing was built.")
        started = time.process_time()
        # A partial rebuild writes the downloads of the kinds an edit changed (none after a page edit).
        kinds, renamed = self.downloads if self.downloads is not None else (None, None)
        write_downloads(self.site.index.dataset, self.staging, kinds, renamed,
                        self.download_memo if self.serving else None)
        self.macros.changes.write_files(self.staging)  # the Atom feed and changes.json, at the site root
        self.cpu_seconds["downloads"] = time.process_time() - started
        self._publish()
        # Every page is written: what rendered them (macros and their caches, the sandbox) goes now. Under serve the
        # next build would replace it only after checking the new data, holding both while it checks.
        self.macros = self.sandbox = None
        config.site_dir = str(self.site_dir)  # what runs after the build (gh-deploy, a script) reads it here
        self._write_timings()

    def _publish(self) -> None:
        """Write the search index, then move this build's output into the site folder: all of it, or what a
        partial rebuild rewrote."""
        assert self.staging is not None and self.site_dir is not None and self.site is not None
        published = None if self.plan is None else {self.dest_of[src] for src in self.plan - self._tags_pages()}
        entries = self.last.search if self.last is not None and published is not None else SearchEntries()
        urls = None if published is None else {url for url in self.render_order if _dest_of_url(url) in published}
        entries.replace_from(self.search, urls)
        self.search = SearchEntries()
        if self.serving:
            self.search_rows.finish_build(full=published is None)
        # A full build renders every page in the order its search index lists them; a partial one keeps that order.
        order = self.render_order if published is None or self.last is None else self.last.page_order
        index_file = self.staging / SEARCH_INDEX
        if index_file.is_file():  # written by Material's search plugin, with its settings and no entries
            entries.write(index_file, order)
        if published is None:
            output.finish_staging(self.staging, self.site_dir)
        else:
            written = [path.relative_to(self.staging).as_posix()
                       for path in (self.staging / DOWNLOADS_FOLDER).rglob("*") if path.is_file()]
            output.publish_files(self.staging, self.site_dir,
                                 [*published, *written, CHANGES_FILE, FEED_FILE, SEARCH_INDEX])
        if not self.serving:  # a one-off build keeps nothing for a next one
            return
        assert self.memory is not None
        self.last = LastBuild(self.site, self.memory, entries, self.surroundings, order)

    @property
    def rendered(self) -> set[str]:
        """URLs of the pages this build rendered."""
        return set(self.render_order)

    def _tags_pages(self) -> set[str]:
        assert self.site is not None
        return {page.src for page in self.site.pages if TAGS_INDEX_MARKER in page.body}

    def _write_timings(self) -> None:
        # The benchmark names a file in REFERENCE_BUILD_TIMINGS: our code's CPU time, measured directly.
        if os.environ.get("REFERENCE_BUILD_TIMINGS"):
            Path(os.environ["REFERENCE_BUILD_TIMINGS"]).write_text(json.dumps(self.cpu_seconds), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        self.warnings.detach()
        self.fragments = FragmentStore()
        self.search_rows.finish_build(full=False)  # what the failed build read stays true of those rows
        if self.staging is not None:
            output.discard_staging(self.staging)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
        # mkdocs' server stops answering until a build succeeds, and a plugin's SystemExit ends it: a failed
        # rebuild is reported in the terminal instead, and the last good build stays served.
        if getattr(server, "builder", None) is not None:  # a livereload server (tests pass a stand-in)
            server.builder = output.keep_serving_on_failure(server.builder, Path(config.site_dir))
            # Only the running preview server allows its live-reload script, by its hash; no build ever does.
            preview_policy.allow_live_reload(server)
        return server

    def on_shutdown(self) -> None:
        # A SystemExit from another plugin skips on_build_error; the command's end still comes here.
        if self.staging is not None:
            output.discard_staging(self.staging)


def _dest_of_url(url: str) -> str:
    """The output file of a page URL (with directory URLs: 'actors/x/' -> 'actors/x/index.html')."""
    return url + "index.html" if url == "" or url.endswith("/") else url
