"""The editors' command line: `python -m macros check` validates data and pages without building."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .problems import format_problems
from .scaffold import add_new_parser, run_new

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


class _PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses !!python/name or !ENV tags: we only need plain keys."""


_PermissiveLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path):
    """Build SiteSettings from mkdocs.yml the way mkdocs reads it (docs_dir, use_directory_urls, extra)."""
    from .site import SiteSettings

    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_PermissiveLoader) or {}
    project_dir = config_file.resolve().parent
    return SiteSettings(
        project_dir=project_dir,
        docs_dir=project_dir / config.get("docs_dir", "docs"),
        data_dir=project_dir / "data",
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        extra_variables=frozenset((config.get("extra") or {}).keys()),
    )


def run_check(config_file: Path) -> int:
    """Print every problem in data and pages, then a count; return the exit status."""
    from .site import check_site

    try:
        settings = read_settings(config_file)
    except (OSError, yaml.YAMLError) as error:
        print(f"{config_file}: cannot read the site configuration: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    _site, problems = check_site(settings)
    if problems:
        print(format_problems(sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.record, p.field))))
        return EXIT_PROBLEMS
    print("0 problems found.")
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m macros`."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate data/ and the pages against it, without building")
    check.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"),
                       help="the site configuration (default: mkdocs.yml)")
    schema = commands.add_parser("schema", help="write schema/*.schema.json from the model (macros/model.py)")
    schema.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    add_new_parser(commands)
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_request:
        return EXIT_CANNOT_RUN if exit_request.code else EXIT_CLEAN
    if arguments.command == "check":
        if not arguments.config_file.is_file():
            print(f"{arguments.config_file}: no such file; run from the project folder or pass -f",
                  file=sys.stderr)
            return EXIT_CANNOT_RUN
        return run_check(arguments.config_file)
    if arguments.command == "schema":
        from .schema import run_schema
        return run_schema(Path.cwd(), check_only=arguments.check)
    if arguments.command == "new":
        return run_new(arguments)
    return EXIT_CANNOT_RUN
