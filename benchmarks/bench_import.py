"""Import speed and memory: GigLens's load_export against a bare pandas.read_csv.

Goal (issue 2): a 1,000,000-row export imports within 1.5x the time of a bare `pandas.read_csv`
of the same file. Run with `make bench`; ROWS=... overrides the size.
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from analytics import load_export  # noqa: E402

ROWS = int(os.environ.get("ROWS", "1000000"))
GOAL = 1.5


def weekly_summary_csv(rows: int, seed: int = 7) -> bytes:
    """An Upwork Weekly Summary file (every field quoted, like the real one)."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write('"Date","Contract","Hours","Amount","Payment type"\n')
    start = pd.Timestamp("2020-01-01")
    days = pd.date_range(start, periods=2000).strftime("%Y-%m-%d").tolist()
    contracts = [f"Contract number {i} ({30000000 + i})" for i in range(200)]
    for _ in range(rows):
        hours = rng.randint(1, 40) / 4
        out.write(
            f'"{rng.choice(days)}","{rng.choice(contracts)}","{hours}","{hours * 25:.2f}",""\n'
        )
    return out.getvalue().encode()


def template_csv(rows: int, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n")
    days = pd.date_range("2020-01-01", periods=2000).strftime("%Y-%m-%d").tolist()
    for i in range(rows):
        gross = rng.randint(100, 500_000) / 100
        fee = round(gross * 0.1, 2)
        out.write(
            f"{rng.choice(days)},fiverr,earning,{gross:.2f},{fee:.2f},{gross - fee:.2f},USD,,"
            f"Client {i % 300},Order,FO{i}\n"
        )
    return out.getvalue().encode()


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    failed = False
    for name, make in (
        ("Upwork Weekly Summary", weekly_summary_csv),
        ("GigLens template", template_csv),
    ):
        data = make(ROWS)
        bare = best_of(lambda data=data: pd.read_csv(io.BytesIO(data)))
        ours = best_of(lambda data=data: load_export(data, "bench.csv"))
        tracemalloc.start()
        result = load_export(data, "bench.csv")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ratio = ours / bare
        ok = ratio <= GOAL and len(result.transactions) == ROWS
        failed |= not ok
        print(
            f"{name:24s} {ROWS:>9,} rows  read_csv {bare:6.2f}s  load_export {ours:6.2f}s  "
            f"ratio {ratio:4.2f} (goal <= {GOAL})  peak Python memory {peak / 2**20:7.1f} MiB  "
            f"{'OK' if ok else 'TOO SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
