"""HTML out: every table, list, chart and map a page shows, escaped on the way out; templates/ draws them."""
