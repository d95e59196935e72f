"""The site engine's side: the only code that imports mkdocs (mkdocs_glue.py), held fragments, dirty rebuilds."""
