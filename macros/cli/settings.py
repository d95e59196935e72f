"""The site settings as the command line reads them from mkdocs.yml."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..site.state import SiteSettings


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses !!python/name or !ENV tags: we only need plain keys."""


_PermissiveLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path):
    """Build SiteSettings from mkdocs.yml the way mkdocs reads it (docs_dir, use_directory_urls, extra)."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_PermissiveLoader) or {}
    project_dir = config_file.resolve().parent
    return SiteSettings(
        project_dir=project_dir,
        docs_dir=project_dir / config.get("docs_dir", "docs"),
        data_dir=project_dir / "data",
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        extra_variables=frozenset((config.get("extra") or {}).keys()),
    )
