"""The mkdocs glue: `mkdocs serve --dirty` rebuilds, emulated in a child process."""
