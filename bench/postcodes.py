"""Benchmark: the offline postcode index (issue 19).

Builds the whole Great Britain index in a temporary folder (time and size on disk), then, in a
fresh process, looks up one postcode in each of the 120 postcode areas in turn and prints:
resident memory (RSS) after the imports, after the 30th area and after the 120th; and the time
of a lookup in an area not seen before against one in an area already seen (a different
postcode each time, so the small lru_cache never answers). For comparison it does the same with
the old approach (each area's CSV read into a dict, kept for the life of the process). Run:

    .venv/bin/python bench/postcodes.py
    BENCH_SKIP_OLD=1 .venv/bin/python bench/postcodes.py     # without the old approach

Lookups are timed with the index file already in the operating system's page cache (as it is
on a server once it has been read); a lookup that has to go to disk reads a few 4 KiB pages.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure(mode: str, index_path: str, samples: list[list[str]]) -> dict:
    """Runs in a fresh process: a lookup in each area in turn, then a second in each."""
    from finder.geo import locate

    if mode == "index":
        from finder.geo import store

        store.use(index_path)
        lookup = locate.locate
    else:
        lookup = _old_lookup()
    figures = {"rss_after_imports": rss_mb()}
    unseen, seen = [], []
    for number, (first, _second) in enumerate(samples, start=1):
        started = time.perf_counter()
        found = lookup(first)
        unseen.append(time.perf_counter() - started)
        assert isinstance(found, locate.Located), first
        if number == 30:
            figures["rss_after_30_areas"] = rss_mb()
    figures["rss_after_120_areas"] = rss_mb()
    for _first, second in samples:
        started = time.perf_counter()
        lookup(second)
        seen.append(time.perf_counter() - started)
    figures["unseen_area_ms"] = _summary(unseen)
    figures["seen_area_ms"] = _summary(seen)
    return figures


def _old_lookup():
    """What finder.geo.postcodes did before the index: a dict per area, cached for ever."""
    from functools import cache

    from finder.geo import codepoint
    from finder.geo.locate import Located

    @cache
    def area(code: str) -> dict:
        return {c: (lat, lng) for c, lat, lng in codepoint.area_postcodes(code)}

    def lookup(postcode: str):
        point = area(re.match(r"[A-Z]+", postcode).group(0))[postcode]
        return Located(postcode, *point)

    return lookup


def _summary(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    return {
        "p50": round(statistics.median(ms), 3),
        "p95": round(ms[int(len(ms) * 0.95)], 3),
        "max": round(ms[-1], 3),
    }


def samples_per_area(index_path: Path) -> list[list[str]]:
    """Two postcodes from each area (its first and its middle one), areas in order."""
    import sqlite3

    from finder.geo import codepoint

    connection = sqlite3.connect(index_path)
    chosen = []
    for area in codepoint.all_areas():
        codes = [
            code
            for (code,) in connection.execute(
                "SELECT code FROM postcode WHERE code >= ? AND code < ? ORDER BY code",
                (area, area + "Z"),
            )
            if re.match(r"[A-Z]+", code).group(0) == area
        ]
        chosen.append([codes[0], codes[len(codes) // 2]])
    connection.close()
    return chosen


def main() -> None:
    from finder.geo import index

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "postcodes.sqlite3"
        started = time.perf_counter()
        meta = index.build(path)
        seconds = time.perf_counter() - started
        print(f"build: {seconds:.1f} s on {os.cpu_count()} cores for {meta['postcodes']} postcodes")
        print(f"size on disk: {path.stat().st_size / 1_000_000:.1f} MB")
        samples = samples_per_area(path)
        print(f"areas: {len(samples)}")
        modes = ["index"] if os.environ.get("BENCH_SKIP_OLD") else ["index", "old"]
        for mode in modes:
            output = subprocess.run(
                [sys.executable, __file__, "--measure", mode, str(path)],
                input=json.dumps(samples),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(output)
            growth = figures["rss_after_120_areas"] - figures["rss_after_30_areas"]
            print(f"\n{mode}:")
            for key in ("rss_after_imports", "rss_after_30_areas", "rss_after_120_areas"):
                print(f"  {key}: {figures[key]:.1f} MB")
            print(f"  growth from the 30th to the 120th area: {growth:.1f} MB")
            for key in ("unseen_area_ms", "seen_area_ms"):
                print(f"  {key}: " + ", ".join(f"{k} {v} ms" for k, v in figures[key].items()))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2], sys.argv[3], json.loads(sys.stdin.read()))))
    else:
        main()
