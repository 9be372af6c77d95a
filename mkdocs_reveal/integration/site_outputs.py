"""Site-wide outputs other plugins write (search index, sitemap), cleared of sealed pages."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mkdocs_reveal.diagnostics import log
from mkdocs_reveal.integration import proof_inputs, reader
from mkdocs_reveal.integration.languages import other_languages
from mkdocs_reveal.proof import check
from mkdocs_reveal.publishing import calendar, manifest

if TYPE_CHECKING:
    from mkdocs_reveal.integration.build import BuildState

ASSETS = Path(__file__).parent.parent / "assets"
ASSET_URIS = ("assets/mkdocs-reveal/reveal.css", "assets/mkdocs-reveal/reveal.js")
NOINDEX = '<meta name="robots" content="noindex">'

HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
SITEMAP_URL = re.compile(r"[ \t]*<url>\s*<loc>(?P<loc>[^<]*)</loc>.*?</url>\s*?\n?", re.DOTALL)
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"


def _sealed(location: str, urls: set[str]) -> bool:
    """Whether a site-relative location belongs to one of the sealed page URLs."""
    page = location.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    return page in urls


def indexes_stand_ins(plugins: Iterable[str]) -> bool:
    """Whether a search plugin of the site may put stand-ins in `search/search_index.json`."""
    # Stand-ins say `search: exclude` in their front matter, which Material's search obeys and
    # MkDocs' own ignores: reading a large index only to find nothing is worth skipping.
    names = set(plugins)
    return "material/search" not in names or "search" in names


def clear_search_index(site_dir: Path, urls: set[str]) -> int:
    """Drop sealed pages from `search/search_index.json` (MkDocs' and Material's search)."""
    path = site_dir / SEARCH_INDEX
    if not urls or not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    kept = [doc for doc in docs if not _sealed(str(doc.get("location", "")), urls)]
    if len(kept) == len(docs):
        return 0
    index["docs"] = kept
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return len(docs) - len(kept)


def clear_sitemap(site_dir: Path, urls: set[str], site_url: str | None) -> int:
    """Drop sealed pages from `sitemap.xml` and rewrite `sitemap.xml.gz` to match."""
    path = site_dir / SITEMAP
    if not urls or not path.is_file():
        return 0
    text = path.read_text(encoding="utf-8")
    base = (site_url or "").rstrip("/") + "/"
    removed = 0

    def drop(match: re.Match[str]) -> str:
        """Remove one <url> entry if it is a sealed page."""
        nonlocal removed
        loc = match.group("loc").replace("&amp;", "&")
        relative = loc[len(base) :] if site_url and loc.startswith(base) else loc
        if _sealed(relative, urls):
            removed += 1
            return ""
        return match.group(0)

    cleared = SITEMAP_URL.sub(drop, text)
    if not removed:
        return 0
    path.write_text(cleared, encoding="utf-8")
    packed = path.with_name("sitemap.xml.gz")
    if packed.is_file():
        # Keep MkDocs' own timestamp in the gzip header so builds stay reproducible.
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
        with (
            packed.open("wb") as raw,
            gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb", mtime=mtime) as gz,
        ):
            gz.write(cleared.encode("utf-8"))
    return removed


def add_to_head(html: str, snippet: str) -> str:
    """Insert markup right after a page's opening `<head>` tag."""
    head = HEAD.search(html)
    if head is None:
        return html
    # The first occurrence of the tag's text is the match itself; `str.replace` makes one new
    # page-sized string where `re.sub` or slicing make two (see docs/performance.md).
    return html.replace(head.group(0), head.group(0) + snippet, 1)


def note_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    """Tell the leak check which outputs are copies, and the paths the site's links show."""
    if state.checking:
        state.copies = {**proof_inputs.copies(files, config), **asset_copies()}
        state.check.publish(proof_inputs.paths(files))


def asset_copies() -> dict[str, int]:
    """The plugin's stylesheet and script in the site, and their sizes: no page's words."""
    return {uri: (ASSETS / Path(uri).name).stat().st_size for uri in ASSET_URIS}


def link_assets(config: MkDocsConfig) -> None:
    """Link the stylesheet and script from every page, unless `mkdocs.yml` already lists them."""
    # Listed already where a site also builds with Zensical (docs/zensical.md): twice would
    # load them twice.
    for uri, listed in zip(ASSET_URIS, (config.extra_css, config.extra_javascript), strict=True):
        if uri not in {str(item) for item in listed}:
            listed.append(uri)


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """Add the stylesheet and script of stamps, blur and countdown, or check the author's copy."""
    for asset in ASSET_URIS:
        packaged = ASSETS / Path(asset).name
        own = files.get_file_from_path(asset)
        if own is None:
            files.append(File.generated(config, asset, abs_src_path=str(packaged)))
        elif own.abs_src_path and _text(Path(own.abs_src_path)) != _text(packaged):
            # A copy made by `mkdocs-reveal assets` before an upgrade: the markup has moved on.
            shown = reader.display_path(asset, config)
            log.warning(
                "reveal: %s is not the %s of this mkdocs-reveal: copy it again with "
                "`mkdocs-reveal assets %s`",
                shown,
                packaged.name,
                posixpath.dirname(shown),
            )


def _text(path: Path) -> str:
    """A text file's content, line endings aside (git may change them on checkout)."""
    return path.read_text(encoding="utf-8").replace("\r\n", "\n")


def finish(state: BuildState, config: MkDocsConfig) -> None:
    """Clear sealed pages from site-wide outputs, write the schedule files, prove the site."""
    site = Path(config.site_dir)
    if not state.previewing:
        if indexes_stand_ins(config.plugins):
            clear_search_index(site, state.sealed_urls)
        clear_sitemap(site, state.sealed_urls, config.site_url)
    write_schedule_files(state, site, config)  # before the proof, which reads them too
    if state.checking:
        check.prove(state.check, site, state.copies)


def write_schedule_files(
    state: BuildState, site: Path, config: MkDocsConfig
) -> list[datetime | None]:
    """Write `reveal.json` and `reveals.ics`, which name only what the site shows."""
    settings = state.settings
    items = state.ledger.items(state.schedule, settings.clock, other_languages(config))
    state.instants = [item.instant for item in items]
    content = manifest.document(
        items,
        clock=settings.clock,
        tz=settings.tz,
        timezone_name=state.options.timezone,
        site_url=config.site_url,
        cron_interval=state.options.cron_interval,
    )
    manifest.write(site, content)
    ics = calendar.calendar(
        items, site_name=config.site_name, site_url=config.site_url, stamp=settings.clock
    )
    calendar.write(site, ics)
    return state.instants
