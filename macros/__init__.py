"""The data layer of the reference site: load, validate, query and render, free of any site engine.

Only `macros/glue.py` knows about mkdocs; everything else here can be reused by another engine.
"""
