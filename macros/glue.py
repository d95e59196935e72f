"""The glue between mkdocs-macros and the site: the only module that imports mkdocs.

mkdocs-macros loads this file by path (module_name: macros/glue) on every build, including each
rebuild under `mkdocs serve`. Swapping the site engine means replacing this file only.
"""
import importlib
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

_PROJECT_DIR = Path(__file__).resolve().parent.parent
_macros = None  # the MacroSet of the current build; mkdocs-macros hooks below need it


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


def define_env(env):
    """Load and check all data and pages once, then register the macros."""
    global _macros
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
    for name in site_module.MACRO_NAMES:
        env.macro(getattr(_macros, name), name)


def on_pre_page_macros(env):
    """Announce the page to the macros, and tag record pages by their record's type."""
    record = env.page.meta.get("record")
    _macros.start_page(env.page.file.src_uri, str(record) if record is not None else None)
    tags = _macros.page_tags()
    if tags:
        env.page.meta["tags"] = tags


def on_post_page_macros(env):
    """Append the page's references and the abbreviation definitions."""
    env.markdown += _macros.finish_page()


def on_post_build(env):
    """Write the data downloads (JSON, CSV, schemas, CSL-JSON, BibTeX) into the built site."""
    importlib.import_module("macros.downloads").write_downloads(_macros.site.index.dataset,
                                                                  Path(env.conf["site_dir"]))
