"""Built sites inspected as readers get them: the real site built once per session (the `built_site`
fixture), and the minimal fixture project built with hostile data."""
