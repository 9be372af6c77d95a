"""The proof: fingerprints of sealed text and the check that none reached a built site.

Imports time and the Markdown layer, never MkDocs: `mkdocs-reveal check` runs it on any site.
"""
