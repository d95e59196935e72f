"""Rendering: HTML helpers, the membership matrix at scale, and text from data rendered literally."""
