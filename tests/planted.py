"""A scheduled page's body planted with words, in prose that is not all ASCII, and its leaks."""

from __future__ import annotations

from sitebuild import Build

BODY = (
    "# Part 2\n\n"
    "The glimmerquoll chapter. Les secrets d’émeraude n’attendent pas — “déjà vu”, isn’t it?\n\n"
    "- Größenwahn\n"
    "- ærfuglen\n"
)
PLANTED = ("glimmerquoll", "d’émeraude", "“déjà vu”", "isn’t it", "Größenwahn", "ærfuglen")


def leaks(build: Build) -> dict[str, list[str]]:
    """Each planted word that reached an output file, and where."""
    return {word: found for word in PLANTED if (found := build.containing(word))}
