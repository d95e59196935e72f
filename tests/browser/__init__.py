"""Browser tests: Chromium driven by Playwright over the session's built site."""
