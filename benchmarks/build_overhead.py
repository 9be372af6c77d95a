"""What the plugin costs: the same sites built with and without it, each build a process.

Run from the repository root:

    python benchmarks/build_overhead.py            # 200 and 2,000 pages, 7 runs each
    python benchmarks/build_overhead.py --pages 200 --runs 3
    python benchmarks/build_overhead.py --control  # the benchmark's own noise: no plugin on
                                                   # either side, so the ratio should be 1
    python benchmarks/build_overhead.py --together # both variants at once, sharing one core
    python benchmarks/build_overhead.py --floor    # instead of the plugin, a hook that only
                                                   # imports the libraries the plugin must use

Each build is `mkdocs build` in a child process, as a user runs it: its CPU time is the child's
and every process it started (`RUSAGE_CHILDREN`), importing Python, MkDocs and the plugin
included. Prints, per site size, the median of each variant and the median of the runs'
ratios, on the clock (`wall`) and in total CPU time (`cpu`); then what importing the plugin
costs alone, and a micro-benchmark of the transform (pages per second, tag-free and
tag-heavy).

`--together` starts the two variants at the same time, both pinned to one core, and compares
their CPU times: see `together`.

`--floor` compares the site without the plugin with the same site and a hook that does nothing
but import what writing the plugin's files requires (icalendar for `reveals.ics`, babel and its
English CLDR data for the stamps' dates): the least any build with the plugin can cost.

The sites are written to a RAM disk (`/dev/shm`) where there is one with room for them, unless
`--on-disk`: a 2,000-page Material site writes 1.2 GB, and the disk's writeback made single
builds vary by ±8% on a 2-core virtual machine, against ±2% in RAM.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from mkdocs_reveal.markup.transform import Settings, transform
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


# What the plugin must import on every build, and nothing else: the floor of its cost.
FLOOR_HOOK = '''"""Import what writing reveals.ics and the stamps' dates needs; do nothing else."""

import datetime


def on_post_build(config):
    """Import icalendar and babel, and load babel's English dates, as the plugin does."""
    import icalendar  # noqa: F401
    from babel import Locale
    from babel.dates import format_date

    format_date(datetime.date(2025, 11, 3), "full", locale=Locale.parse("en"))
'''


def make_site(root: Path, count: int, variant: str) -> Path:
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
    if variant == "plugin":
        plugins.append({"reveal": {"timezone": "Europe/Oslo", "now": CLOCK, "schedule": schedule}})
    config: dict[str, Any] = {
        "site_name": "Benchmark",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "plugins": plugins,
        "markdown_extensions": ["admonition", "pymdownx.superfences", "toc"],
    }
    if variant == "floor":
        (root / "floor_hook.py").write_text(FLOOR_HOOK, encoding="utf-8")
        config["hooks"] = ["floor_hook.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root / "mkdocs.yml"


@dataclass(frozen=True)
class Timing:
    """One build: seconds on the clock, and CPU seconds of its process and every child of it."""

    wall: float
    cpu: float


def command(config_file: Path) -> list[str]:
    """`mkdocs build` of a site, quiet, as a user runs it."""
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file)]


def environment() -> dict[str, str]:
    """The builds' environment: no clock pinned from outside, no Material banner.

    Python reads compiled modules from `__pycache__`, as it does for a user: `pip install`
    writes them for every package, MkDocs' and the plugin's alike.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    for name in ("MKDOCS_REVEAL_NOW", "MKDOCS_REVEAL_PREVIEW", "SOURCE_DATE_EPOCH"):
        env.pop(name, None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_plugin() -> None:
    """Compile the plugin's modules, as `pip install` does (an editable install may not have)."""
    # Compiling them from source on every build would cost more than all the plugin's work.
    package = Path(__file__).resolve().parent.parent / "mkdocs_reveal"
    compileall.compile_dir(package, quiet=1)


def children_cpu() -> float:
    """CPU seconds (user and system) of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config_file: Path) -> Timing:
    """Build a site in a child process, from an empty site folder, and time it."""
    shutil.rmtree(config_file.parent / "site", ignore_errors=True)
    cpu, wall = children_cpu(), time.perf_counter()
    subprocess.run(command(config_file), env=environment(), check=True)
    return Timing(time.perf_counter() - wall, children_cpu() - cpu)


def compare(
    count: int, runs: int, *, variant: str = "plugin", folder: Path | None = None
) -> tuple[list[Timing], list[Timing]]:
    """Timings without the plugin and in `variant` ("plain": without, twice), built alternately."""
    with tempfile.TemporaryDirectory(prefix="reveal-bench-", dir=folder) as root:
        plain = make_site(Path(root) / "plain", count, "plain")
        sealed = make_site(Path(root) / "reveal", count, variant)
        timed_build(plain)  # warm the file cache (Python's modules, the theme) for both
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


def built_together(config_files: list[Path], core: int) -> list[float]:
    """Build the sites at once, each a process pinned to `core`: each one's CPU seconds."""
    processes = []
    for config_file in config_files:
        shutil.rmtree(config_file.parent / "site", ignore_errors=True)
    for config_file in config_files:
        processes.append(subprocess.Popen(command(config_file), env=environment()))
        os.sched_setaffinity(processes[-1].pid, {core})
    seconds = []
    for process in processes:
        # wait4: the CPU time of this child and of everything it started, on its own.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise subprocess.CalledProcessError(process.returncode, process.args)
        seconds.append(usage.ru_utime + usage.ru_stime)
    return seconds


def together(
    count: int, runs: int, *, variant: str = "plugin", folder: Path | None = None
) -> tuple[list[float], list[float]]:
    """CPU seconds without and with the plugin, the two built at once on one core.

    A virtual machine's cores change speed by several percent from one second to the next,
    each core on its own (a pure-Python loop timed over 4.6-second spans varied by 5.8% here).
    Two builds taking turns on one core meet the same speed, so their CPU times compare closely.
    """
    core = max(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="reveal-bench-", dir=folder) as root:
        plain = make_site(Path(root) / "plain", count, "plain")
        sealed = make_site(Path(root) / "reveal", count, variant)
        built_together([plain, sealed], core)  # warm the file cache for both
        without, with_ = [], []
        for run in range(runs):
            order = [plain, sealed] if run % 2 == 0 else [sealed, plain]
            seconds = dict(zip(order, built_together(order, core), strict=True))
            without.append(seconds[plain])
            with_.append(seconds[sealed])
    return without, with_


def ratio_line(count: int, label: str, plain: list[float], sealed: list[float]) -> None:
    """Print one line: medians, the median of the runs' ratios, and those ratios."""
    median = statistics.median
    ratios = [after / before for before, after in zip(plain, sealed, strict=True)]
    print(
        f"{count:>6} {label:>8} {median(plain):>12.2f} {median(sealed):>10.2f}"
        f" {median(ratios):>7.3f}   {' '.join(f'{ratio:.3f}' for ratio in ratios)}",
        flush=True,
    )


def report(count: int, without: list[Timing], with_: list[Timing]) -> None:
    """Print one site size's lines, on the clock (`wall`) and in total CPU time (`cpu`)."""
    for field in ("wall", "cpu"):
        plain = [getattr(timing, field) for timing in without]
        sealed = [getattr(timing, field) for timing in with_]
        ratio_line(count, field, plain, sealed)


IMPORT = (
    "import time, mkdocs.commands.build, material, markdown, pymdownx.superfences, babel; "
    "cpu = time.process_time(); import mkdocs_reveal.plugin; "
    "print(time.process_time() - cpu)"
)


def import_cost(runs: int = 5) -> float:
    """CPU seconds a build spends importing the plugin (MkDocs and Material already loaded)."""
    seconds = [
        float(subprocess.check_output([sys.executable, "-c", IMPORT], env=environment()))
        for _ in range(runs)
    ]
    return statistics.median(seconds)


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


# What the "with" column is, per variant.
SIDES = {
    "plugin": "",
    "plain": ", without the plugin on both sides (control)",
    "floor": ", with only a hook importing icalendar and babel instead of the plugin (floor)",
}


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[200, 2000])
    parser.add_argument("--runs", type=int, default=7)
    compared = parser.add_mutually_exclusive_group()
    compared.add_argument(
        "--control",
        action="store_const",
        const="plain",
        dest="variant",
        default="plugin",
        help="build without the plugin on both sides: the ratio shows the benchmark's own noise",
    )
    compared.add_argument(
        "--floor",
        action="store_const",
        const="floor",
        dest="variant",
        help="instead of the plugin, a hook that only imports the libraries the plugin must use",
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
    compile_plugin()
    folder = None if args.on_disk else ram_disk(args.pages)
    where = f"sites in {folder or tempfile.gettempdir()}"
    print(where + SIDES[args.variant])
    # Build times drift by a few percent over minutes on a shared machine: each run's pair is
    # built back to back, so the median of the runs' ratios is the steadiest figure.
    print(f"{'pages':>6} {'':>8} {'without (s)':>12} {'with (s)':>10} {'ratio':>7}   runs' ratios")
    for count in args.pages:
        if args.together:
            plain, sealed = together(count, args.runs, variant=args.variant, folder=folder)
            ratio_line(count, "together", plain, sealed)
        else:
            report(count, *compare(count, args.runs, variant=args.variant, folder=folder))
    print(f"\nimporting the plugin: {import_cost() * 1000:.0f} ms of CPU (median of 5)")
    rng = random.Random(0)
    free, tagged = page(rng, 0, with_tags=False), page(rng, 1, with_tags=True)
    print(
        f"transform alone: {pages_per_second(free):,.0f} tag-free pages/s, "
        f"{pages_per_second(tagged):,.0f} tag-heavy pages/s"
    )


if __name__ == "__main__":
    main()
