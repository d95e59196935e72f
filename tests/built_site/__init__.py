"""The real site built once per session (the `built_site` fixture), inspected as readers get it."""
