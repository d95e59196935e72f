"""The site layer: assembles the checked site and the macros pages call, for any engine."""
