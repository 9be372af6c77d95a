"""The Markdown layer: the two tags, the seal transform, placeholder, stamp, labels, extension.

Imports time and nothing from MkDocs or Material: it is what runs under Zensical and any
Python-Markdown user.
"""
