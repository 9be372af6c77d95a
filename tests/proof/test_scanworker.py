"""The leak check's worker process: it matches what it is given, and its failures lose nothing."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from mkdocs_reveal.proof import worker as scanworker
from mkdocs_reveal.proof.check import LeakCheck

SENTENCE = "The glimmerfrost body text of part 3, with obsidianwren too, and more."


def frame(kind: bytes, name: str, body: bytes) -> bytes:
    """One frame as the build writes it."""
    label = name.encode()
    return scanworker.HEADER.pack(kind, len(label), len(body)) + label + body


def test_the_worker_loop_reports_hits_and_versions(tmp_path: Path) -> None:
    leaky, plain = tmp_path / "leaky.html", tmp_path / "plain.html"
    leaky.write_text(f"<p>{SENTENCE}</p>")
    plain.write_text("<p>Nothing sealed here.</p>")
    source = io.BytesIO(
        frame(scanworker.SEALED, "docs/sealed.md", f"**{SENTENCE}**".encode())
        + frame(scanworker.FILE, "leaky.html", os.fsencode(leaky))
        + frame(scanworker.FILE, "plain.html", os.fsencode(plain))
        + frame(scanworker.FILE, "gone.html", os.fsencode(tmp_path / "gone.html"))
    )
    sink = io.BytesIO()
    scanworker.serve(source, sink)
    report = json.loads(sink.getvalue())
    assert set(report["found"]) == {"leaky.html"}
    assert all(piece in SENTENCE for piece in report["found"]["leaky.html"])
    assert set(report["sources"]) == set(report["found"]["leaky.html"])
    assert set(report["sources"].values()) == {"docs/sealed.md"}
    status = leaky.stat()
    assert report["versions"]["leaky.html"] == [status.st_ino, status.st_size, status.st_mtime_ns]
    assert report["versions"]["gone.html"] is None


def test_a_worker_process_matches_files_beside_the_build(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(f"<p>{SENTENCE}</p>")
    worker = scanworker.Worker.start()
    assert worker is not None
    worker.seal(SENTENCE, "docs/sealed.md")
    worker.scan_file("page.html", str(tmp_path / "page.html"))
    results = worker.results()
    assert results is not None
    assert set(results.found) == {"page.html"} and set(results.versions) == {"page.html"}
    assert set(results.sources.values()) == {"docs/sealed.md"}
    assert worker.process.returncode == 0


def test_the_worker_ignores_the_users_folder_and_python_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A `re.py` beside mkdocs.yml, or on PYTHONPATH, must not replace the standard library.
    (tmp_path / "re.py").write_text("raise SystemExit('the user folder was imported')\n")
    (tmp_path / "page.html").write_text(f"<p>{SENTENCE}</p>")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    worker = scanworker.Worker.start()
    assert worker is not None
    worker.seal(SENTENCE, "docs/sealed.md")
    worker.scan_file("page.html", str(tmp_path / "page.html"))
    results = worker.results()
    assert results is not None and set(results.found) == {"page.html"}


def test_a_worker_that_cannot_start_is_none() -> None:
    assert scanworker.Worker.start(argv=[str(Path("/nonexistent/python"))]) is None


def test_a_worker_that_exits_early_gives_no_results(tmp_path: Path) -> None:
    worker = scanworker.Worker.start(argv=[sys.executable, "-c", "pass"])
    assert worker is not None
    worker.process.wait()
    for index in range(50):  # enough to notice the closed pipe
        worker.scan_file(f"{index}.html", str(tmp_path / f"{index}.html"))
    assert worker.results() is None


def test_a_worker_killed_mid_build_loses_nothing(tmp_path: Path) -> None:
    check = LeakCheck(parallel=True)
    check.seal(SENTENCE, "docs/sealed.md")
    check.will_write("one.html", str(tmp_path / "one.html"))
    (tmp_path / "one.html").write_text(f"<p>{SENTENCE}</p>")
    check.will_write("two.html", str(tmp_path / "two.html"))
    (tmp_path / "two.html").write_text("<p>Two</p>")
    assert check.worker is not None, "a worker runs beside the build"
    check.worker.process.kill()  # the system ran out of memory, say
    check.worker.process.wait()
    check.will_write("three.html", str(tmp_path / "three.html"))
    (tmp_path / "three.html").write_text(f"<p>Three: {SENTENCE}</p>")
    leaks = check.finish(tmp_path, set())
    assert [leak.output for leak in leaks] == ["one.html", "three.html"]


def test_without_a_spare_core_matching_stays_in_the_build(tmp_path: Path) -> None:
    check = LeakCheck(parallel=False)
    check.seal(SENTENCE, "docs/sealed.md")
    check.will_write("one.html", str(tmp_path / "one.html"))
    (tmp_path / "one.html").write_text(f"<p>{SENTENCE}</p>")
    assert [leak.output for leak in check.finish(tmp_path, set())] == ["one.html"]
    assert check.worker is None


ITEM = "<li>Nothing sealed in this item of a long list, only the navigation.</li>\n"


def long_output(first: str, second: str) -> str:
    """A search-index-sized output (8 MB): `first` near its start, `second` past its middle."""
    items = (8 << 20) // len(ITEM) // 2 + 1
    return f"<li>{first}</li>" + ITEM * (items + 10) + f"<li>{second}</li>" + ITEM * items


def test_a_worker_process_finds_sealed_text_anywhere_in_a_long_output(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    index.write_text(long_output("Nothing sealed at the start.", SENTENCE))
    worker = scanworker.Worker.start()
    assert worker is not None
    worker.seal(SENTENCE, "docs/sealed.md")
    worker.scan_file("search/search_index.json", str(index))
    results = worker.results()
    assert results is not None and worker.process.returncode == 0
    assert set(results.found) == {"search/search_index.json"}
    assert set(results.sources.values()) == {"docs/sealed.md"}
