"""Pages render in a sandbox (issue 23.2): the site's macros work, and no route reaches Python's internals.

Each attack is a line a page author could write. Rendered in process with the environment the plugin
renders pages with (macros.site.sandbox), every one must raise before it runs anything, and the static
page check must name the line of each private attribute it can see without rendering.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError, TemplateNotFound, UndefinedError

from macros.check.pages import check_page_templates
from macros.cli.settings import read_settings
from macros.load.pages import PageFile
from macros.site.assemble import SANDBOX_VARIABLES, load_site
from macros.site.macros import RECORD_MACROS, MacroSet, macro_signatures
from macros.site.sandbox import make_page_sandbox
from tests.support import MINIMAL

MARKER = "PWNED-42"
SHELL = f"popen('echo {MARKER}').read()"
# (name, template): the reproduction of issue 23.2 and the variants tried beside it.
ATTACKS = [
    ("self-context-cycler", "{{ self._TemplateReference__context.cycler.__init__.__globals__.os."
                            + SHELL + " }}"),
    ("cycler", "{{ cycler.__init__.__globals__.os." + SHELL + " }}"),
    ("joiner", "{{ joiner.__init__.__globals__.os." + SHELL + " }}"),
    ("namespace", "{{ namespace.__init__.__globals__.os." + SHELL + " }}"),
    ("lipsum", "{{ lipsum.__globals__['os']." + SHELL + " }}"),
    ("range-subclasses", "{{ range.__class__.__base__.__subclasses__() }}"),
    ("a-macro-globals", "{{ profile.__globals__['os']." + SHELL + " }}"),
    ("a-macro-public-attribute", "{{ profile.func_globals }}"),
    ("a-macro-wrapped", "{{ profile.__wrapped__ }}"),
    ("self-attribute", "{{ self.__init__ }}"),
    ("self-public-attribute", "{{ self.keys }}"),
    ("string-class-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("getitem-dunder", "{{ ''['__class__'] }}"),
    ("attr-filter", "{{ ''|attr('__class__') }}"),
    ("format-string", "{{ '{0.__class__.__init__.__globals__}'.format(profile) }}"),
    ("format-map", "{{ '{x.__class__}'.format_map({'x': profile}) }}"),
    ("map-attribute", "{{ [profile]|map(attribute='__globals__')|list }}"),
    ("config", "{{ config.plugins }}"),
    ("page", "{{ page.file.abs_src_path }}"),
    ("macros-plugin-object", "{{ plugin.env }}"),
    ("environment", "{{ environment }}"),
    ("set-then-escape", "{% set c = ''.__class__ %}{{ c }}"),
    ("macro-object", "{% macro m() %}{% endmacro %}{{ m.__call__.__globals__ }}"),
    ("loop-escape", "{% for x in [1] %}{{ loop.__class__ }}{% endfor %}"),
    ("list-mutation", "{% set l = [1] %}{{ l.append(2) }}"),
    ("include-outside-docs", '{% include "../mkdocs.yml" %}'),
]


@pytest.fixture(scope="module")
def sandbox():
    """The page environment of the minimal project, with its real macros, as the plugin builds it."""
    site = load_site(read_settings(MINIMAL / "mkdocs.yml"))
    macro_set = MacroSet(site)
    macro_set.start_page("actors/alpha-land.md", "alpha-land")
    return make_page_sandbox(macro_set.macros(), {}, site.settings.docs_dir, {"note": "plain", "bad": object()})


@pytest.mark.parametrize(("name", "template"), ATTACKS, ids=[name for name, _ in ATTACKS])
def test_no_route_out_of_the_sandbox(sandbox, name: str, template: str) -> None:
    with pytest.raises((SecurityError, UndefinedError, TemplateNotFound)) as refused:
        rendered = sandbox.from_string(template).render()
        assert MARKER not in rendered  # reported with the rendering, if it ever gets here
    assert MARKER not in str(refused.value)


def test_the_sites_macros_and_plain_values_still_work(sandbox) -> None:
    rendered = sandbox.from_string("{{ profile() }}|{{ note|upper }}|{% for i in range(2) %}{{ loop.index }}"
                                   "{% endfor %}|{{ 'a{}'.format(1) }}|{{ [3, 1]|sort|join(',') }}").render()
    assert "Alpha" in rendered.split("|")[0]
    assert rendered.split("|")[1:] == ["PLAIN", "12", "a1", "1,3"]


def test_values_that_are_not_plain_data_are_not_offered(sandbox) -> None:
    with pytest.raises(UndefinedError):
        sandbox.from_string("{{ bad }}").render()


def test_the_page_check_names_the_line_of_each_private_attribute() -> None:
    body = "Text.\n{{ cycler.__init__ }}\n{{ x['_y'] }} {{ ''|attr('__class__') }}\n"
    page = PageFile("docs/index.md", "index.md", None, None, body, 4, {})
    problems = check_page_templates([page], macro_signatures(), RECORD_MACROS, SANDBOX_VARIABLES,
                                    make_page_sandbox({}, {}), {})
    refused = [(problem.line, problem.message) for problem in problems if "refused" in problem.message]
    assert refused == [(5, "the attribute '__init__' is refused: pages render in a sandbox"),
                       (6, "the attribute '__class__' is refused: pages render in a sandbox"),
                       (6, "the attribute '_y' is refused: pages render in a sandbox")]
    assert any("undefined name 'cycler'" in problem.message for problem in problems)


def test_no_side_effect_file_was_written(sandbox, tmp_path: Path) -> None:
    target = tmp_path / "written"
    template = "{{ cycler.__init__.__globals__.os.system('touch " + str(target) + "') }}"
    with pytest.raises((SecurityError, UndefinedError)):
        sandbox.from_string(template).render()
    assert not target.exists()
