"""A page's previews and stamps, sealed in its Markdown before any other plugin reads it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_reveal.diagnostics import report
from mkdocs_reveal.integration import reader
from mkdocs_reveal.integration.build import BuildState
from mkdocs_reveal.integration.languages import lookup, naming, other_languages
from mkdocs_reveal.integration.sealed_pages import preview_banner
from mkdocs_reveal.markup import code, names
from mkdocs_reveal.markup.extension import PageContext
from mkdocs_reveal.markup.front_matter import page_anchor
from mkdocs_reveal.markup.mojibake import mojibake_problems
from mkdocs_reveal.markup.page_schedule import unknown_posts
from mkdocs_reveal.markup.transform import transform


def seal_page(state: BuildState, markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Seal the page's previews, record what they became, and mark the page for the extension."""
    settings = state.settings
    context = PageContext(
        path=reader.display_path(page.file.src_uri, config),
        page_date=page_anchor(page.meta, settings),
        schedule=lookup(state.schedule, other_languages(config)),
    )
    # The extension's second pass (content that arrives after this hook) finds its page here.
    state.extension.pages.add(page.file.src_uri, context)
    safe = _seal(state, markdown, page, config, first_line=lambda: _first_line(page, markdown))
    state.check.publish(page.title or "")
    sealed = state.sealed_pages.get(page.file.src_uri)
    if sealed is not None and settings.preview:
        banner = state.extension.fragments.store(preview_banner(sealed, settings))
        return f"{banner}\n\n{safe}"
    return safe


def seal_page_again(state: BuildState, markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Seal tags that other plugins put into the page's Markdown after our first pass."""
    # Their text (an include, a macro) has no line in the page's source: lines count in the
    # page's Markdown as it is now, and the messages say so.
    if not names.mentions(markdown):
        return markdown
    return _seal(state, markdown, page, config, first_line=1, late=True)


def _seal(
    state: BuildState,
    markdown: str,
    page: Page,
    config: MkDocsConfig,
    *,
    first_line: int | Callable[[], int],
    late: bool = False,
) -> str:
    """Transform a page's Markdown, report, record and fingerprint what was sealed."""
    settings = state.settings
    context = state.extension.pages.items[page.file.src_uri]
    result = transform(
        markdown,
        settings,
        state.extension.fragments.store,
        page_date=context.page_date,
        schedule=context.schedule,
        first_line=first_line,
        # Raw text: fences are still there, and are code only as the site's extensions say.
        rules=code.dialect(name for name in config.markdown_extensions if isinstance(name, str)),
    )
    display = context.path
    problems = list(result.problems)
    if any(outcome.post for outcome in result.outcomes):
        # A post may be named in any language, or in none, as a schedule key may.
        named = naming(state.doc_uris, other_languages(config))
        problems += unknown_posts(result.outcomes, named)
    if not late:
        # Garbled text (UTF-8 read as another encoding) is the author's to fix, at its line.
        offset = (first_line() if callable(first_line) else first_line) - 1
        problems += [
            replace(found, line=found.line + offset) for found in mojibake_problems(markdown)
        ]
    where = (
        f"{display} (in text another plugin added, by its Markdown's lines)" if late else display
    )
    report(sorted(problems, key=lambda problem: problem.line), where)
    context.reported.update(problem.message for problem in result.problems)
    state.outcomes.extend(result.outcomes)
    state.ledger.record(page, result.outcomes)
    state.check.publish(result.markdown)
    for secret in result.secrets:
        state.seal(secret, display or page.file.src_uri)
    if not settings.preview:
        # Front matter counts too: a cover `image:` is shown by themes and feeds.
        uri = page.file.src_uri
        state.attachments.publish(f"{result.markdown}\n{page.meta!r}", uri)
        for secret in result.secrets:
            state.attachments.seal(secret, uri)
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
