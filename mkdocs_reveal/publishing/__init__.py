"""Publishing: reveal.json, reveals.ics, deploy notices and the `mkdocs-reveal` command."""
