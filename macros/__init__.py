"""The code of the reference site, one folder per layer; each layer imports only the layers before it.

    model   what the data is: record kinds and fields, dates, problems, text rules
    load    files in: data YAML, pages, map shapes, the data's git version
    check   validation, references, consistency, pages against the data
    query   the index and lookups, overlaps, claim pairs, year-page planning
    export  data out: JSON, CSV, JSON Schema, CSL-JSON, BibTeX
    render  HTML out: tables, lists, charts, maps (templates/ draws them)
    site    the checked site and the macros pages call
    engine  the only code that knows mkdocs: the plugin (plugin.py, via hooks.py), staging, held fragments
    cli     `python -m macros check | new | schema`

tests/test_layers.py keeps the order.
"""
