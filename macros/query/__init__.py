"""Looking up: the index built once per build, overlaps, claim pairs, and which listing goes on which year page."""
