"""The data layers without a site: the model, loading, dates, validation, the index, the JSON Schema."""
