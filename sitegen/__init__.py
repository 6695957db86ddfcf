"""Turning the compiled rules into the guidance pages (Markdown for mkdocs)."""
