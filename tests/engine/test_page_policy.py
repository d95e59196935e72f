"""The page policy never loosens in a build: only the running preview server allows its own live-reload script.

`SITE_URL=http://127.0.0.1:8000/ mkdocs build` once published a site that allowed inline script, because the
template loosened the policy for an address that looked like the preview's. The template now holds one fixed
policy; the preview server adds the hash of the exact script it inserts, in the responses it sends.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
import types
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.engine.preview_policy import allow_live_reload, allow_script_by_hash, inserted_script
from tests.support import MINIMAL, PROJECT_DIR, copy_project, run_mkdocs_build

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
PAGE = (b'<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; '
        b'style-src \'self\'"></head><body><p>x</p></body></html>')


def script_sources(policy: str) -> list[str]:
    """The sources of a policy's script-src directive."""
    directive = next(part.split()[1:] for part in policy.split(";") if part.split()[:1] == ["script-src"])
    return directive


def test_the_template_holds_one_fixed_policy_without_inline_script() -> None:
    template = (PROJECT_DIR / "overrides" / "main.html").read_text(encoding="utf-8")
    policies = POLICY_META.findall(template)
    assert len(policies) == 1
    # Nothing in the policy is computed: no setting, address or variable can change it in any build.
    line = next(line for line in template.splitlines() if "Content-Security-Policy\" content=" in line)
    assert "{{" not in line and "{%" not in line and "{%" not in template.split("{% block site_meta %}")[1].split(
        "<meta")[0]
    assert script_sources(policies[0]) == ["'self'"]


def test_no_other_template_declares_or_replaces_the_policy() -> None:
    for path in (PROJECT_DIR / "overrides").rglob("*.html"):
        if path.name != "main.html":
            text = path.read_text(encoding="utf-8")
            assert "http-equiv" not in text.lower() and "block site_meta" not in text, path


@pytest.mark.build
@pytest.mark.parametrize("site_url, dev_addr", [("http://127.0.0.1:8000/", "127.0.0.1:8000"),
                                                ("http://10.0.0.5:8080/", "10.0.0.5:8080")],
                         ids=["preview-address", "dev-addr-set-to-the-site"])
def test_a_build_at_the_previews_address_allows_no_inline_script(tmp_path: Path, site_url: str, dev_addr: str) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    (project / "overrides").symlink_to(PROJECT_DIR / "overrides", target_is_directory=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('site_url: ""\n', f"site_url: {site_url}\ndev_addr: {dev_addr}\n")
    config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    finished = run_mkdocs_build(config, tmp_path / "site")
    assert finished.returncode == 0, finished.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        metas = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(
            "meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert [script_sources(meta["content"]) for meta in metas] == [["'self'"]], page


# ---------------------------------------------------------------- the preview server

def test_the_hash_of_the_inserted_script_is_added_to_the_policy() -> None:
    script = b"livereload(1, 2);"
    served = PAGE.replace(b"</body>", b"<script>" + script + b"</script></body>")
    assert inserted_script(PAGE, served) == script
    allowed = allow_script_by_hash(served, script)
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in allowed.decode()
    assert b"unsafe-inline" not in allowed


@pytest.mark.parametrize("served", [
    PAGE,  # nothing inserted
    PAGE.replace(b"</body>", b"<script>a</script><script>b</script></body>"),  # two scripts
    PAGE.replace(b"<p>x</p>", b"<p>y</p>").replace(b"</body>", b"<script>a</script></body>"),  # the page changed
])
def test_anything_but_one_inserted_script_is_not_allowed(served: bytes) -> None:
    assert inserted_script(PAGE, served) is None


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_each_engines_preview_server_sends_its_script_allowed_by_hash(engine: str) -> None:
    server_class = __import__(f"{engine}.livereload", fromlist=["LiveReloadServer"]).LiveReloadServer
    # The engine's own insertion, as its server calls it for each page it sends (it uses no server state).
    server = types.SimpleNamespace(_inject_js_into_html=functools.partial(server_class._inject_js_into_html, None))
    allow_live_reload(server)
    served = server._inject_js_into_html(PAGE, 12345)
    script = re.search(rb"<script>(.*)</script>", served, re.DOTALL)
    assert script is not None and b"livereload(12345" in script.group(1)
    digest = base64.b64encode(hashlib.sha256(script.group(1)).digest())
    assert b"script-src 'self' 'sha256-" + digest + b"';" in served


def test_without_the_servers_method_the_preview_keeps_the_strict_policy(caplog) -> None:
    server = types.SimpleNamespace()
    allow_live_reload(server)
    assert not hasattr(server, "_inject_js_into_html")
    assert "will not reload" in caplog.text
