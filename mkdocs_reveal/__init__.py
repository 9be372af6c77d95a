"""mkdocs-reveal: staggered-reveal content for MkDocs and Python-Markdown."""

__version__ = "0.1.0"
