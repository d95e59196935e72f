"""mkdocs loads this second hook file (`hooks:` in mkdocs.yml) for one event: once Material's search plugin has
passed a page the site's plugin indexed itself (engine/search_index.py), the page gets its own front matter back
before the theme renders it, so the theme sees the page as it was written (a template tests `page.meta`).
"""
from __future__ import annotations

import sys
from typing import Any

from mkdocs.plugins import event_priority


@event_priority(-100)  # after Material's search plugin (priority 0) read the page's front matter
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    # Looked up at each call: engine/hooks.py imports the site's code anew when it changes.
    search_index = sys.modules.get("macros.engine.search_index")
    if search_index is not None:  # None: the site's plugin is not loaded, so no page was hidden
        search_index.show_to_theme(page)
    return context
