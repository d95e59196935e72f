"""The list of downloads on the data page: each file with its format and record count."""
from __future__ import annotations

from ..export.downloads import WHOLE_DATASET, Download, list_downloads
from ..model.dataset import Dataset
from ..model.records import KINDS
from .changes import CHANGES_FILE
from .html import render_template
from .urls import relative_url, url_of_download


def render_download_list(dataset: Dataset, page_url: str, change_count: int | None = None) -> str:
    """A table of the downloads per kind, with record counts (and the change log's changes), linked from page_url."""
    rows = []
    downloads = list_downloads(dataset)
    for kind in KINDS.values():
        files = [(download, url_of_download(download.name, from_url=page_url))
                 for download in downloads if download.kind == kind.name]
        rows.append((kind.name, len(dataset.records_of(kind.name)), files))
    # Files about the whole dataset (the data package, the STIX bundle): one row, counted in records of all kinds.
    whole = [(download, url_of_download(download.name, from_url=page_url))
             for download in downloads if download.kind == WHOLE_DATASET]
    if whole:
        rows.append((WHOLE_DATASET, sum(len(dataset.records_of(kind)) for kind in KINDS), whole))
    if change_count is not None:  # the change log sits at the site root, beside its Atom feed
        rows.append(("changes", change_count, [(Download(CHANGES_FILE, "changes", "JSON", change_count),
                                                relative_url(CHANGES_FILE, from_url=page_url))]))
    return render_template("download-list.html", rows=rows)
