#!/usr/bin/python3
"""Overhead of stepping the twin from Python: a simulated day run in 1-minute slices (1440 calls of
Engine.run_for from a Python loop) against the same day run natively in one call (run_to_end: the whole
day inside C++, no Python in between). Both engines are built identically (same scenario, seed and
samplers); only the runs are timed. Prints each repetition and the median ratio (target <= 1.5).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [--scenario F] [--repetitions N]
"""
import argparse
import pathlib
import statistics
import time

import ews

SOURCE = pathlib.Path(__file__).resolve().parents[1]


def timed_run(scenario, seed, slice_s):
    """Wall seconds to run one simulated day: in slices of slice_s seconds, or in one call if None."""
    engine = ews.Engine(scenario, seed=seed, duration="1d")
    started = time.perf_counter()
    if slice_s is None:
        engine.run_to_end()
    else:
        while engine.now_us < engine.end_us:
            engine.run_for(slice_s)
    seconds = time.perf_counter() - started
    return seconds, engine.kpis()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(SOURCE / "scenarios" / "default.yaml"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--slice-s", type=float, default=60.0)
    args = parser.parse_args()

    ratios = []
    for repetition in range(1, args.repetitions + 1):
        native_s, native_kpis = timed_run(args.scenario, args.seed, None)
        sliced_s, sliced_kpis = timed_run(args.scenario, args.seed, args.slice_s)
        # Same results (NaN-aware) or the comparison means nothing.
        assert all(a == b or (a != a and b != b) for a, b in zip(native_kpis.values(), sliced_kpis.values()))
        ratios.append(sliced_s / native_s)
        print(f"repetition {repetition}: native {native_s:.3f} s, sliced ({args.slice_s:g} s slices) {sliced_s:.3f} s, "
              f"ratio {ratios[-1]:.3f}", flush=True)
    print(f"median ratio {statistics.median(ratios):.3f} over {len(ratios)} repetitions "
          f"({pathlib.Path(args.scenario).name}, one simulated day)")


if __name__ == "__main__":
    main()
