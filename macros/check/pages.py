"""Pages against the data: every record has one page, every page names a record, every macro call fits.

Checking pages before the build means a broken page stops the build before anything is written,
instead of failing halfway through, after the output folder was emptied.
"""
from __future__ import annotations

import inspect
from collections.abc import Set

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from ..load.pages import RECORD_FOLDERS, PageFile, address_of
from ..model.problems import Problem, suggest, with_article


def check_pages_against_data(pages: list[PageFile], kind_of_id: dict[str, str],
                             raw_origins: dict[str, tuple[str, int]], *, unreadable_pages: frozenset[str] = frozenset(),
                             unreadable_kinds: frozenset[str] = frozenset()) -> list[Problem]:
    """Every record page names a known record; every actor and organization has exactly one page.

    Unreadable pages and data files are reported where they are read; the records and pages they
    hide are not reported again as missing.
    """
    problems = []
    records_unknown = bool(unreadable_kinds & set(RECORD_FOLDERS))
    folder_of_kind = {kind: folder for folder, kind in RECORD_FOLDERS.items()}
    page_of: dict[str, PageFile] = {}
    claiming: set[str] = set()  # pages that name a record whose page is elsewhere
    for page in pages:
        folder = page.src.split("/")[0] if "/" in page.src else ""
        if page.record is None:
            if folder in RECORD_FOLDERS and page.src != f"{folder}/index.md":
                problems.append(Problem(page.path, 1, "", "record", "this page in a record folder names no record",
                                        f"front matter 'record: <{RECORD_FOLDERS[folder]} id>'"))
            continue
        kind = kind_of_id.get(page.record)
        if kind is None:
            if not records_unknown:
                # Listed only for a message: building it for every page made the check O(pages x records).
                candidates = [i for i, k in kind_of_id.items() if k in ("actor", "organization")]
                problems.append(Problem(page.path, page.record_line, page.record, "record",
                                        f"unknown record '{page.record}'{suggest(page.record, candidates)}",
                                        "the id of an actor or organization in data/"))
        elif kind not in folder_of_kind:
            problems.append(Problem(page.path, page.record_line, page.record, "record",
                                    f"'{page.record}' is {with_article(kind)}; "
                                    "only actors and organizations have pages",
                                    "the id of an actor or organization"))
        elif page.src != f"{folder_of_kind[kind]}/{page.record}.md":
            # The file name is the record's address: a page naming another record would publish that
            # record's profile, JSON-LD and links under this page's address.
            problems.append(_claim_problem(page, f"{folder_of_kind[kind]}/{page.record}.md", kind_of_id))
            claiming.add(page.src)
        else:
            page_of[page.record] = page
    for record_id, kind in kind_of_id.items():
        folder = folder_of_kind.get(kind, "")
        expected = f"{folder}/{record_id}.md"
        # A page at the record's address that names another record was reported above, naming both.
        if (folder and record_id not in page_of and expected not in claiming
                and not any(p.endswith(f"/{expected}") for p in unreadable_pages)):
            path, line = raw_origins[record_id]
            problems.append(Problem(path, line, record_id, "id", f"this {kind} has no page",
                                    f"docs/{expected} with front matter 'record: {record_id}'"))
    return problems


def _claim_problem(page: PageFile, expected: str, kind_of_id: dict[str, str]) -> Problem:
    """A page that names a record whose page is elsewhere; says which record its own file name is for."""
    folder, _, name = page.src.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    message = f"this page names '{page.record}', whose page is docs/{expected}"
    if name.endswith(".md") and folder in RECORD_FOLDERS and RECORD_FOLDERS[folder] == kind_of_id.get(stem):
        return Problem(page.path, page.record_line, page.record or "", "record",
                       f"{message}; this file is named for '{stem}'", f"'record: {stem}' here")
    return Problem(page.path, page.record_line, page.record or "", "record", message,
                   "a record's page at docs/<folder>/<record id>.md")


def check_page_addresses(pages: list[PageFile], *, use_directory_urls: bool) -> list[Problem]:
    """Two pages the engine would publish at one address: the later one is refused (it would hide the other)."""
    # The page kept is the one the site's conventions name: '.md' before other extensions, a page before a
    # folder's index at its address, index.md before README.md.
    ordered = sorted(pages, key=lambda page: (not page.src.endswith(".md"), page.src.count("/"),
                                              page.src.rsplit("/", 1)[-1].startswith("README"), page.src))
    first_at: dict[str, PageFile] = {}
    problems = []
    for page in ordered:
        address = address_of(page.src, use_directory_urls=use_directory_urls)
        first = first_at.setdefault(address, page)
        if first is not page:
            problems.append(Problem(page.path, None, "", "page", f"this page is published at {address or './'}, "
                                    f"as {first.path} is", "one page per address"))
    return problems


def check_page_templates(pages: list[PageFile], macros: dict[str, inspect.Signature], record_macros: Set[str],
                         known_variables: set[str], jinja: Environment, kind_of_id: dict[str, str]) -> list[Problem]:
    """Parse each page's Jinja: syntax, unknown names, macros used without a record, wrong arguments."""
    problems = []
    for page in pages:
        if page.meta.get("render_macros") is False:
            continue  # the page opted out of macros: its braces are literal text
        try:
            tree = jinja.parse(page.body)
        except TemplateSyntaxError as error:
            problems.append(Problem(page.path, page.body_line + (error.lineno or 1) - 1, page.record or "",
                                    "template", f"Jinja syntax error: {error.message}",
                                    "balanced {{ }} and {% %}; wrap literal braces in {% raw %}…{% endraw %}"))
            continue
        problems.extend(_check_private_attributes(page, tree))
        unknown = _check_filters(page, tree, jinja)
        if unknown:
            problems.extend(unknown)
            continue  # Jinja cannot analyse the names of a page that uses an unknown filter
        allowed = set(macros) | known_variables | set(page.meta)
        for name in sorted(meta.find_undeclared_variables(tree) - allowed):
            line = next((n.lineno for n in tree.find_all(nodes.Name) if n.name == name), 1)
            problems.append(Problem(page.path, page.body_line + line - 1, page.record or "", "template",
                                    f"undefined name '{name}'{suggest(name, allowed)}",
                                    "one of the site's macros: " + ", ".join(sorted(macros))))
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in macros:
                problems.extend(_check_call(page, call, macros[call.node.name],
                                            call.node.name in record_macros, kind_of_id))
    return problems


def _check_private_attributes(page: PageFile, tree: nodes.Template) -> list[Problem]:
    """Pages render in a sandbox that refuses private attributes (`x.__class__`, `x['_y']`, `x|attr('_z')`)."""
    found = [(node.lineno, node.attr) for node in tree.find_all(nodes.Getattr) if node.attr.startswith("_")]
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.arg, nodes.Const) and isinstance(item.arg.value, str) and item.arg.value.startswith("_"):
            found.append((item.lineno, item.arg.value))
    for node in tree.find_all(nodes.Filter):
        if node.name == "attr":
            found += [(node.lineno, arg.value) for arg in node.args
                      if isinstance(arg, nodes.Const) and isinstance(arg.value, str) and arg.value.startswith("_")]
    return [Problem(page.path, page.body_line + line - 1, page.record or "", "template",
                    f"the attribute '{name}' is refused: pages render in a sandbox",
                    "the site's macros and plain values only") for line, name in sorted(found)]


def _check_filters(page: PageFile, tree: nodes.Template, jinja: Environment) -> list[Problem]:
    """Every filter ('x | f') and test ('x is t') a page uses exists: Jinja would crash on it otherwise."""
    problems = []
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        kind, known = ("filter", jinja.filters) if isinstance(node, nodes.Filter) else ("test", jinja.tests)
        if node.name not in known:
            problems.append(Problem(page.path, page.body_line + node.lineno - 1, page.record or "", "template",
                                    f"unknown {kind} '{node.name}'{suggest(node.name, known)}",
                                    f"a {kind} that the page sandbox provides"))
    return problems


def _check_call(page: PageFile, call: nodes.Call, signature: inspect.Signature, needs_record: bool,
                kind_of_id: dict[str, str]) -> list[Problem]:
    """One macro call: arguments match the macro's signature; a record is known when it needs one."""
    line = page.body_line + call.lineno - 1
    assert isinstance(call.node, nodes.Name)  # the caller passes calls of macros by name only
    name = call.node.name
    keywords = {keyword.key: keyword.value for keyword in call.kwargs}
    try:
        signature.bind(*call.args, **keywords)
    except TypeError as error:
        parameters = ", ".join(f"{p}=…" for p in signature.parameters) or "no arguments"
        unknown = next((key for key in keywords if key not in signature.parameters), None)
        hint = suggest(unknown, signature.parameters) if unknown else ""
        return [Problem(page.path, line, page.record or "", name, f"wrong arguments: {error}{hint}", parameters)]
    problems = []
    if name == "cite":
        problems += _check_cited_source(page, line, call, keywords, kind_of_id)
    record_argument = keywords.get("record")
    if isinstance(record_argument, nodes.Const):
        record_id = str(record_argument.value)
        if kind_of_id.get(record_id) not in ("actor", "organization"):
            candidates = [i for i, k in kind_of_id.items() if k in ("actor", "organization")]
            problems.append(Problem(page.path, line, page.record or "", name,
                                    f"unknown record '{record_id}'{suggest(record_id, candidates)}",
                                    "the id of an actor or organization"))
    elif needs_record and record_argument is None and not page.record:
        problems.append(Problem(page.path, line, "", name, f"{name}() needs a record, and this page names none",
                                "front matter 'record: <id>' or an argument record=\"<id>\""))
    return problems


def _check_cited_source(page: PageFile, line: int, call: nodes.Call, keywords: dict,
                        kind_of_id: dict[str, str]) -> list[Problem]:
    """cite("id"): the id names a source in the data, as a table row's citation must."""
    argument = call.args[0] if call.args else keywords.get("source")
    if not isinstance(argument, nodes.Const):
        return [Problem(page.path, line, page.record or "", "cite", "the source is not written out",
                        'cite("<source id>") with the id in quotes')]
    source_id = str(argument.value)
    if kind_of_id.get(source_id) == "source":
        return []
    candidates = [i for i, k in kind_of_id.items() if k == "source"]
    return [Problem(page.path, line, page.record or "", "cite", f"unknown source '{source_id}'"
                    f"{suggest(source_id, candidates)}", "the id of a source in data/sources.yml")]


def origins_by_id(raw_by_id) -> dict[str, tuple[str, int]]:
    """File and line of the 'id' of every record, for messages about records."""
    return {record_id: (raw.path, raw.line_of("id")) for record_id, (_kind, raw) in raw_by_id.items()}
