"""A page's previews and stamps, sealed in its Markdown before any other plugin reads it."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_reveal.diagnostics import report
from mkdocs_reveal.integration import reader
from mkdocs_reveal.integration.build import BuildState
from mkdocs_reveal.integration.sealed_pages import preview_banner
from mkdocs_reveal.markup import tags
from mkdocs_reveal.markup.extension import PageContext
from mkdocs_reveal.markup.front_matter import page_anchor
from mkdocs_reveal.markup.page_schedule import unknown_posts
from mkdocs_reveal.markup.transform import transform
from mkdocs_reveal.timeline.schedule import normalise_path


def seal_page(state: BuildState, markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Seal the page's previews, record what they became, and mark the page for the extension."""
    settings = state.settings
    display = reader.display_path(page.file.src_uri, config)
    context = PageContext(
        path=display,
        anchor=page_anchor(page.meta, settings),
        schedule=lambda post: state.schedule.instant(normalise_path(post)),
    )
    result = transform(
        markdown,
        settings,
        state.extension.fragments.store,
        anchor=context.anchor,
        schedule=context.schedule,
        # Reading the source again to count front matter lines is for pages with tags.
        first_line=lambda: _first_line(page, markdown),
        # Raw text: fences are still there, and are code only as the site's extensions say.
        fences=tags.fence_rule(
            name for name in config.markdown_extensions if isinstance(name, str)
        ),
    )
    problems = result.problems + unknown_posts(result.outcomes, state.doc_uris)
    report(sorted(problems, key=lambda problem: problem.line), display)
    state.outcomes.extend(result.outcomes)
    state.ledger.record(page, result.outcomes)
    state.check.publish(result.markdown)
    state.check.publish(page.title or "")
    for secret in result.secrets:
        state.seal(secret, display)
    if not settings.preview:
        # Front matter counts too: a cover `image:` is shown by themes and feeds.
        uri = page.file.src_uri
        state.attachments.publish(f"{result.markdown}\n{page.meta!r}", uri)
        for secret in result.secrets:
            state.attachments.seal(secret, uri)
    # The extension's second pass (content that arrives after this hook) finds its page here.
    state.extension.pages.add(page.file.src_uri, context)
    sealed = state.sealed_pages.get(page.file.src_uri)
    if sealed is not None and settings.preview:
        banner = state.extension.fragments.store(preview_banner(sealed, settings.labels))
        return f"{banner}\n\n{result.markdown}"
    return result.markdown


def seal_late_content(state: BuildState, page: Page, config: MkDocsConfig) -> None:
    """Fingerprint what the extension sealed in content that arrived late (snippets)."""
    context = state.extension.pages.items.get(page.file.src_uri)
    if context is None:
        return
    for secret in context.secrets:
        state.seal(secret, reader.display_path(page.file.src_uri, config))
    context.secrets.clear()


def _first_line(page: Page, markdown: str) -> int:
    """The source line the Markdown body starts on, after the front matter MkDocs removed."""
    try:
        source = page.file.content_string
    except OSError:
        return 1
    return reader.body_line(source, markdown)
