"""Bad input never ships: each mistake an editor can make is named precisely, and stops the build.

Every case copies the minimal valid project (tests/fixtures/minimal), breaks one thing, and asserts
that `python -m macros check` (run in process: macros.cli.main.main) exits 1 printing the exact
message lines. The build reports problems through the same check (macros.site.assemble.check_site,
formatted by the same DataError), so a few cases, one per stage of the check, also run a real
`mkdocs build --strict` in a child process: it must fail with the same lines and leave an earlier
good build's output, and the project's files, exactly as they were.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from macros.site.macros import MACRO_NAMES
from tests.support import MINIMAL, PROJECT_DIR, copy_project, run_checker, run_cli, run_mkdocs_build, snapshot

# ---------------------------------------------------------------- ways to break a project

def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace text that occurs exactly once in a project file."""
    def apply(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
        file.write_text(text.replace(old, new), encoding="utf-8")
    return apply


def append(path: str, text: str) -> Callable[[Path], None]:
    """Add text at the end of a project file."""
    def apply(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


def write(path: str, content: str | bytes) -> Callable[[Path], None]:
    """Create or replace a project file with this content."""
    def apply(project: Path) -> None:
        file = project / path
        file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return apply


def remove(path: str) -> Callable[[Path], None]:
    """Delete a project file or folder."""
    def apply(project: Path) -> None:
        target = project / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return apply


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and every line the checker must print for it."""

    name: str
    breaks: Callable[[Path], None]
    lines: tuple[str, ...]


def case(name: str, breaks: Callable[[Path], None], *lines: str) -> Case:
    """A Case, with its expected lines given one per argument."""
    return Case(name, breaks, lines)


# The checker lists every macro when a page names an unknown one; the list grows with the site.
MACROS = "one of the site's macros: " + ", ".join(sorted(MACRO_NAMES))
PAGE_HEAD = "---\nrecord: jane-doe\n---\n\n# A record page\n"  # 5 lines: the body starts on line 4
MEMBERSHIP = "\n- member: alpha-land\n  organization: pact\n  role: leader\n  as_of: \"2023-04\"\n" \
             "  note: Leads it.\n  sources:\n    - report-2023\n"
SOURCE = "\n- id: report-2023\n  title: Again\n  publisher: P\n  date: \"2023\"\n  kind: news\n"

CASES = [
    # -- files that cannot be read
    case("yaml-syntax-error", edit("data/actors.yml", "  name: Beta Land\n", "  name: [Beta Land\n"),
         "data/actors.yml:13: -: -: YAML syntax error: did not find expected ',' or ']' (while parsing a "
         'flow sequence that starts on line 12) (expected valid YAML)'),
    case("yaml-bad-indentation", edit("data/statements.yml", "  date: \"2023-02\"\n", "   date: \"2023-02\"\n"),
         'data/statements.yml:14: -: -: YAML syntax error: mapping values are not allowed in this context '
         '(expected valid YAML)'),
    case("yaml-unclosed-quote", append("data/statements.yml", "\n- id: \"unclosed\n"),
         'data/statements.yml:27: -: -: YAML syntax error: found unexpected end of stream (while scanning '
         'a quoted scalar that starts on line 26) (expected valid YAML)'),
    case("control-character", edit("data/statements.yml", "  quote: \"A claim.\"\n", "  quote: A \x07claim.\n"),
         'data/statements.yml:6: -: -: the character U+0007 is not allowed in YAML (expected printable '
         'text; remove or replace the character)'),
    case("empty-file", write("data/statements.yml", "# nothing yet\n"),
         'data/statements.yml:1: -: -: the file is empty (expected a list of records, each starting with '
         "'- id:')"),
    case("not-utf8", write("data/statements.yml", "- id: caf\xe9\n".encode("latin-1")),
         'data/statements.yml:1: -: -: the file is not UTF-8 text (byte 0xe9) (expected a file saved as '
         'UTF-8)'),
    case("top-level-not-a-list", write("data/statements.yml", "id: doe-claim\nspeakers: [jane-doe]\n"),
         'data/statements.yml:1: -: -: the top level is not a list (expected a list of records, each '
         "starting with '- ')"),
    case("list-item-not-a-record", append("data/statements.yml", "\n- just a line of text\n"),
         'data/statements.yml:26: -: -: this list item is not a record (expected a mapping of field: '
         'value)'),
    case("unknown-data-file", write("data/actor.yml", "[]\n"),
         "data/actor.yml: -: -: 'actor.yml' is not a data file name; did you mean 'actors.yml'? (expected "
         'one of sources.yml, actors.yml, organizations.yml, memberships.yml, events.yml, statements.yml, '
         'relations.yml, disagreements.yml)'),
    case("data-folder-missing", remove("data"),
         'data: -: -: the data folder does not exist (expected a folder holding sources.yml, actors.yml, '
         '…)'),
    case("key-twice-in-a-record", edit("data/actors.yml", "  summary: Another state.\n",
                                       "  summary: Another state.\n  name: Beta\n"),
         "data/actors.yml:14: beta-land: name: key 'name' appears twice in one record (expected each key "
         'once)'),
    # -- fields
    case("missing-required-field", edit("data/actors.yml", "  name: Beta Land\n", ""),
         'data/actors.yml:10: beta-land: name: required field is missing or empty (expected The name '
         'readers know it by.)'),
    case("unknown-field-typo", edit("data/memberships.yml", "  organization: forum\n", "  orgnization: forum\n"),
         'data/memberships.yml:17: beta-land in ?: organization: required field is missing or empty '
         '(expected The organization.)',
         "data/memberships.yml:18: beta-land in ?: orgnization: unknown field 'orgnization'; did you mean "
         "'organization'? (expected one of as_of, disagreement, end, ended_by, member, note, organization, role, "
         "sources, start, started_by, status)"),
    case("wrong-type-text-for-list", edit("data/actors.yml", "  other_names:\n    - J. Doe\n",
                                           "  other_names: J. Doe\n"),
         'data/actors.yml:20: jane-doe: other_names: is a text (expected a list of texts: [a, b])'),
    case("wrong-type-list-for-text", edit("data/actors.yml", "  name: Beta Land\n", "  name: [Beta, Land]\n"),
         'data/actors.yml:12: beta-land: name: is a list (expected a single text value)'),
    case("wrong-type-mapping-for-list", edit("data/events.yml", "  organizations:\n    - pact\n",
                                              "  organizations: {id: pact}\n"),
         'data/events.yml:13: summit-2023-02: organizations: is a mapping (expected a list of texts: [a, '
         'b])'),
    case("yes-no-read-as-true-false", edit("data/organizations.yml", "  short_name: TPO\n", "  short_name: NO\n"),
         """data/organizations.yml:3: pact: short_name: 'NO' would be read as false: put it in quotes ("NO") """
         "so it is read as text"),
    case("yes-no-item-in-a-list", edit("data/actors.yml", "    - J. Doe\n", "    - J. Doe\n    - no\n"),
         """data/actors.yml:22: jane-doe: other_names: 'no' would be read as false: put it in quotes ("no") """
         "so it is read as text"),
    case("empty-item-in-a-list", edit("data/actors.yml", "    - J. Doe\n", "    - J. Doe\n    -\n"),
         "data/actors.yml:20: jane-doe: other_names: an item is empty (expected text on every '- ' line)"),
    case("citation-of-wrong-type", edit("data/organizations.yml",
                                         "  summary: A format.\n  sources:\n    - report-2023\n",
                                         "  summary: A format.\n  sources:\n    - [report-2023]\n"),
         'data/organizations.yml:17: forum: sources: an item is a list (expected a source id)'),
    case("citation-field-typo", edit("data/actors.yml", "locator: \"paragraph 1\"", "locatr: \"paragraph 1\""),
         "data/actors.yml:8: alpha-land: sources.locatr: unknown field 'locatr'; did you mean 'locator'? "
         '(expected one of locator, source)'),
    case("choice-not-allowed", edit("data/actors.yml", "  type: person\n", "  type: persn\n"),
         "data/actors.yml:18: jane-doe: type: 'persn' is not allowed; did you mean 'person'? (expected "
         'one of state, person, armed-group, government, bloc)'),
    case("impossible-date", edit("data/events.yml", "  date: \"2023-02-14\"\n", "  date: \"2023-02-30\"\n"),
         "data/events.yml:22: talks-2023-02-14: date: '2023-02-30' is not a day: February 2023 has 28 "
         'days (expected YYYY, YYYY-MM or YYYY-MM-DD)'),
    case("malformed-date", edit("data/sources.yml", "  date: \"2023-04\"\n", "  date: April 2023\n"),
         "data/sources.yml:6: report-2023: date: 'April 2023' is not a date (expected YYYY, YYYY-MM or "
         'YYYY-MM-DD)'),
    case("not-a-web-address", edit("data/sources.yml", "  url: https://example.org/report?part=1&lang=en\n",
                                    "  url: javascript:alert(1)\n"),
         "data/sources.yml:8: report-2023: url: 'javascript:alert(1)' is not a web address (expected "
         'https://…)'),
    case("id-rule", edit("data/statements.yml", "- id: beta-rebuttal-2023-02\n", "- id: Beta_Rebuttal\n"),
         "data/statements.yml:12: Beta_Rebuttal: id: 'Beta_Rebuttal' does not follow the id rule "
         "(expected lowercase letters, digits and single hyphens, e.g. 'amir-khan-muttaqi')"),
    case("duplicate-id", append("data/sources.yml", SOURCE),
         'data/sources.yml:11: report-2023: id: duplicate id: already used by the source at '
         'data/sources.yml:1 (expected ids unique across all data)'),
    case("record-without-sources", edit("data/organizations.yml",
                                         "  summary: A format.\n  sources:\n    - report-2023\n",
                                         "  summary: A format.\n"),
         'data/organizations.yml:13: forum: sources: required field is missing or empty (expected Sources '
         'for this fact: source ids, or {source, locator}.)'),
    case("record-with-empty-sources", edit("data/actors.yml",
                                            "  summary: Another state.\n  sources:\n    - report-2023\n",
                                            "  summary: Another state.\n  sources: []\n"),
         'data/actors.yml:14: beta-land: sources: required field is missing or empty (expected Sources '
         'for this fact: source ids, or {source, locator}.)'),
    # -- references
    case("unknown-actor", edit("data/memberships.yml", "- member: beta-land\n  organization: forum\n",
                               "- member: betaland\n  organization: forum\n"),
         "data/memberships.yml:17: betaland in forum: member: unknown actor or organization 'betaland'; "
         "did you mean 'beta-land'? (expected the id of an existing actor or organization)"),
    case("unknown-organization", edit("data/events.yml", "    - pact\n", "    - pakt\n"),
         "data/events.yml:13: summit-2023-02: organizations: unknown organization 'pakt'; did you mean "
         "'pact'? (expected the id of an existing organization)"),
    case("unknown-event", edit("data/statements.yml", "  event: talks-2023-02-14\n", "  event: talks-2023-02-15\n"),
         "data/statements.yml:5: doe-claim-2023-02-14: event: unknown event 'talks-2023-02-15'; did you "
         "mean 'talks-2023-02-14'? (expected the id of an existing event)"),
    case("unknown-statement", edit("data/statements.yml", "  disputes:\n    - doe-claim-2023-02-14\n",
                                   "  disputes:\n    - doe-claim-2023-02-41\n"),
         'data/statements.yml:19: beta-rebuttal-2023-02: disputes: unknown statement '
         "'doe-claim-2023-02-41'; did you mean 'doe-claim-2023-02-14'? (expected the id of an existing "
         'statement)'),
    case("unknown-source", edit("data/actors.yml", "{source: report-2023, locator: \"paragraph 2\"}",
                                "{source: report-2032, locator: \"paragraph 2\"}"),
         "data/actors.yml:29: jane-doe: positions.sources: unknown source 'report-2032'; did you mean "
         "'report-2023'? (expected the id of an existing source)"),
    case("reference-to-wrong-kind", edit("data/organizations.yml", "  led_by: alpha-land\n", "  led_by: forum\n"),
         "data/organizations.yml:7: pact: led_by: 'forum' is an organization, not an actor (expected the "
         'id of an existing actor)'),
    case("position-in-unknown-body", edit("data/actors.yml", "      of: alpha-land\n", "      of: alpha-lnd\n"),
         "data/actors.yml:26: jane-doe: positions.of: unknown actor or organization 'alpha-lnd'; did you "
         "mean 'alpha-land'? (expected the id of an existing actor or organization)"),
    # -- facts that must agree
    case("end-before-start", edit("data/memberships.yml", "  end: \"2012\"\n", "  end: \"2001-05\"\n"),
         'data/memberships.yml:9: beta-land in pact: end: ends (2001-05) before it starts (2002) '
         '(expected an end on or after the start)'),
    case("membership-listed-twice", append("data/memberships.yml", MEMBERSHIP),
         'data/memberships.yml:24: alpha-land in pact: member: this membership is listed twice (first at '
         'data/memberships.yml:1) (expected each membership once; add sources to the first one instead)'),
    case("statement-disputes-itself", edit("data/statements.yml", "  disputes:\n    - doe-claim-2023-02-14\n",
                                           "  disputes:\n    - beta-rebuttal-2023-02\n"),
         'data/statements.yml:12: beta-rebuttal-2023-02: disputes: the statement disputes itself '
         '(expected the id of another statement)'),
    case("qualifier-on-a-day", edit("data/events.yml", "  date: \"2023-02\"\n", "  date: \"2023-02-01\"\n"),
         "data/events.yml:1: summit-2023-02: date_qualifier: 'early' qualifies a whole month or year, but "
         'the date is a day (expected no qualifier with a day-precise date)'),
    case("position-ends-before-start", edit("data/actors.yml", "      as_of: \"2023-04\"\n",
                                             "      start: \"2023-04\"\n      end: \"2022-12\"\n"),
         "data/actors.yml:17: jane-doe: positions.end: position 'Minister' ends (2022-12) before it "
         'starts (2023-04) (expected an end on or after the start)'),
    case("participant-listed-twice", edit("data/events.yml", "    - actor: jane-doe\n      role: speaker\n",
                                          "    - actor: jane-doe\n      role: speaker\n    - actor: jane-doe\n"
                                          "      role: attendee\n"),
         "data/events.yml:19: talks-2023-02-14: participants: 'jane-doe' is listed 2 times (expected each "
         'participant once)'),
    case("event-part-of-itself", edit("data/events.yml", "  part_of: summit-2023-02\n",
                                      "  part_of: talks-2023-02-14\n"),
         'data/events.yml:19: talks-2023-02-14: part_of: an event cannot be part of itself (expected '
         "another event's id)"),
    case("member-of-itself", edit("data/memberships.yml", "- member: alpha-land\n", "- member: pact\n"),
         'data/memberships.yml:1: pact in pact: member: an organization cannot be its own member '
         '(expected a different member)'),
    case("nationality-not-a-state", edit("data/actors.yml", "  nationality: alpha-land\n", "  nationality: jane-doe\n"),
         "data/actors.yml:17: jane-doe: nationality: 'jane-doe' is a person, not a state (expected the id "
         'of a state)'),
    case("statement-without-words", edit("data/statements.yml", "  paraphrase: The claim is wrong.\n", ""),
         'data/statements.yml:12: beta-rebuttal-2023-02: quote: neither a quote nor a paraphrase is given '
         '(expected quote (verbatim) or paraphrase)'),
    case("statement-without-speaker", edit("data/statements.yml", "  attribution: a spokesperson of Beta Land\n", ""),
         'data/statements.yml:12: beta-rebuttal-2023-02: speakers: nobody is named as speaker (expected '
         'speakers (ids) or an attribution (text))'),
    # -- pages
    case("page-names-unknown-record", edit("docs/organizations/forum.md", "record: forum\n", "record: forun\n"),
         'data/organizations.yml:13: forum: id: this organization has no page (expected '
         "docs/organizations/forum.md with front matter 'record: forum')",
         "docs/organizations/forum.md:2: forun: record: unknown record 'forun'; did you mean 'forum'? "
         '(expected the id of an actor or organization in data/)'),
    case("page-names-record-of-wrong-kind", edit("docs/organizations/forum.md", "record: forum\n",
                                                 "record: summit-2023-02\n"),
         'data/organizations.yml:13: forum: id: this organization has no page (expected '
         "docs/organizations/forum.md with front matter 'record: forum')",
         "docs/organizations/forum.md:2: summit-2023-02: record: 'summit-2023-02' is an event; only "
         'actors and organizations have pages (expected the id of an actor or organization)'),
    case("record-without-page", remove("docs/actors/beta-land.md"),
         'data/actors.yml:10: beta-land: id: this actor has no page (expected docs/actors/beta-land.md '
         "with front matter 'record: beta-land')"),
    case("page-in-record-folder-without-record", write("docs/actors/notes.md", "# Notes\n"),
         'docs/actors/notes.md:1: -: record: this page in a record folder names no record (expected front '
         "matter 'record: <actor id>')"),
    case("second-page-for-a-record", write("docs/actors/jane.md", PAGE_HEAD),
         "docs/actors/jane.md:2: jane-doe: record: this page names 'jane-doe', whose page is "
         "docs/actors/jane-doe.md (expected a record's page at docs/<folder>/<record id>.md)"),
    case("overview-page-missing", remove("docs/timeline.md"),
         'docs/timeline.md: -: page: the timeline overview page is missing (expected a page '
         'docs/timeline.md)'),
    case("front-matter-yaml-error", edit("docs/actors/jane-doe.md", "record: jane-doe\n",
                                         "record: jane-doe\ntags: [a\n"),
         "docs/actors/jane-doe.md:3: -: front matter: YAML syntax error: expected ',' or ']', but got "
         "'<stream end>' (expected valid YAML between the '---' lines)"),
    case("page-not-utf8", write("docs/actors/jane-doe.md", PAGE_HEAD.encode() + "caf\xe9\n".encode("latin-1")),
         'docs/actors/jane-doe.md:6: -: -: the page is not UTF-8 text (byte 0xe9) (expected a file saved '
         'as UTF-8)'),
    case("macro-on-page-without-record", append("docs/data.md", "\n{{ profile() }}\n"),
         'docs/data.md:5: -: profile: profile() needs a record, and this page names none (expected front '
         'matter \'record: <id>\' or an argument record="<id>")'),
    case("macro-wrong-argument", append("docs/actors/jane-doe.md", "\n{{ profile(recrod=\"pact\") }}\n"),
         'docs/actors/jane-doe.md:25: jane-doe: profile: wrong arguments: got an unexpected keyword '
         "argument 'recrod'; did you mean 'record'? (expected record=…)"),
    case("macro-unknown-record-argument", append("docs/actors/jane-doe.md", "\n{{ profile(record=\"pakt\") }}\n"),
         "docs/actors/jane-doe.md:25: jane-doe: profile: unknown record 'pakt'; did you mean 'pact'? "
         '(expected the id of an actor or organization)'),
    case("macro-argument-to-overview", append("docs/timeline.md", "\n{{ timeline(\"2023\") }}\n"),
         'docs/timeline.md:5: -: timeline: wrong arguments: too many positional arguments (expected year=…)'),
    case("jinja-syntax-error", write("docs/actors/jane-doe.md", PAGE_HEAD + "\n{{ profile( }}\n"),
         "docs/actors/jane-doe.md:7: jane-doe: template: Jinja syntax error: unexpected '}', expected ')' "
         '(expected balanced {{ }} and {% %}; wrap literal braces in {% raw %}…{% endraw %})'),
    case("jinja-unclosed-block", write("docs/actors/jane-doe.md", PAGE_HEAD + "\n{% if x %}\nText\n"),
         'docs/actors/jane-doe.md:7: jane-doe: template: Jinja syntax error: Unexpected end of template. '
         "Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that "
         "needs to be closed is 'if'. (expected balanced {{ }} and {% %}; wrap literal braces in {% raw "
         '%}…{% endraw %})'),
    case("undefined-name-in-page", write("docs/actors/jane-doe.md", PAGE_HEAD + "\nSome {{ profil() }}\n"),
         "docs/actors/jane-doe.md:7: jane-doe: template: undefined name 'profil'; did you mean 'profile'? "
         '(expected ' + MACROS + ")"),
    case("unknown-filter-in-page", write("docs/index.md", "# Home\n\n{{ data_summary() | uper }}\n"),
         "docs/index.md:3: -: template: unknown filter 'uper'; did you mean 'upper'? (expected a filter that "
         "the page sandbox provides)"),
    case("undefined-variable-in-page", write("docs/index.md", "# Home\n\nVersion {{ version }}\n"),
         "docs/index.md:3: -: template: undefined name 'version' (expected " + MACROS + ")"),
]


# A build is stopped at each stage of the check: reading a file, a field, a reference, a page, a template.
BUILT_CASES = ("yaml-syntax-error", "missing-required-field", "unknown-source", "page-names-unknown-record",
               "macro-wrong-argument", "undefined-name-in-page")


def expected_report(case: Case) -> list[str]:
    """What the checker prints for a case: its lines, then the count."""
    noun = "problem" if len(case.lines) == 1 else "problems"
    return [*case.lines, f"{len(case.lines)} {noun} found."]


# ---------------------------------------------------------------- the tests

@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_named_precisely(case: Case, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    case.breaks(project)
    checked = run_cli(project, "check")
    assert (checked.returncode, checked.stdout.splitlines()) == (1, expected_report(case)), checked.stderr


@pytest.mark.build
@pytest.mark.parametrize("case", [case for case in CASES if case.name in BUILT_CASES],
                         ids=[case.name for case in CASES if case.name in BUILT_CASES])
def test_bad_input_stops_the_build_and_keeps_the_earlier_output(case: Case, tmp_path: Path, minimal_build) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    case.breaks(project)
    broken = snapshot(project)
    built = run_mkdocs_build(project / "mkdocs.yml", minimal_build.site)
    assert built.returncode != 0
    for line in case.lines:
        assert line in built.stderr.splitlines(), f"the build did not report: {line}\n{built.stderr}"
    assert snapshot(minimal_build.site) == minimal_build.site_before, "a failed build changed the earlier output"
    assert snapshot(project) == broken, "a failed build changed the project's files"


def test_every_built_case_is_in_the_catalogue() -> None:
    assert set(BUILT_CASES) <= {case.name for case in CASES}


@pytest.mark.build  # a clean check ends with a trial build of the site
def test_the_checker_runs_as_a_command(tmp_path: Path) -> None:
    """`python -m macros check` in a child process: the same report and exit status as in process."""
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    case = next(case for case in CASES if case.name == "unknown-organization")
    case.breaks(project)
    checked = run_checker(project, "check")
    assert (checked.returncode, checked.stdout.splitlines()) == (1, expected_report(case)), checked.stderr
    assert run_checker(project, "chek").returncode == 2


def test_data_only_skips_the_trial_build(tmp_path: Path) -> None:
    """`check --data-only` checks data and pages without building: an error only rendering finds passes it."""
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    append("docs/index.md", "\n{{ 1 // 0 }}\n")(project)
    checked = run_cli(project, "check", "--data-only")
    assert (checked.returncode, checked.stdout) == (0, "0 problems found.\n"), checked.stderr


def test_minimal_fixture_builds_like_the_real_site() -> None:
    """The fixture uses the real site's plugins and Markdown extensions, so its builds prove the real one."""
    def settings_of(config: Path) -> tuple:
        loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        return (loaded["plugins"], loaded["hooks"], loaded["markdown_extensions"], loaded["strict"],
                loaded["theme"]["font"])
    assert settings_of(MINIMAL / "mkdocs.yml") == settings_of(PROJECT_DIR / "mkdocs.yml")


@pytest.mark.parametrize("arguments, message", [
    (("check", "-f", "missing.yml"), "missing.yml: no such file; run from the project folder or pass -f"),
    (("check", "-f", "broken.yml"), "broken.yml: cannot read the site configuration: while parsing a flow sequence"),
    (("chek",), "python -m macros: error: argument command: invalid choice: 'chek'"),
    (("new", "actor", "x-y", "-f", "missing.yml"), "missing.yml: no such file; run from the project folder or pass -f"),
], ids=["no-configuration", "configuration-not-yaml", "unknown-command", "new-without-configuration"])
def test_checker_that_cannot_run_exits_2(arguments: tuple, message: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    (project / "broken.yml").write_text("site_name: [x\n", encoding="utf-8")
    result = run_cli(project, *arguments)
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr


def test_check_and_build_never_rewrite_data_or_pages(minimal_build, tmp_path: Path) -> None:
    """Nothing lost: a clean check and build leave every project file as it was (failing builds: above)."""
    assert snapshot(minimal_build.project) == minimal_build.project_before
    assert run_cli(minimal_build.project, "check") == (0, "0 problems found.\n", "")
    assert snapshot(minimal_build.project) == minimal_build.project_before
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    edit("data/events.yml", "    - pact\n", "    - pakt\n")(project)
    broken = snapshot(project)
    assert run_cli(project, "check").returncode == 1
    assert snapshot(project) == broken
