"""The site engine's side, the only code that imports mkdocs: the plugin (plugin.py, registered by hooks.py), the
staging folder, held fragments, the search index of partial rebuilds, strict counting and the trial build."""
