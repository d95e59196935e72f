"""The editors' command line: `python -m macros check | new | schema`."""
