"""`python -m macros check|new|schema`: the editors' commands, in process, with a few end-to-end builds."""
