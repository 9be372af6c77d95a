"""Where MkDocs finds the `reveal` plugin; it lives in the MkDocs integration."""

from mkdocs_reveal.integration.plugin import RevealPlugin

__all__ = ["RevealPlugin"]
