"""The MkDocs integration: a thin plugin over one per-build state, and what it wires in."""
