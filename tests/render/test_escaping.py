"""Text from data lands literally on the page: no element, attribute or link that the data did not ask for.

Property tests render every macro twice, once with a placeholder in each text field and once with
arbitrary (often hostile) text, and compare the parsed HTML: the same elements, attribute names and
links, and each text node and attribute equal to the placeholder version with the text put in.
The hostile fixture dataset, built through mkdocs and Markdown, is checked in
tests/built_site/test_hostile_data.py.
"""
from __future__ import annotations

import functools
import inspect
import json
import re
import shutil
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.model.records import KINDS, Citation, Field, fields_of
from macros.model.text_rules import is_hidden, script_of
from macros.render.html import render_abbreviation_definitions
from macros.site.assemble import check_site
from macros.site.macros import MACRO_NAMES, RECORD_MACROS, MacroSet
from macros.site.state import SiteSettings
from tests.support import MINIMAL, examples, normalized

SITE_CONFIG = yaml.safe_load((MINIMAL / "mkdocs.yml").read_text(encoding="utf-8"))
MARKDOWN_EXTENSIONS = [next(iter(item)) if isinstance(item, dict) else item
                       for item in SITE_CONFIG["markdown_extensions"]]
RECORD_PAGES = {"alpha-land": "actors/alpha-land.md", "beta-land": "actors/beta-land.md",
                "jane-doe": "actors/jane-doe.md", "pact": "organizations/pact.md", "forum": "organizations/forum.md"}

# ---------------------------------------------------------------- text worth trying

HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"', "'", "&", "&amp;", "&#60;", "|", "*", "_",
    "`", "``x``", "[x](javascript:alert(1))", "<https://evil.example/>", "{{ x }}", "{% if x %}", "{# c #}",
    "\n", "\n\n", "\t", "# h", "> q", "- l", "1. l", "---", "    code", "<!--", "-->", "</td></tr>", "</p>",
    "{: onclick=alert(1) }", "*[X]: y", "[^1]", "\\", "]]>", "د افغانستان اسلامي امارت", "امارت اسلامی افغانستان",
    "Организация", "W" * 120, "wzxhzdk:0", "\u200f", "\u202e",
]
# Characters YAML can hold; private-use characters are kept out because the placeholders use them.
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")) | st.sampled_from("\n\t")
TEXT = (st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(CHARACTERS, max_size=8)), min_size=1, max_size=4)
        .map("".join).filter(lambda text: text.strip()))
BLANK_LINE = re.compile(r"\n\s*\n")
# Only the definitions the page ends with: a data text may hold a line like "*[X]: y" inside the HTML.
TRAILING_ABBREVIATIONS = re.compile(r"(?:^\*\[[^\n]*\n?)+\Z", re.MULTILINE)


def without_blank_lines(text: str) -> str:
    """Text that stays one paragraph: render_paragraphs splits at blank lines, by design."""
    while BLANK_LINE.search(text):
        text = BLANK_LINE.sub("\n", text)
    return text


# ---------------------------------------------------------------- a dataset with a text in every field

TEXT_FIELDS = ("source_title", "source_publisher", "source_series", "source_author", "alpha_name",
               "alpha_other_name", "alpha_locator", "beta_name", "jane_name", "jane_other_name", "position_title",
               "position_locator", "pact_name", "pact_short_name", "pact_other_name", "forum_name", "leader_note",
               "member_locator", "summit_title", "summit_place", "participant_note", "talks_title", "quote",
               "attribution", "paraphrase")
PARAGRAPH_FIELDS = ("source_summary", "alpha_summary", "beta_summary", "jane_summary", "pact_summary",
                    "forum_summary", "summit_summary", "talks_summary")
ALL_FIELDS = TEXT_FIELDS + PARAGRAPH_FIELDS
# One placeholder per field, in a private-use character pair no generated text contains.
PLACEHOLDERS = {name: f"\ue000{number:02d}\ue001" for number, name in enumerate(ALL_FIELDS)}
PLACEHOLDER = re.compile("\ue000(\\d{2})\ue001")
FIELD_OF_PLACEHOLDER = {placeholder[1:3]: name for name, placeholder in PLACEHOLDERS.items()}


def records_with(t: dict[str, str]) -> dict[str, list[dict]]:
    """The minimal fixture's records, with the given text in every text field.

    Each actor has its own type and a different number of memberships, so no list is sorted by a
    name: the placeholder version and the text version then list things in the same order.
    """
    cite = lambda locator: [{"source": "report-2023", "locator": locator}]  # noqa: E731
    return {
        "sources": [{"id": "report-2023", "title": t["source_title"], "publisher": t["source_publisher"],
                     "series": t["source_series"], "author": t["source_author"], "date": "2023-04",
                     "kind": "analysis", "url": "https://example.org/r?a=1&b=2", "summary": t["source_summary"]}],
        "actors": [
            {"id": "alpha-land", "type": "state", "name": t["alpha_name"], "other_names": [t["alpha_other_name"]],
             "summary": t["alpha_summary"], "sources": cite(t["alpha_locator"])},
            {"id": "beta-land", "type": "armed-group", "name": t["beta_name"], "summary": t["beta_summary"],
             "sources": ["report-2023"]},
            {"id": "jane-doe", "type": "person", "name": t["jane_name"], "other_names": [t["jane_other_name"]],
             "nationality": "alpha-land", "summary": t["jane_summary"],
             "positions": [{"title": t["position_title"], "of": "pact", "as_of": "2023-04",
                            "sources": cite(t["position_locator"])}],
             "sources": ["report-2023"]}],
        "organizations": [
            {"id": "pact", "name": t["pact_name"], "short_name": t["pact_short_name"],
             "other_names": [t["pact_other_name"]], "kind": "military-alliance", "led_by": "alpha-land",
             "summary": t["pact_summary"], "sources": ["report-2023"]},
            {"id": "forum", "name": t["forum_name"], "kind": "consultation-format", "summary": t["forum_summary"],
             "sources": ["report-2023"]}],
        "memberships": [
            {"member": "alpha-land", "organization": "pact", "role": "leader", "as_of": "2023-04",
             "note": t["leader_note"], "sources": ["report-2023"]},
            {"member": "beta-land", "organization": "pact", "role": "member", "start": "2002", "end": "2012",
             "sources": cite(t["member_locator"])},
            {"member": "beta-land", "organization": "forum", "role": "participant", "as_of": "2023-04",
             "sources": ["report-2023"]}],
        "events": [
            {"id": "summit-2023-02", "title": t["summit_title"], "kind": "meeting", "date": "2023-02",
             "date_qualifier": "early", "place": t["summit_place"],
             "participants": [{"actor": "alpha-land", "role": "host", "note": t["participant_note"]},
                              {"actor": "beta-land", "role": "invited-declined"}],
             "organizations": ["pact"], "summary": t["summit_summary"], "sources": ["report-2023"]},
            {"id": "talks-2023-02-14", "title": t["talks_title"], "kind": "talks", "date": "2023-02-14",
             "participants": [{"actor": "jane-doe", "role": "speaker"}], "part_of": "summit-2023-02",
             "summary": t["talks_summary"], "sources": ["report-2023"]}],
        "statements": [
            {"id": "doe-claim-2023-02-14", "speakers": ["jane-doe"], "date": "2023-02-14",
             "event": "talks-2023-02-14", "quote": t["quote"], "about": ["pact"], "sources": ["report-2023"]},
            {"id": "beta-rebuttal-2023-02", "attribution": t["attribution"], "date": "2023-02",
             "paraphrase": t["paraphrase"], "about": ["alpha-land"], "disputes": ["doe-claim-2023-02-14"],
             "sources": ["report-2023"]}],
    }


def render_all(project: Path, texts: dict[str, str]) -> dict[str, str]:
    """Write the records as YAML, load them as the build does, and render every macro on its page."""
    for kind, records in records_with(texts).items():
        (project / "data" / f"{kind}.yml").write_text(
            yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    # No parse cache: every example writes new data, so the cache would only miss and write.
    site, problems = check_site(SiteSettings(project_dir=project, docs_dir=project / "docs",
                                             data_dir=project / "data", parse_cache_dir=None))
    assert not problems, [problem.format() for problem in problems]
    macros = MacroSet(site)
    output = {}
    for name in MACRO_NAMES:
        required = [p for p in inspect.signature(macros.macros()[name]).parameters.values()
                    if p.default is inspect.Parameter.empty]
        if required:
            continue  # no macro needs an argument today; one that does needs its own test
        pages = RECORD_PAGES.items() if name in RECORD_MACROS else [(None, "index.md")]
        for record, src in pages:
            macros.start_page(src, record)
            try:
                output[f"{name}({record or ''})"] = macros.call(name)
            except ValueError:
                continue  # e.g. the maps need map shapes the fixture lacks; the text run must fail alike
    macros.start_page("actors/jane-doe.md", "jane-doe")
    macros.call("profile")
    # The abbreviation definitions at the end are Markdown, tested on their own below.
    output["references"] = TRAILING_ABBREVIATIONS.sub("", macros.finish_page())
    return output


# ---------------------------------------------------------------- comparing two renders

def expected_from(placeholder_text: str, texts: dict[str, str]) -> str:
    """What a text node or attribute should say: the placeholder version with each text put in."""
    # One pass over the text; no text holds a placeholder's private-use characters (see CHARACTERS).
    if "\ue000" in placeholder_text:
        placeholder_text = PLACEHOLDER.sub(lambda found: texts[FIELD_OF_PLACEHOLDER[found.group(1)]].strip(),
                                           placeholder_text)
    return normalized(placeholder_text)


@functools.lru_cache(maxsize=256)
def parsed_placeholder_version(html: str) -> BeautifulSoup:
    """The placeholder version parsed once, not once per example (only read, never changed)."""
    return BeautifulSoup(html, "html.parser")


def assert_same_shape_and_literal_text(actual_html: str, placeholder_html: str, texts: dict[str, str]) -> None:
    """Same elements, attribute names and links in both; texts and tooltips equal to the data."""
    actual = BeautifulSoup(actual_html, "html.parser")
    model = parsed_placeholder_version(placeholder_html)
    actual_tags, model_tags = actual.find_all(True), model.find_all(True)
    assert [(tag.name, sorted(tag.attrs)) for tag in actual_tags] == \
           [(tag.name, sorted(tag.attrs)) for tag in model_tags], "the data added or removed an element"
    for tag, model_tag in zip(actual_tags, model_tags, strict=True):
        for name, model_value in model_tag.attrs.items():
            value = tag.attrs[name]
            value, model_value = (" ".join(v) if isinstance(v, list) else v for v in (value, model_value))
            if "\ue000" in model_value or name in ("href", "src", "id", "class"):
                assert normalized(value) == expected_from(model_value, texts), f"<{tag.name} {name}>"
    # A JSON-LD script holds data as JSON: its values, decoded, must be the data's texts.
    for script, model_script in zip(actual.find_all("script"), model.find_all("script"), strict=True):
        assert_same_json_values(json.loads(script.string), json.loads(model_script.string), texts)
    actual_strings = [normalized(s) for s in actual.find_all(string=True)
                      if normalized(s) and s.parent.name != "script"]
    model_strings = [expected_from(s, texts) for s in model.find_all(string=True)
                     if expected_from(s, texts) and s.parent.name != "script"]
    assert actual_strings == model_strings
    assert all(type(s) is NavigableString for s in actual.find_all(string=True) if s.parent.name != "script"), \
        "a comment or CDATA appeared"


def assert_same_json_values(actual: object, model: object, texts: dict[str, str]) -> None:
    """The same JSON structure in both, each text equal to the placeholder version with the data put in."""
    if isinstance(model, dict):
        assert isinstance(actual, dict) and actual.keys() == model.keys()
        for key in model:
            assert_same_json_values(actual[key], model[key], texts)
    elif isinstance(model, list):
        assert isinstance(actual, list) and len(actual) == len(model)
        for item, model_item in zip(actual, model, strict=True):
            assert_same_json_values(item, model_item, texts)
    elif isinstance(model, str):
        assert isinstance(actual, str) and normalized(actual) == expected_from(model, texts)
    else:
        assert actual == model


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder with the minimal fixture's pages; each example writes its own data into it."""
    folder = tmp_path_factory.mktemp("escaping") / "project"
    shutil.copytree(MINIMAL, folder)
    return folder


@pytest.fixture(scope="module")
def placeholder_renders(project) -> dict[str, str]:
    return render_all(project, PLACEHOLDERS)


def as_markdown_page(converter: markdown.Markdown, html: str) -> str:
    """A macro's HTML on a page between a heading and prose, converted with the site's extensions."""
    return converter.reset().convert(f"# Page\n\n{html}\n\nProse after.\n")


@pytest.fixture(scope="module")
def placeholder_pages(placeholder_renders) -> dict[str, str]:
    """Each placeholder render converted by Markdown, once for all examples."""
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    return {macro: as_markdown_page(converter, html) for macro, html in placeholder_renders.items()}


def _spec_of_each_text() -> dict[str, Field]:
    """The field spec each text of records_with lands in, found by where its placeholder lands."""
    found: dict[str, Field] = {}

    def walk(fields: dict, specs: tuple[Field, ...]) -> None:
        for spec in specs:
            value = fields.get(spec.name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and PLACEHOLDER.fullmatch(item):
                    found[FIELD_OF_PLACEHOLDER[item[1:3]]] = spec
                elif isinstance(item, dict):
                    walk(item, spec.item_fields if spec.shape == "records" else fields_of(Citation))
    for kind, records in records_with(PLACEHOLDERS).items():
        for record in records:
            walk(record, KINDS[kind].fields)
    return found


SPEC_OF_TEXT = _spec_of_each_text()


def _split_mixed_words(text: str) -> str:
    """A space between neighbouring letters of different scripts, as an editor fixing a look-alike would."""
    parts, last = [], None
    for character in text:
        script = script_of(character)
        if script is not None and last is not None and script != last:
            parts.append(" ")
        if unicodedata.category(character)[0] not in "LM":
            last = None
        elif script is not None:
            last = script
        parts.append(character)
    return "".join(parts)


def accepted(text: str, spec: Field) -> str:
    """The text as an editor would fix it for the check: within its field's length, nothing hidden, and in a
    name no look-alike. (What the check refuses is tested in tests/data/test_text_rules.py.)"""
    for _ in range(4):  # each fix may uncover another (NFKC can lengthen text, a cut can strand a joiner)
        if spec.is_name:
            text = _split_mixed_words(unicodedata.normalize("NFKC", text))
        text = "".join(character for index, character in enumerate(text)
                       if not is_hidden(text, index, in_name=spec.is_name))
        assert spec.max_length is not None
        text = text.strip()[:spec.max_length].strip()
    return text or "x"


TEXTS = st.fixed_dictionaries({**dict.fromkeys(TEXT_FIELDS, TEXT),
                               **{name: TEXT.map(without_blank_lines) for name in PARAGRAPH_FIELDS}})
SLOW_EXAMPLES = settings(max_examples=examples(40), deadline=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SLOW_EXAMPLES
@given(texts=TEXTS)
def test_any_text_in_any_field_renders_literally_and_markdown_leaves_it_so(texts, project, placeholder_renders,
                                                                           placeholder_pages):
    """Each macro's HTML holds the text literally; on a page it is a raw HTML block that Markdown (with the
    site's extensions) must not reinterpret. One render per example serves both checks."""
    texts = {name: accepted(text, SPEC_OF_TEXT[name]) for name, text in texts.items()}
    renders = render_all(project, texts)
    assert renders.keys() == placeholder_renders.keys()
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    for macro, html in renders.items():
        try:
            assert_same_shape_and_literal_text(html, placeholder_renders[macro], texts)
        except AssertionError as error:
            raise AssertionError(f"{macro}: {error}") from error
        try:
            assert_same_shape_and_literal_text(as_markdown_page(converter, html), placeholder_pages[macro], texts)
        except AssertionError as error:
            raise AssertionError(f"{macro}, after Markdown: {error}") from error


@settings(max_examples=examples(200), deadline=None)
@given(short_name=TEXT, full_name=TEXT)
def test_abbreviation_definitions_never_inject_markup(short_name, full_name):
    """The '*[short]: full' lines appended to pages become tooltips or nothing: never text or markup."""
    short_name, full_name = short_name.strip(), full_name.strip()  # as validation leaves them
    definitions = render_abbreviation_definitions({short_name: full_name})
    html = '<div class="raw">\n<p>raw block</p>\n</div>'
    page = markdown.markdown(f"{html}\n\nProse naming {short_name} once.\n\n{definitions}\n",
                             extensions=MARKDOWN_EXTENSIONS)
    plain = markdown.markdown(f"{html}\n\nProse naming {short_name} once.\n", extensions=MARKDOWN_EXTENSIONS)
    soup, plain_soup = BeautifulSoup(page, "html.parser"), BeautifulSoup(plain, "html.parser")
    for abbr in soup.find_all("abbr"):  # the only thing definitions may add
        assert abbr.get_text() == short_name and abbr["title"] == normalized(full_name)
        abbr.unwrap()
    soup.smooth()
    assert str(soup) == str(plain_soup)
