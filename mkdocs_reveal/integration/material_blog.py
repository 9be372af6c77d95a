"""Material's blog plugin: a sealed post keeps its URL but stays out of every listing."""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from mkdocs_reveal.diagnostics import RevealError


def _blog_plugins(config: MkDocsConfig) -> list[Any]:
    """The enabled instances of Material's blog plugin."""
    found = []
    for plugin in config.plugins.values():
        # Matched by shape rather than imported: Material is optional for this module.
        if type(plugin).__name__ != "BlogPlugin" or not type(plugin).__module__.startswith(
            "material."
        ):
            continue
        if plugin.config.get("enabled", True):
            found.append(plugin)
    return found


def _blogs(config: MkDocsConfig) -> list[Any]:
    """The configs of the enabled instances of Material's blog plugin."""
    return [plugin.config for plugin in _blog_plugins(config)]


def built_url(file: File, config: MkDocsConfig) -> str:
    """The URL a page is built at without building: a blog post's where the blog puts it."""
    for plugin in _blog_plugins(config):
        folder = _post_dir(plugin.config)
        if not (folder == "." or file.src_uri.startswith(folder + "/")):
            continue
        try:
            # The blog's own reading of the post and its URL format, on a copy of the file:
            # what the blog computes in `on_files`, without its views, folders or drafts.
            post = copy.copy(file)
            plugin._resolve_post(post, config)
            return str(post.url)
        except Exception:  # the blog refuses the post: its build will say why
            return file.url
    return file.url


def _post_dir(options: Any) -> str:
    """The folder (relative to docs_dir) a blog instance reads its posts from."""
    blog_dir = posixpath.normpath(str(options.get("blog_dir", "blog")))
    return posixpath.normpath(str(options.get("post_dir", "{blog}/posts")).format(blog=blog_dir))


def url_front_matter(meta: Mapping[str, Any], src_uri: str, config: MkDocsConfig) -> dict[str, Any]:
    """The front matter a blog post's stand-in must keep so that its URL stays the same.

    The blog computes a post's URL from its date, its slug (or its title, which the stand-in
    keeps anyway) and, only if `post_url_format` says so, its categories. Nothing else of the
    post is kept: categories and tags that are not part of the URL would make listings.
    """
    for options in _blogs(config):
        folder = _post_dir(options)
        if not (folder == "." or src_uri.startswith(folder + "/")):
            continue
        kept: dict[str, Any] = {}
        for key in ("date", "slug"):
            if key in meta:
                kept[key] = meta[key]
        if "{categories}" in str(options.get("post_url_format", "")) and meta.get("categories"):
            categories = meta["categories"]
            if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
                # Material's blog would refuse the post too; say so before it reads a stand-in.
                raise RevealError(
                    "front matter `categories` must be a list of names, such as "
                    f"[Travel, Food], not {categories!r}"
                )
            limit = int(options.get("post_url_max_categories", 1))
            kept["categories"] = categories[:limit]
        return kept
    return {}


def inclusion_before(file: File, meta: Mapping[str, Any]) -> InclusionLevel:
    """A sealed page's inclusion before other plugins run; a post marked draft stays a draft."""
    # The blog drops drafts; without the plugin this post would not be built at all, so its
    # stand-in must not be built either.
    if meta.get("draft") is True:
        return InclusionLevel.EXCLUDED
    return file.inclusion


def keep_stand_ins_built(files: Iterable[File], stand_ins: Mapping[str, InclusionLevel]) -> int:
    """Build stand-ins the blog dropped as drafts, at the URL the blog gave them.

    `stand_ins` maps each stand-in's `src_uri` to its inclusion before other plugins ran.
    """
    restored = 0
    for file in files:
        before = stand_ins.get(file.src_uri)
        if before is None or file.inclusion != InclusionLevel.EXCLUDED:
            continue
        if before in (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT):
            # Excluded by the author (`exclude_docs`, `draft_docs`): keep it as it was.
            file.inclusion = before
            continue
        # The blog marks a draft post EXCLUDED after giving it the post's URL; the stand-in
        # must still be built there (a bookmarkable page), just never listed.
        file.inclusion = InclusionLevel.NOT_IN_NAV
        restored += 1
    return restored
