"""What the plugin costs: the same sites built with and without it, alternately.

Run from the repository root:

    python benchmarks/build_overhead.py            # 200, 1,000 and 2,000 pages, 7 runs each
    python benchmarks/build_overhead.py --pages 200 --runs 3
    python benchmarks/build_overhead.py --one-core # as on a machine with one core
    python benchmarks/build_overhead.py --control  # the benchmark's own noise: no plugin on
                                                   # either side, so the ratio should be 1
    python benchmarks/build_overhead.py --together # both variants at once, sharing one core

Prints, per site size, the median build time with and without the plugin and the median of
the runs' ratios, on the clock (`wall`) and in CPU time of the build's process (`cpu`), and the
CPU time of the leak check's worker; then a micro-benchmark of the transform alone (pages per
second, tag-free and tag-heavy).

`--together` builds the two variants at the same time, in two threads of one process that
share one core, and compares the CPU time of each thread: see `together`.

The sites are written to a RAM disk (`/dev/shm`) where there is one with room for them, unless
`--on-disk`: a 2,000-page Material site writes 1.2 GB, and the disk's writeback made single
builds vary by ±8% on a 2-core virtual machine, against ±2% in RAM.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_reveal.markup.transform import Settings, transform
from mkdocs_reveal.proof import worker as scanworker
from mkdocs_reveal.timeline.clock import resolve_clock
from mkdocs_reveal.timeline.dates import parse_time_of_day, parse_timezone

SYLLABLES = ("ka", "lo", "mi", "ren", "sta", "vo", "tul", "be", "dri", "xan", "po", "qui")


def vocabulary(size: int = 5000) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf frequencies: prose has a few common words and many rare ones."""
    rng = random.Random(42)
    words = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(size * 2)})[
        :size
    ]
    rng.shuffle(words)
    return words, [1 / (rank + 1) for rank in range(len(words))]


WORDS, WEIGHTS = vocabulary()
CLOCK = "2025-11-12T12:00:00+01:00"


def sentence(rng: random.Random, words: int) -> str:
    """A sentence of ordinary words."""
    return " ".join(rng.choices(WORDS, WEIGHTS, k=words)).capitalize() + "."


def page(rng: random.Random, index: int, with_tags: bool) -> str:
    """A page of realistic size: headings, paragraphs, a list, a code block, maybe previews."""
    parts = [f"# Page {index}\n"]
    for section in range(4):
        parts.append(f"## Section {section}\n")
        parts.extend(sentence(rng, rng.randint(12, 30)) + "\n" for _ in range(3))
        parts.append("\n".join(f"- {sentence(rng, 6)}" for _ in range(4)) + "\n")
    parts.append("```python\nprint('hello')\n```\n")
    if with_tags:
        for part in range(3):
            # A mix of sealed and revealed previews around the benchmark's clock.
            day = 3 + 7 * part
            parts.append(
                f'<PostPreview blurred date="2025-11-{day:02d}">\n'
                f'  <RevealStamp date="2025-11-{day:02d}" />\n\n'
                f"  **{sentence(rng, 3)}**\n\n  {sentence(rng, 25)}\n\n"
                + "\n".join(f"  - {sentence(rng, 5)}" for _ in range(3))
                + "\n</PostPreview>\n"
            )
    return "\n".join(parts)


# Where a RAM disk is usually mounted on Linux.
RAM_DISK = Path("/dev/shm")
# Every Material page carries the whole nav, so a site writes about this many bytes times its
# pages squared: 1.2 GB at 2,000 pages.
BYTES_PER_PAGE_SQUARED = 320


def ram_disk(pages: list[int]) -> Path | None:
    """The RAM disk, if there is one with room for both variants of the largest site."""
    if not (RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK)):
        return None
    needed = 2 * BYTES_PER_PAGE_SQUARED * max(pages, default=0) ** 2
    # Half again as much: a build fails half-way, minutes in, on a full disk.
    return RAM_DISK if shutil.disk_usage(RAM_DISK).free > needed * 3 // 2 else None


def make_site(root: Path, count: int, with_plugin: bool) -> Path:
    """Write a site of `count` pages in sections of 50; 10% with tags, some pages sealed."""
    rng = random.Random(count)  # the same site for both variants
    docs = root / "docs"
    schedule: dict[str, str] = {}
    for index in range(count):
        path = f"section-{index // 50:03d}/page-{index:04d}.md"
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(rng, index, with_tags=index % 10 == 0), encoding="utf-8")
        if index % 100 == 5:
            schedule[path] = "2025-12-01"  # sealed at the clock
        elif index % 100 == 7:
            schedule[path] = "2025-11-01"  # revealed
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    plugins: list[Any] = ["search"]
    if with_plugin:
        plugins.append({"reveal": {"timezone": "Europe/Oslo", "now": CLOCK, "schedule": schedule}})
    config = {
        "site_name": "Benchmark",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "plugins": plugins,
        "markdown_extensions": ["admonition", "pymdownx.superfences", "toc"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root / "mkdocs.yml"


@dataclass(frozen=True)
class Timing:
    """One build: seconds on the clock, CPU seconds of the build's process and of its workers."""

    wall: float
    cpu: float
    workers: float


def timed_build(config_file: Path) -> Timing:
    """Build a site in-process, from an empty site folder, and time it."""
    shutil.rmtree(config_file.parent / "site", ignore_errors=True)
    config = load_config(str(config_file))
    # The previous build's garbage is collected now, not during this build: a control run
    # (no plugin on either side) showed the second build of each pair ~1% slower without it.
    gc.collect()
    before, cpu, wall = os.times(), time.process_time(), time.perf_counter()
    build(config)
    after = os.times()
    workers = (after.children_user + after.children_system) - (
        before.children_user + before.children_system
    )
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, workers)


def compare(
    count: int, runs: int, *, control: bool = False, folder: Path | None = None
) -> tuple[list[Timing], list[Timing]]:
    """Timings without and with the plugin (`control`: without, twice), built alternately."""
    with tempfile.TemporaryDirectory(prefix="reveal-bench-", dir=folder) as root:
        plain = make_site(Path(root) / "plain", count, with_plugin=False)
        sealed = make_site(Path(root) / "reveal", count, with_plugin=not control)
        timed_build(plain)  # warm caches (imports, theme templates) for both variants
        timed_build(sealed)
        without, with_ = [], []
        for run in range(runs):
            # Each variant goes first in every other run, so whatever the first build of a
            # pair leaves to the second (warm caches, memory) weighs on both alike.
            if run % 2:
                with_.append(timed_build(sealed))
                without.append(timed_build(plain))
            else:
                without.append(timed_build(plain))
                with_.append(timed_build(sealed))
    return without, with_


# MkDocs keeps one instance of each plugin that has `on_startup` per process, for `serve`'s
# rebuilds: two builds at once need instances of their own, or their search indexes mix.
PLUGINS = dict(MkDocsConfig._schema)["plugins"]
assert isinstance(PLUGINS, Plugins)
PLUGIN_CACHE = PLUGINS.plugin_cache
# Seconds each build's thread waited for the leak check's worker at its end.
WAITS: dict[int, float] = {}


@contextlib.contextmanager
def worker_beside(core: int) -> Iterator[None]:
    """Let the leak check's worker run on the cores but `core`, and time the wait for it."""
    cores = os.sched_getaffinity(0)
    start, results = scanworker.Worker.start, scanworker.Worker.results

    def start_beside(argv: list[str] | None = None) -> scanworker.Worker | None:
        """Start a worker, then move it off the builds' core (it starts with its thread's)."""
        worker = start(argv)
        if worker is not None:
            os.sched_setaffinity(worker.process.pid, cores - {core})
        return worker

    def timed_results(worker: scanworker.Worker) -> scanworker.Report | None:
        """The worker's results, noting how long this thread waited for them."""
        began = time.perf_counter()
        try:
            return results(worker)
        finally:
            WAITS[threading.get_ident()] = time.perf_counter() - began

    # A build's thread pinned to one core would see one core and match in its own process.
    with (
        mock.patch.object(scanworker, "usable_cores", lambda: len(cores)),
        mock.patch.object(scanworker.Worker, "start", staticmethod(start_beside)),
        mock.patch.object(scanworker.Worker, "results", timed_results),
    ):
        yield


def built_together(config_files: list[Path], core: int) -> dict[Path, float]:
    """Build the sites at once, a thread each on `core`: each one's CPU seconds and waits."""
    configs = {}
    for config_file in config_files:
        shutil.rmtree(config_file.parent / "site", ignore_errors=True)
        PLUGIN_CACHE.clear()
        configs[config_file] = load_config(str(config_file))
    gc.collect()
    ready = threading.Barrier(len(configs))
    seconds: dict[Path, float] = {}
    errors: list[BaseException] = []

    def run(config_file: Path) -> None:
        """Build one site in this thread and note its CPU time (the other thread's excluded)."""
        try:
            os.sched_setaffinity(0, {core})  # this thread only
            ready.wait()
            cpu = time.thread_time()
            build(configs[config_file])
            waited = WAITS.pop(threading.get_ident(), 0.0)
            seconds[config_file] = time.thread_time() - cpu + waited
        except BaseException as error:  # re-raised in the main thread
            ready.abort()  # the other thread must not wait for this one at the start
            errors.append(error)

    threads = [threading.Thread(target=run, args=(path,)) for path in config_files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        # The cause, not the other thread's broken wait for it.
        broken = threading.BrokenBarrierError
        raise next((error for error in errors if not isinstance(error, broken)), errors[0])
    return seconds


def together(
    count: int, runs: int, *, control: bool = False, folder: Path | None = None
) -> tuple[list[float], list[float], list[float]]:
    """Seconds without and with the plugin, the two built at once; the worker's CPU seconds.

    A virtual machine's cores change speed by several percent from one second to the next,
    each core on its own (a pure-Python loop timed over 4.6-second spans varied by 5.8% here).
    Two builds taking turns on one core meet the same speed, so their CPU times compare closely.
    What this leaves out is said in docs/performance.md.
    """
    core = max(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="reveal-bench-", dir=folder) as root:
        plain = make_site(Path(root) / "plain", count, with_plugin=False)
        sealed = make_site(Path(root) / "reveal", count, with_plugin=not control)
        without, with_, workers = [], [], []
        with worker_beside(core):
            built_together([plain, sealed], core)  # warm caches for both
            for run in range(runs):
                order = [plain, sealed] if run % 2 == 0 else [sealed, plain]
                before = os.times()
                seconds = built_together(order, core)
                after = os.times()
                without.append(seconds[plain])
                with_.append(seconds[sealed])
                workers.append(
                    after.children_user
                    + after.children_system
                    - before.children_user
                    - before.children_system
                )
    return without, with_, workers


def ratio_line(count: int, label: str, plain: list[float], sealed: list[float]) -> None:
    """Print one line: medians, the median of the runs' ratios, and those ratios."""
    median = statistics.median
    ratios = [after / before for before, after in zip(plain, sealed, strict=True)]
    print(
        f"{count:>6} {label:>8} {median(plain):>12.2f} {median(sealed):>10.2f}"
        f" {median(ratios):>7.3f}   {' '.join(f'{ratio:.3f}' for ratio in ratios)}",
        flush=True,
    )


def worker_line(seconds: list[float]) -> None:
    """Print the leak check's worker's median CPU time."""
    print(
        f"{'':>15} leak check worker: {statistics.median(seconds):.2f} CPU s on the other core",
        flush=True,
    )


def report(count: int, without: list[Timing], with_: list[Timing]) -> None:
    """Print one site size's lines, on the clock (`wall`) and in the build's CPU time (`cpu`)."""
    for field in ("wall", "cpu"):
        plain = [getattr(timing, field) for timing in without]
        sealed = [getattr(timing, field) for timing in with_]
        ratio_line(count, field, plain, sealed)
    worker_line([timing.workers for timing in with_])


def stash(html: str) -> str:
    """Stand in for Python-Markdown's HTML stash."""
    return "<!-- stash -->"


def pages_per_second(text: str, seconds: float = 2.0) -> float:
    """How many pages like `text` the transform handles per second."""
    tz = parse_timezone("Europe/Oslo")
    reveal_time = parse_time_of_day("09:00")
    fallback = datetime.now(tz=timezone.utc)
    clock = resolve_clock(env={}, option=CLOCK, fallback=fallback, tz=tz, reveal_time=reveal_time)
    settings = Settings(clock=clock, tz=tz, reveal_time=reveal_time)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        transform(text, settings, stash)
        done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[200, 1000, 2000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--one-core",
        action="store_true",
        help="run on one core only, so the leak check has no second core to work on",
    )
    parser.add_argument(
        "--control",
        action="store_true",
        help="build without the plugin on both sides: the ratio shows the benchmark's own noise",
    )
    parser.add_argument(
        "--on-disk",
        action="store_true",
        help="write the sites to the temporary folder on disk, not to a RAM disk",
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="build both variants at once, sharing one core, and compare their CPU times",
    )
    args = parser.parse_args()
    if args.together and (args.one_core or scanworker.usable_cores() < 2):
        parser.error("--together needs two cores: one for the builds, one for the worker")
    folder = None if args.on_disk else ram_disk(args.pages)
    where = f"sites in {folder or tempfile.gettempdir()}"
    print(where + (", without the plugin on both sides (control)" if args.control else ""))
    if args.one_core:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    # Build times drift by a few percent over minutes on a shared machine: each run's pair is
    # built back to back, so the median of the runs' ratios is the steadiest figure. The CPU
    # time of the build's process drifts less than the clock; the worker's is shown apart.
    print(f"{'pages':>6} {'':>8} {'without (s)':>12} {'with (s)':>10} {'ratio':>7}   runs' ratios")
    for count in args.pages:
        if args.together:
            # CPU seconds of each build's thread, and the wait for the worker at its end.
            plain, sealed, workers = together(count, args.runs, control=args.control, folder=folder)
            ratio_line(count, "together", plain, sealed)
            worker_line(workers)
        else:
            report(count, *compare(count, args.runs, control=args.control, folder=folder))
    rng = random.Random(0)
    free, tagged = page(rng, 0, with_tags=False), page(rng, 1, with_tags=True)
    print(
        f"\ntransform alone: {pages_per_second(free):,.0f} tag-free pages/s, "
        f"{pages_per_second(tagged):,.0f} tag-heavy pages/s"
    )


if __name__ == "__main__":
    main()
