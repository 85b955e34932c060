"""Benchmark of the extraction engine: the five seed communiqués, extracted repeatedly in-process.

    .venv/bin/python bench/bench_extract.py [--rounds 20] [--seeds FOLDER]

Prints the median milliseconds per communiqué, the throughput in KB/s (with the learned layer, and with
the rules alone) and the process's peak memory. Not a test.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.nlp import extract  # noqa: E402
from ingest.nlp.learned import RulesOnly  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seeds", type=Path, help="a folder of .txt communiqués (default: the project's seeds/)")
    args = ap.parse_args()
    folder = args.seeds or SEEDS
    texts = [(p.name, p.read_text(encoding="utf-8-sig")) for p in sorted(folder.glob("*.txt"))]
    for _, t in texts:  # warm-up: regex compilation, caches
        extract(t)
    per_doc: list[float] = []
    by_name: dict[str, list[float]] = {n: [] for n, _ in texts}
    total_bytes = sum(len(t.encode("utf-8")) for _, t in texts)
    started = time.perf_counter()
    for _ in range(args.rounds):
        for name, t in texts:
            t0 = time.perf_counter()
            extract(t)
            dt_ms = (time.perf_counter() - t0) * 1000
            per_doc.append(dt_ms)
            by_name[name].append(dt_ms)
    elapsed = time.perf_counter() - started
    for name, _t in texts:
        print(f"{name:32s} median {statistics.median(by_name[name]):7.2f} ms")
    print(f"median per communiqué: {statistics.median(per_doc):.2f} ms  (p90 {sorted(per_doc)[int(len(per_doc) * 0.9) - 1]:.2f} ms)")
    print(f"throughput: {total_bytes * args.rounds / 1024 / elapsed:.1f} KB/s over {len(per_doc)} extractions")
    rules = RulesOnly()
    started = time.perf_counter()
    for _ in range(args.rounds):
        for _name, t in texts:
            extract(t, decider=rules)
    print(f"throughput, rules alone: {total_bytes * args.rounds / 1024 / (time.perf_counter() - started):.1f} KB/s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
