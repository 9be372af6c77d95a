"""The `mkdocs-reveal` command, run as a subprocess against real projects (no build needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import series
from revealcli import rows, run
from sitebuild import Site, environment

SiteFactory = Callable[..., Site]
BEFORE_1 = "2025-11-03T08:59:00+01:00"
AT_1 = "2025-11-03T09:00:00+01:00"
AFTER_ALL = "2025-11-24T10:00:00+01:00"


@pytest.fixture
def project(site: SiteFactory) -> Site:
    """The three-part series, not built."""
    return site(series.pages(), reveal=series.reveal_options())


def test_status_before_at_and_after_reveals(project: Site) -> None:
    before = run(project.root, "status", now=BEFORE_1)
    assert before.returncode == 0, before.stderr
    assert before.stdout.startswith(f"clock: {BEFORE_1} (Europe/Oslo)\n")
    table = rows(before.stdout)
    assert [row[:4] for row in table] == [
        [kind, source, series.INSTANTS[part], "sealed"]
        for part in (1, 2, 3)
        for kind, source in (
            ("page", f"series/{series.SLUGS[part]}.md"),
            ("preview", f"series/index.md:{(12, 27, 42)[part - 1]}"),
        )
    ]
    assert [row[4] for row in table[:3]] == ["0h 01m", "0h 01m", "7d 00h 01m"]
    assert f"next reveal: {AT_1}, in 0h 01m" in before.stdout

    at = rows(run(project.root, "status", now=AT_1).stdout)
    assert [row[3] for row in at] == ["revealed"] * 2 + ["sealed"] * 4
    assert [row[4] for row in at[:2]] == ["-", "-"]

    after = run(project.root, "status", now=AFTER_ALL)
    assert {row[3] for row in rows(after.stdout)} == {"revealed"}
    assert "next reveal: none pending" in after.stdout

    # --at wins over the clock; a time without an offset is in the site's time zone.
    moved = run(project.root, "status", "--at", "2025-11-10T09:00", now=AFTER_ALL)
    assert moved.stdout.startswith("clock: 2025-11-10T09:00:00+01:00 (Europe/Oslo)\n")
    assert [row[3] for row in rows(moved.stdout)] == ["revealed"] * 4 + ["sealed"] * 2


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (BEFORE_1, AT_1),
        (AT_1, series.INSTANTS[2]),  # at the instant, that reveal is no longer pending
        ("2025-11-24T07:59:59Z", series.INSTANTS[3]),
    ],
)
def test_next_prints_the_next_instant(project: Site, now: str, expected: str) -> None:
    done = run(project.root, "next", now=now)
    assert (done.returncode, done.stdout) == (0, expected + "\n")


def test_next_as_cron_and_into_github_output(project: Site, tmp_path: Path) -> None:
    output = tmp_path / "github_output"
    output.write_text("earlier=kept\n", encoding="utf-8")
    env = {"GITHUB_OUTPUT": str(output)}
    cron = run(project.root, "next", "--format", "cron", now=BEFORE_1, env=env)
    assert (cron.returncode, cron.stdout) == (0, "0 8 3 11 *\n")  # 09:00 in Oslo is 08:00 UTC
    assert output.read_text(encoding="utf-8") == (
        f"earlier=kept\nnext_reveal={AT_1}\nnext_reveal_cron=0 8 3 11 *\n"
    )
    output.write_text("", encoding="utf-8")
    done = run(project.root, "next", now=AFTER_ALL, env=env)
    assert (done.returncode, done.stdout) == (1, "")
    assert "nothing pending" in done.stderr
    assert output.read_text(encoding="utf-8") == "next_reveal=\nnext_reveal_cron=\n"


@pytest.mark.parametrize(
    ("since", "now", "grace", "code"),
    [
        ("2025-11-03T08:00", AT_1, "0", 0),  # revealed exactly at the clock: due
        ("2025-11-03T08:00", BEFORE_1, "0", 1),  # a minute early: not yet
        (AT_1, "2025-11-03T09:30:00+01:00", "0", 1),  # revealed at WHEN: already deployed
        ("2025-11-03T08:59:59+01:00", AT_1, "0", 0),
        ("2025-11-03T09:10", "2025-11-03T09:30:00+01:00", "15", 0),  # the grace looks back
        ("2025-11-03T09:10", "2025-11-03T09:30:00+01:00", "5", 1),
        ("2025-11-04", "2025-11-24T09:00:00Z", "0", 0),  # a date alone is at reveal_time
        ("2025-11-25", AFTER_ALL, "0", 1),  # WHEN after the clock: nothing in between
    ],
)
def test_due_since(project: Site, since: str, now: str, grace: str, code: int) -> None:
    done = run(project.root, "due", "--since", since, "--grace", grace, now=now)
    assert done.returncode == code, done.stdout + done.stderr
    if code == 0:
        assert "revealed in (" in done.stdout and "page  series/" in done.stdout
    else:
        assert done.stdout.startswith("nothing revealed in (")


def test_cli_agrees_with_the_build(site: SiteFactory) -> None:
    pages = series.pages()
    pages["news.md"] = (
        "# News\n\n<RevealStamp date='2025-11-15' />\n\n"
        "<PostPreview blurred date='2025-11-20 18:00'>\nnews teaser\n</PostPreview>\n"
    )
    # Tags inside a page that is itself sealed are not on the site until the page is.
    pages["series/collective.md"] += "\n<PostPreview date='2025-11-30'>\nlater\n</PostPreview>\n"
    project = site(pages, reveal=series.reveal_options())
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": "2025-11-16"})
    manifest = json.loads(build.text("reveal.json"))
    status = run(project.root, "status", now="2025-11-16")
    assert status.returncode == 0, status.stderr
    assert Counter((row[0], row[2], row[3]) for row in rows(status.stdout)) == Counter(
        (item["kind"], item["reveal"], item["state"]) for item in manifest["items"]
    )
    assert ("stamp", "news.md:3") in {(row[0], row[1]) for row in rows(status.stdout)}
    upcoming = run(project.root, "next", now="2025-11-16")
    assert upcoming.stdout.strip() == manifest["next_reveal"] == "2025-11-20T18:00:00+01:00"


def test_config_file_option_and_module_entry_point(project: Site, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = str(project.root / "mkdocs.yml")
    for args in (("-f", config, "next"), ("next", "-f", config)):
        done = run(elsewhere, *args, now=BEFORE_1)
        assert (done.returncode, done.stdout) == (0, AT_1 + "\n")
    module = subprocess.run(
        [sys.executable, "-m", "mkdocs_reveal.publishing.cli", "next"],
        cwd=project.root,
        env=environment(MKDOCS_REVEAL_NOW=BEFORE_1),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (module.returncode, module.stdout) == (0, AT_1 + "\n")


def test_warnings_go_to_stderr(site: SiteFactory) -> None:
    pages = series.pages()
    pages["series/collective.md"] = pages["series/collective.md"].replace(
        "---\n", "---\nreveal: 2025-11-25\n", 1
    )
    pages["series/index.md"] = pages["series/index.md"].replace(
        "Monday, November 10th", "Tuesday, November 10th"
    )
    project = site(pages, reveal=series.reveal_options())
    done = run(project.root, "next", now=AFTER_ALL)
    assert done.returncode == 0 and done.stdout == "2025-11-25T09:00:00+01:00\n"
    assert (
        "warning: docs/series/collective.md:2: the config (mkdocs.yml:14) reveals "
        "series/collective.md at 2025-11-24T09:00:00+01:00 but its front matter says "
        "2025-11-25T09:00:00+01:00"
    ) in done.stderr
    assert "warning: docs/series/index.md:28: November 10th 2025 is a Monday" in done.stderr


@pytest.mark.parametrize(
    ("args", "env", "options", "message"),
    [
        (("status",), {"MKDOCS_REVEAL_NOW": "next week"}, None, "MKDOCS_REVEAL_NOW"),
        (("due", "--since", "yesterday"), {}, None, "--since: 'yesterday' is not a full ISO 8601"),
        (("due", "--since", "2025-02-30"), {}, None, "--since: '2025-02-30'"),
        (("status", "--at", "soon"), {}, None, "--at: 'soon' is not a full ISO 8601"),
        (("due",), {}, None, "the following arguments are required: --since"),
        (("due", "--since", "2025-11-03", "--grace", "-5"), {}, None, "whole minutes"),
        (("next",), {}, {"timezone": "Europe/Olso"}, "unknown timezone 'Europe/Olso'"),
        (("next",), {}, {"schedule": {"series/nope.md": "2025-11-03"}}, "names no page"),
        (("next",), {}, {"schedule": {"series/workflow.md": "someday"}}, "series/workflow.md"),
        (("next",), {}, {"enabled": False}, "enabled: false"),
        (("next",), {}, "absent", "the `reveal` plugin is not in `plugins`"),
    ],
)
def test_errors_are_clear_with_exit_code_2(
    site: SiteFactory,
    args: tuple[str, ...],
    env: dict[str, str],
    options: dict[str, object] | str | None,
    message: str,
) -> None:
    if options == "absent":
        project = site(series.pages(), plugins=["search"])
    else:
        reveal = series.reveal_options(**options) if isinstance(options, dict) else None
        project = site(series.pages(), reveal=reveal or series.reveal_options())
    done = run(project.root, *args, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_missing_config_is_exit_code_2(tmp_path: Path) -> None:
    done = run(tmp_path, "status")
    assert done.returncode == 2
    assert f"no mkdocs.yml in {tmp_path}" in done.stderr and "-f" in done.stderr
    missing = run(tmp_path, "-f", "site/mkdocs.yml", "next")
    assert missing.returncode == 2 and "no config file at site/mkdocs.yml" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_post_that_names_no_page_is_the_same_warning_for_the_build_and_the_cli(
    site: SiteFactory,
) -> None:
    """The CLI reads previews through the build's own reader: the same warning, the same line."""
    project = site(
        {
            "index.md": '# Series\n\n<PostPreview post="blog/nope.md">\n'
            '<RevealStamp date="2025-11-10" />\n\nA teaser.\n</PostPreview>\n'
        },
        reveal={"now": "2025-11-01"},
    )
    build = project.build("--strict", ok=False)
    assert build.returncode != 0
    message = "docs/index.md:3: post='blog/nope.md' names no page in docs_dir"
    assert message in build.log
    status = run(project.root, "status")
    assert status.returncode == 0, status.stderr
    assert message in status.stderr
    strict = run(project.root, "--strict", "status")
    assert strict.returncode == 2
    assert message in strict.stderr and "strict" in strict.stderr
    assert run(project.root, "due", "--strict", "--since", "2025-10-01").returncode == 2


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # YAML itself reads these as dates and fails with no file or line of its own.
        (
            "      schedule:\n        series/workflow.md: 2027-02-29\n",
            "mkdocs.yml:{line}: 2027-02-29 is not a date: February 2027 has no day 29: 2027 is "
            "not a leap year — correct the day or year",
        ),
        (
            "      now: 2025-13-01\n",
            "mkdocs.yml:{line}: 2025-13-01 is not a date: '2025-13-01' has no month 13: months "
            "run from 01 to 12 — correct the month",
        ),
        # Quoted, the plugin reads them and says the same, with the option's line.
        (
            '      now: "2025-13-01"\n',
            "mkdocs.yml:{line}: the 'now' option '2025-13-01' is not a date: '2025-13-01' has "
            "no month 13",
        ),
        (
            '      schedule:\n        series/workflow.md: "2027-02-29"\n',
            "mkdocs.yml:{line}: schedule: series/workflow.md: February 2027 has no day 29",
        ),
    ],
)
@pytest.mark.parametrize("command", [("status",), ("next",), ("due", "--since", "2025-11-01")])
def test_impossible_dates_in_mkdocs_yml_are_errors_with_their_line(
    site: SiteFactory, written: str, message: str, command: tuple[str, ...]
) -> None:
    project = site(series.pages())
    config = (
        "site_name: Test site\nplugins:\n  - search\n  - reveal:\n"
        f"      timezone: Europe/Oslo\n{written}"
    )
    line = config.count("\n")  # the value stands on the last line written
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = run(project.root, *command)
    # 1 would tell a deploy workflow "nothing due": an input error is never an answer.
    assert done.returncode == 2, done.stdout + done.stderr
    assert message.format(line=line) in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_schedule_warnings_name_the_line_in_mkdocs_yml_in_the_cli_and_the_build(
    site: SiteFactory,
) -> None:
    reveal = series.reveal_options()
    reveal["schedule"]["series/workflow.md"] = "2026-03-29 02:30"  # inside the spring gap
    project = site(series.pages(), reveal=reveal)
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("series/workf"))
    where = f"mkdocs.yml:{line}: schedule: series/workflow.md: 2026-03-29 02:30 does not exist"
    done = run(project.root, "status", now="2025-11-12")
    assert f"warning: {where}" in done.stderr
    build = project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
    assert f"WARNING -  reveal: {where}" in build.log
    assert str(project.root / "mkdocs.yml") not in build.log + done.stderr


def test_a_page_that_cannot_be_read_is_an_error_not_an_answer(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    (project.root / "docs" / "gone.md").symlink_to(project.root / "nowhere.md")
    done = run(project.root, "due", "--since", "2025-11-01", now="2025-11-12")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "gone.md: cannot be read (No such file or directory): fix or remove it" in done.stderr
    assert "Traceback" not in done.stderr


def test_cron_format_is_labelled_utc_and_one_off(project: Site) -> None:
    done = run(project.root, "next", "--format", "cron", now=BEFORE_1)
    assert done.stdout == "0 8 3 11 *\n"  # one line, for $(…) in a workflow
    assert done.stderr == (
        "# UTC, one-off: runs at 2025-11-03 08:00 UTC; cron repeats it every year on that day, "
        "so replace it after that run\n"
    )
    help_text = run(project.root, "next", "--help").stdout
    assert "in UTC" in help_text and "every year" in help_text


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("timezone", "Europe/Olso", "unknown timezone 'Europe/Olso'"),
        ("reveal_time", "9 o'clock", "is not a time of day: write it as HH:MM"),
    ],
)
def test_option_errors_name_their_line_in_the_cli_and_the_build(
    site: SiteFactory, option: str, value: str, message: str
) -> None:
    project = site(series.pages(), reveal=series.reveal_options(**{option: value}))
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{option}:"))
    done = run(project.root, "next")
    assert done.returncode == 2
    assert f"mkdocs.yml:{line}: " in done.stderr and message in done.stderr
    build = project.build(ok=False)
    assert build.returncode != 0 and f"mkdocs.yml:{line}: " in build.log
