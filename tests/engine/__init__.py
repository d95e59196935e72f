"""The engine: the plugin's builds, partial rebuilds under `mkdocs serve` (emulated in a child process), the
page sandbox, and failures that publish nothing."""
