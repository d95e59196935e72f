"""Checking: raw records become typed records, references resolve, facts agree, pages fit the data."""
