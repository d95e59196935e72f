"""The list of downloads on the data page: each file with its format and record count."""
from __future__ import annotations

from ..export.downloads import list_downloads
from ..model.dataset import Dataset
from ..model.records import KINDS
from .html import render_template
from .urls import url_of_download


def render_download_list(dataset: Dataset, page_url: str) -> str:
    """A table of the downloads per kind, with record counts, linked from the page at page_url."""
    rows = []
    for kind in KINDS.values():
        files = [(download, url_of_download(download.name, from_url=page_url))
                 for download in list_downloads(dataset) if download.kind == kind.name]
        rows.append((kind.name, len(dataset.records_of(kind.name)), files))
    return render_template("download-list.html", rows=rows)
