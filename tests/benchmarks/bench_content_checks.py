"""How long the honesty and readability checks take on the bundled pack (run by hand).

    .venv/bin/python tests/benchmarks/bench_content_checks.py

The app loads the pack at every start, so the whole check should take a few milliseconds.
"""

from __future__ import annotations

import time

from consultaid.content.honesty import check_honesty
from consultaid.content.loader import load_pack_dir, read_pack_data
from consultaid.content.readability import check_readability
from consultaid.resources import content_dir


def _best_of(runs: int, func: object) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    base = content_dir() / "en"
    data, _ = read_pack_data(base)
    honesty = _best_of(50, lambda: check_honesty(data))
    readability = _best_of(50, lambda: check_readability(data))
    load = _best_of(20, lambda: load_pack_dir(base))
    print(f"honesty check      {honesty:6.2f} ms")
    print(f"readability check  {readability:6.2f} ms")
    print(f"whole pack load    {load:6.2f} ms (parse, build, both checks)")


if __name__ == "__main__":
    main()
