"""The tests, laid out like macros/: a folder per layer, plus the built site and the browser.

A package, so that every test module has a unique name (tests.data.test_schema, …) and helpers are
imported one way everywhere: `from tests.support import ...`.
"""
