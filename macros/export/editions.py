"""Each named edition's downloads as one zip archive, built from the data as it was at the edition's tag.

The data of the tagged commit is read from git (`git archive`), checked with today's checker and written
with today's downloads, then zipped with fixed timestamps, so the same edition gives the same archive.
Archives are kept in the parse cache folder by commit: an edition is built once per machine, not per build.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

from ..check.validate import validate_records
from ..load.data_files import load_data_folder
from ..load.editions import Edition
from .downloads import DOWNLOADS_FOLDER, write_downloads


def archive_name(edition: Edition) -> str:
    """The archive's file name under downloads/: 'edition-2026-12.zip'."""
    return f"{edition.name}.zip"


def build_edition_archive(edition: Edition, project_dir: Path, data_dir: Path) -> bytes | None:
    """The zip of an edition's downloads, or None when its data cannot be read or does not pass the check."""
    folder = data_dir.resolve().relative_to(project_dir.resolve()).as_posix()
    try:
        result = subprocess.run(["git", "archive", "--format=tar", edition.revision, "--", folder], cwd=project_dir,
                                capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    with tempfile.TemporaryDirectory(prefix="edition-") as temporary:
        root = Path(temporary)
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(root / "tree", filter="data")  # 'data': no links out, no devices
        dataset, _raw, problems = validate_records(load_data_folder(root / "tree" / folder))
        if problems:  # an edition the checker refuses is not published as if it were clean
            return None
        written = write_downloads(dataset, root / "site")
        stream = io.BytesIO()
        stamp = tuple(int(part) for part in edition.date.split("-")) + (0, 0, 0)
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(written):
                info = zipfile.ZipInfo(f"{edition.name}/{path.name}", date_time=stamp)  # type: ignore[arg-type]
                bundle.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
        return stream.getvalue()


def write_edition_archives(editions: list[Edition], project_dir: Path, data_dir: Path, site_dir: Path,
                           cache_dir: Path | None) -> dict[str, str]:
    """Write each edition's archive into <site_dir>/downloads/; return edition name -> path from the site root."""
    written = {}
    for edition in editions:
        cached = cache_dir / "editions" / f"{edition.revision}.zip" if cache_dir else None
        content = cached.read_bytes() if cached and cached.is_file() else build_edition_archive(
            edition, project_dir, data_dir)
        if content is None:
            continue
        if cached and not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(content)
        target = site_dir / DOWNLOADS_FOLDER / archive_name(edition)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written[edition.name] = f"{DOWNLOADS_FOLDER}/{archive_name(edition)}"
    return written
