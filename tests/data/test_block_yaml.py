"""Differential tests: the fast block reader gives exactly PyYAML's records, lines and problems, or steps aside."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.load import data_files
from macros.load.data_files import RawRecord, parse_data_file
from macros.load.safe_yaml import read_plain
from macros.model.records import KIND_NAMES
from tests.support import FIXTURES, PROJECT_DIR, bench_module, examples

REPOSITORY_FILES = sorted((PROJECT_DIR / "data").glob("**/*.y*ml")) + sorted(FIXTURES.glob("**/data/*.yml"))


def comparable(value):
    """Records and values with their types and key order, so True and 1 or 1.0 and 1 differ."""
    if isinstance(value, RawRecord):
        return ("record", value.path, value.line, [(key, comparable(item)) for key, item in value.fields.items()],
                list(value.field_lines.items()))
    if isinstance(value, list):
        return ("list", [comparable(item) for item in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def read_one(text: str, path: str, fast: bool) -> tuple:
    """One reader's result, comparable: (records, problem lines), or the error it raised.

    An error is compared like a result, so this file holds the readers to failing alike; that no
    input makes them fail at all is test_a_yaml_tag_is_a_problem_not_a_crash's concern.
    """
    try:
        records, problems = parse_data_file(text.encode("utf-8"), path, fast=fast)
    except Exception as error:
        return ("raised", type(error).__name__, str(error))
    return (comparable(records), [p.format() for p in problems])


def read_both(text: str, path: str = "data/events.yml") -> tuple[tuple, tuple, bool]:
    """(fast result, PyYAML result, whether the fast reader stepped aside), comparable."""
    data_files.fallbacks.clear()
    fast = read_one(text, path, fast=True)
    fell_back = bool(data_files.fallbacks)
    return fast, read_one(text, path, fast=False), fell_back


@pytest.mark.parametrize("path", REPOSITORY_FILES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_repository_data_reads_the_same(path: Path) -> None:
    fast, slow, _ = read_both(path.read_text(encoding="utf-8"), f"data/{path.name}")
    assert fast == slow


@pytest.fixture(scope="module")
def bench_data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "project"
    bench_module("generate").write_project(50, 3, out)
    return out / "data"


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_generated_bench_data_reads_the_same_without_falling_back(bench_data: Path, kind: str) -> None:
    fast, slow, fell_back = read_both((bench_data / f"{kind}.yml").read_text(encoding="utf-8"), f"data/{kind}.yml")
    assert fast == slow
    assert fast[0][1]  # records were read
    assert not fell_back, list(data_files.fallbacks)


def test_folded_plain_scalars_duplicates_and_plain_values() -> None:
    # Plain values YAML reads as other than text are refused (tests/data/test_input_safety.py); keys read as written.
    text = ("# head\n- id: a\n  summary: one two\n    three\n\n    four   \n\n  count: 12\n  flag: \"yes\"\n"
            "  none: ~\n  when: '2023-02-14'\n  ratio: \"1.5\"\n  yes: key read as written\n"
            "  tags:\n  - 'it''s'\n  - \"say \\\"hi\\\"\\n\"  # comment\n  - x#y\n  id: b\n"
            "- id: c\n  nested:\n    deep: not [flow] x\n    deep: again\n")
    fast, slow, fell_back = read_both(text)
    assert fast == slow and not fell_back
    record = parse_data_file(text.encode(), "data/events.yml")[0][0]
    assert record.fields["summary"] == "one two three\nfour"
    assert (record.fields["count"], record.fields["flag"], record.fields["none"]) == (12, "yes", None)
    assert record.fields["when"] == "2023-02-14" and record.fields["yes"] == "key read as written"
    assert record.fields["tags"] == ["it's", 'say "hi"\n', "x#y"]
    assert fast[1] == ["data/events.yml:18: b: id: key 'id' appears twice in one record (expected each key once)",
                       "data/events.yml:22: c: deep: key 'deep' appears twice in one record (expected each key once)"]


@pytest.mark.parametrize("text", [
    "- id: a\n  tags: [x, y]\n",                      # flow list
    "- id: a\n  source: {id: x}\n",                   # flow mapping
    "- id: a\n  name: &n A\n- id: b\n  name: *n\n",   # anchor and alias
    "- id: a\n  name: !!str 12\n",                    # tag
    "- id: a\n  summary: |\n    text\n",              # literal block scalar
    "- id: a\n  summary: >-\n    text\n",             # folded block scalar
    "- id: a\n  name: \"two\n    lines\"\n",          # multi-line double-quoted
    "- id: a\n  name: 'two\n    lines'\n",            # multi-line single-quoted
    "- id: a\n  name: \"\\x41\"\n",                   # escape beyond the trivial
    "- id: a\n  name:\tA\n",                          # tab
    "---\n- id: a\n",                                 # document start
    "- id: a\n...\n",                                 # document end
    "%YAML 1.1\n---\n- id: a\n",                      # directive
    "- ? id\n  : a\n",                                # complex key
    "- \"id\": a\n",                                  # quoted key
    "- id: a\n   name: A\n",                          # odd indentation
    "- id: a\n  name: A: B\n",                        # ': ' inside a plain scalar
    "- id: a\n  summary: one\n  # note\n    two\n",   # comment inside a folded scalar
    "- id: a\n  summary: one\n    - two\n",           # continuation that looks like a list
    "- id: a\n  name:\n    A\n",                      # scalar on the line below its key
    "id: a\nname: A\n",                               # top level is a mapping
    "",                                               # empty file
    "# only a comment\n",                             # no content
    "- id: a\n  tags:\n  -\n  - b\n",                 # empty list item
    "- id: a\n  tags:\n    - - x\n",                  # list in a list
    "- just text\n",                                  # top-level item that is not a record
    "- id: a\n  name: A\x07\n",                       # control character
    "- id: a\n  name: A\u2028B\n",                    # YAML 1.1 line separator
    "- id: a\n  name: 'A' trailing\n",                # text after a quoted scalar
    "- id: a\n  name: [unclosed\n",                   # syntax error
])
def test_anything_outside_the_subset_falls_back_to_pyyaml(text: str) -> None:
    fast, slow, fell_back = read_both(text)
    assert fell_back
    assert fast == slow


# Line endings and a leading byte-order mark are settled before either reader sees the text (load/text_files.py).
@pytest.mark.parametrize("text", ["\ufeff- id: a\n", "- id: a\r\n  name: A\r\n", "- id: a\r  name: A\r"],
                         ids=["byte-order-mark", "crlf", "cr"])
def test_line_endings_and_a_byte_order_mark_stay_with_the_fast_reader(text: str) -> None:
    fast, slow, fell_back = read_both(text)
    assert not fell_back
    assert fast == slow


# Found by the property test of documents with one slip (a random local run): any tag, '!x' or '!!python/name:…',
# made both readers raise yaml's ConstructorError, so `python -m macros check` and the build ended in a traceback.
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "pyyaml"])
@pytest.mark.parametrize("text", ["- id: a\n  name: !alpha\n", "- id: a\n  name: !!python/name:os.system\n"],
                         ids=["local-tag", "python-tag"])
def test_a_yaml_tag_is_a_problem_not_a_crash(text: str, fast: bool) -> None:
    _records, problems = parse_data_file(text.encode(), "data/events.yml", fast=fast)
    assert [(problem.path, problem.line) for problem in problems] == [("data/events.yml", 2)]


@pytest.mark.parametrize("text, field, value", [("- id: a\n  <<: b\n", "<<", "b"), ("- id: a\n  v: =\n", "v", "=")])
def test_merge_and_value_marks_are_read_as_text(text: str, field: str, value: str) -> None:
    # PyYAML resolves '<<' and '=' to tags SafeConstructor has no constructor for; they used to crash
    # the loader. They are text (validation then names an unknown field '<<'), on both paths.
    fast, slow, _fell_back = read_both(text)
    assert fast == slow
    records, problems = parse_data_file(text.encode(), "data/events.yml", fast=False)
    assert records[0].fields[field] == value and not problems


# ---------------------------------------------------------------- generated documents

_KEYS = st.sampled_from(["id", "name", "kind", "date", "summary", "sources", "yes", "on", "Null", "a_b", "x-y",
                         "note2"])
_WORDS = st.sampled_from(["alpha", "yes", "No", "on", "~", "null", "12", "-3", "0x1A", "1_000", "1.5", ".inf",
                          "2023-02-14", "2023-02", "2023", "a#b", "a:b", "http://x.org/p?q=1", "Kabul",
                          "طالبان", "Кабул", "it's", 'say "hi"', "é", "x-y", "<b>", "{{ page }}", "50%", "a&b",
                          "t\u00a0u", "--", "…", "a:", "-", "#", "'", '"', ": ", " #", "[x]", "{y}"])


@st.composite
def scalar_lines(draw, indent: int) -> list[str]:
    """A scalar written plain (maybe folded over lines), single- or double-quoted; may leave the subset."""
    words = draw(st.lists(_WORDS, min_size=1, max_size=5))
    text = " ".join(words)
    style = draw(st.sampled_from(["plain", "plain", "folded", "single", "double"]))
    trailing = draw(st.sampled_from(["", "", " ", "  # comment"]))
    if style == "single":
        return ["'" + text.replace("'", "''") + "'" + trailing]
    if style == "double":
        return ['"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' + trailing]
    if style == "folded" and len(words) > 1:
        cut = draw(st.integers(1, len(words) - 1))
        gap = draw(st.sampled_from(["", "", "\n", "\n  \n"]))
        more = " " * (indent + draw(st.integers(1, 3)))
        return [" ".join(words[:cut]) + trailing, *gap.split("\n")[1:],
                more + " ".join(words[cut:])]
    return [text + trailing]


@st.composite
def mapping_lines(draw, indent: int, depth: int) -> list[str]:
    """Block mapping lines at indent (the first without its indentation, for '- ' to precede)."""
    lines: list[str] = []
    for number in range(draw(st.integers(1, 4))):
        pad = "" if number == 0 else " " * indent
        key = draw(_KEYS)
        shape = draw(st.sampled_from(["scalar", "scalar", "scalar", "empty", "list", "mapping"] if depth < 2
                                     else ["scalar", "empty"]))
        if shape == "scalar":
            first, *rest = draw(scalar_lines(indent))
            lines += [f"{pad}{key}: {first}", *rest]
        elif shape == "empty":
            lines.append(f"{pad}{key}:")
        elif shape == "mapping":
            inner = indent + draw(st.integers(1, 3))
            first, *rest = draw(mapping_lines(inner, depth + 1))
            lines += [f"{pad}{key}:", " " * inner + first, *rest]
        else:
            lines.append(f"{pad}{key}:")
            column = indent + draw(st.sampled_from([0, 2, 4]))  # indentless or indented
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    first, *rest = draw(mapping_lines(column + 2, depth + 1))
                else:
                    first, *rest = draw(scalar_lines(column))
                lines += [" " * column + "- " + first, *rest]
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "# a comment", "   ", " " * indent + "# indented comment"])))
    return lines


@st.composite
def documents(draw) -> str:
    """A data file: an optional header comment, then records, with blank lines between some."""
    lines = [draw(st.sampled_from(["", "# header"]))]
    for _ in range(draw(st.integers(1, 4))):
        first, *rest = draw(mapping_lines(2, 0))
        lines += ["- " + first, *rest]
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


# A word YAML would read as other than text ('00', 'yes', '1e5') is refused, which PyYAML's path reports: not here.
_SAFE_WORDS = st.text(st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=8).filter(
    lambda word: word[0] not in "-?:" and word.isprintable() and read_plain(word)[1] is None)


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.tuples(st.lists(_SAFE_WORDS, min_size=1, max_size=6), st.booleans()), min_size=1, max_size=4))
def test_documents_inside_the_subset_never_fall_back(records: list) -> None:
    lines = []
    for words, quoted in records:
        text = " ".join(words)
        lines += ["- id: x", "  name: " + (repr(text) if quoted and "'" not in text and "\\" not in text else text),
                  "  summary: " + text, "    " + text, "  sources:", "  - source: s", "    locator: " + text]
    fast, slow, fell_back = read_both("\n".join(lines) + "\n")
    assert fast == slow
    assert not fell_back, list(data_files.fallbacks)


def with_one_slip(text: str, data) -> str:
    """The document after one edit an editor might make by mistake: indentation off by one, or a stray
    YAML character inserted or a character deleted."""
    lines = text.split("\n")
    number = data.draw(st.integers(0, len(lines) - 1))
    line = lines[number]
    position = data.draw(st.integers(0, len(line)))
    inserted = data.draw(st.sampled_from([" ", ":", ": ", "#", " #", "-", "- ", "'", '"', "[", "{", "&", "*", "!",
                                          "|", ">", "?", "\t", "\\", "\n", "\n  ", "---"]))
    lines[number] = data.draw(st.sampled_from([line[:position] + inserted + line[position:],
                                               line[:position] + line[position + 1:]]))
    return "\n".join(lines)


# One generated document serves two checks: generating it is most of the cost of an example.
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_generated_documents_and_their_slips_read_the_same(text: str, data) -> None:
    fast, slow, _ = read_both(text)
    assert fast == slow, "the generated document"
    fast, slow, _ = read_both(with_one_slip(text, data))
    assert fast == slow, "the document after one slip"
