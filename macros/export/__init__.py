"""Data out for researchers: JSON, CSV, JSON Schema, CSL-JSON and BibTeX; no HTML."""
