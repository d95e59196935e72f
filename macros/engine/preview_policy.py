"""The preview's one exception to the page policy: the live-reload script of `mkdocs serve`, by its hash.

Every page declares one fixed Content-Security-Policy (overrides/main.html) that allows no inline
script, in every build: no setting, address or environment variable can loosen it, because nothing
in the template depends on one. The preview server adds its live-reload script inline to each page
it sends, different on every request; it is the running server, and only it, that adds that exact
script's hash to the policy of the response it sends. Files on disk are never changed.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from typing import Any

_log = logging.getLogger("mkdocs.plugins.reference-site")
_POLICY_RE = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src \'self\')')
_SCRIPT_START, _SCRIPT_END = b"<script>", b"</script>"


def allow_script_by_hash(html: bytes, script: bytes) -> bytes:
    """The page with the hash of this inline script added to its policy's script-src; unchanged without a policy."""
    digest = base64.b64encode(hashlib.sha256(script).digest())
    return _POLICY_RE.sub(lambda match: match.group(1) + b" 'sha256-" + digest + b"'", html, count=1)


def inserted_script(before: bytes, after: bytes) -> bytes | None:
    """The inline script the server inserted before the page's last '</body>' (None if not one script)."""
    end = before.rfind(b"</body>")
    end = len(before) if end < 0 else end
    tail = len(before) - end
    if not (after.startswith(before[:end]) and after.endswith(before[end:])):
        return None
    inserted = after[end:len(after) - tail]
    if not (inserted.startswith(_SCRIPT_START) and inserted.endswith(_SCRIPT_END)):
        return None
    script = inserted[len(_SCRIPT_START):-len(_SCRIPT_END)]
    return None if _SCRIPT_END in script or _SCRIPT_START in script else script


def allow_live_reload(server: Any) -> None:
    """Make the preview server allow, in each page it sends, the live-reload script it inserts there."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        # An engine without this server method: the preview keeps the strict policy and does not reload.
        _log.warning("The preview cannot allow its live-reload script; pages will not reload on edits.")
        return

    def inject_and_allow(content: bytes, epoch: Any) -> bytes:
        served = inject(content, epoch)
        script = inserted_script(content, served)
        return served if script is None else allow_script_by_hash(served, script)

    server._inject_js_into_html = inject_and_allow
