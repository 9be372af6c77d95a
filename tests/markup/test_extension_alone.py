"""The extension where no plugin runs (plain Python-Markdown): its clock, whole pages, strict."""

from __future__ import annotations

import logging
from typing import Any

import markdown
import pytest
from sitebuild import patch_environment

from mkdocs_reveal.diagnostics import RevealError

OSLO = {"timezone": "Europe/Oslo", "reveal_time": "09:00"}
PREVIEW = "<PostPreview date='2025-11-10'>\nhearthmoss teaser\n</PostPreview>\n"


def render(text: str, **options: Any) -> str:
    """Render a document with the `meta` extension and ours."""
    return markdown.markdown(
        text,
        extensions=["meta", "mkdocs_reveal"],
        extension_configs={"mkdocs_reveal": {**OSLO, **options}},
    )


@pytest.mark.parametrize(
    ("env", "now", "shown"),
    [
        ({"MKDOCS_REVEAL_NOW": "2025-11-10T09:00"}, "2025-11-01", True),  # the variable wins
        ({"MKDOCS_REVEAL_NOW": "2025-11-10T08:59"}, "2025-12-01", False),
        ({"SOURCE_DATE_EPOCH": "1762761600"}, "", True),  # 2025-11-10T08:00Z = 09:00 in Oslo
        ({"SOURCE_DATE_EPOCH": "1762761599"}, "", False),
        ({"SOURCE_DATE_EPOCH": "1762761599"}, "2025-11-10T09:00", True),  # the option wins
    ],
)
def test_the_clock_is_read_as_the_plugin_reads_it(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], now: str, shown: bool
) -> None:
    patch_environment(monkeypatch, **env)
    assert ("hearthmoss" in render(PREVIEW, now=now)) is shown


def test_a_source_date_epoch_that_is_not_a_number_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patch_environment(monkeypatch, SOURCE_DATE_EPOCH="yesterday")
    with pytest.raises(RevealError, match="SOURCE_DATE_EPOCH='yesterday' is not a number"):
        render(PREVIEW)


SCHEDULED = (
    "title: Tomorrow’s page\n"
    "description: sealed flintwhisper summary\n"
    "reveal: 2025-11-24\n\n"
    "# Tomorrow’s page\n\n"
    "The flintwhisper body, “quoted” — and ærfuglen.\n"
)


def test_a_whole_page_scheduled_in_its_meta_is_replaced_by_its_stand_in() -> None:
    html = render(SCHEDULED, now="2025-11-12")
    for word in ("flintwhisper", "ærfuglen", "“quoted”"):
        assert word not in html, word
    assert "<h1>Tomorrow’s page</h1>" in html
    assert 'class="reveal-preview is-sealed reveal-page"' in html
    assert 'datetime="2025-11-24T09:00:00+01:00"' in html
    assert "flintwhisper" in render(SCHEDULED, now="2025-11-24T09:00")


def test_author_preview_shows_a_sealed_page_marked() -> None:
    html = render(SCHEDULED, now="2025-11-12", preview=True)
    assert "flintwhisper body" in html
    assert 'class="reveal-preview-marker reveal-page-marker"' in html


def test_a_preview_follows_the_later_of_its_date_and_the_schedule() -> None:
    text = "<PostPreview date='2025-11-10' post='blog/part-3.md'>\nembercrest\n</PostPreview>\n"
    schedule = {"blog/part-3.md": "2025-11-24"}
    assert "embercrest" not in render(text, now="2025-11-12", schedule=schedule)
    assert "embercrest" in render(text, now="2025-11-12")


def test_a_doubtful_schedule_date_raises() -> None:
    schedule = {"blog/part-3.md": "Tuesday, November 24th 2025"}
    with pytest.raises(RevealError, match="November 24th 2025 is a Monday"):
        render("<PostPreview post='blog/part-3.md'>\nx\n</PostPreview>\n", schedule=schedule)


def test_strict_raises_on_a_problem_instead_of_warning(caplog: pytest.LogCaptureFixture) -> None:
    text = "<PostPreview date='Tuesday, November 10th 2025'>\nrimeharbor\n</PostPreview>\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = render(text, now="2025-12-01")
    assert "rimeharbor" not in html
    assert "line 1: kept sealed until the warning about its date is fixed" in caplog.text
    with pytest.raises(RevealError, match=r"line 1: November 10th 2025 is a Monday.*\(strict"):
        render(text, now="2025-12-01", strict=True)


def test_the_plugins_options_are_accepted_for_one_shared_anchor() -> None:
    html = render(PREVIEW, now="2025-11-12", sealed_pages="exclude", cron_interval=30)
    assert "hearthmoss" in html
