"""What the synthetic site (synthetic_site.cpp) writes into an HDF5 trace, checked with h5py.

Imported by test_hdf5_trace.py; also run by the C++ tests as a script:

    trace_expectations.py TRACE [--swmr] [--rows N | --min-rows A --max-rows B] [--closed 0|1]

It exits 0 when the trace opens and every row holds the synthetic values of its row index
(strictly increasing times, no duplicates), and prints "rows=<n>".
"""
import argparse
import math
import sys

import h5py
import numpy as np

START_US = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z
STEP_US = 600_000_000  # 10 min
DEVICE_IDS = [1, 2, 3, 4]
LOAD_IDS = [1, 4, 15, 16, 17]
GROUP_IDS = [1, 2, 3]
DEVICE_MEDIA = ["electricity", "electricity", "water", "gas"]
LOAD_MEDIA = ["electricity", "electricity", "electricity", "water", "gas"]
GROUP_MEDIA = ["electricity", "electricity", "water"]
TARIFFS = {"electricity": ["Day", "Night"], "water": ["DEFAULT"], "gas": []}
TARIFF_SLOTS = 5


def expected_costs(delta, medium, unpriced, unknown=False):
    """(cost by tariff slot, unpriced) of a row: tariff k prices delta x (k + 1) / 1000; NaN
    past the energy's tariffs, for an energy without tariffs and for a gap."""
    cost = [math.nan] * TARIFF_SLOTS
    if unknown or not TARIFFS[medium]:
        return cost, math.nan
    for k in range(len(TARIFFS[medium])):
        cost[k] = delta * (k + 1) / 1000.0
    return cost, unpriced


def is_gap(device_id, row):
    return device_id == 2 and row % 7 == 3


def expected_sample(device_id, row):
    """(counter, delta, average_rate, gap) of a device at row `row`."""
    delta = 1.5 * device_id
    counter = 1000.0 * device_id + delta * (row + 1)
    if is_gap(device_id, row):
        return counter, math.nan, math.nan, 1
    return counter, delta, delta * 6.0, 0


def open_trace(path, swmr):
    if swmr:
        return h5py.File(path, "r", libver="latest", swmr=True)
    return h5py.File(path, "r")


def check_rows(f):
    """Checks every sample, aggregate and event row against the formulas; returns the row count."""
    time_us = f["samples/time_us"][:]
    rows = len(time_us)
    for name in ("counter", "delta", "average_rate", "gap"):
        assert f["samples/" + name].shape == (rows, len(DEVICE_IDS)), name
    assert np.all(np.diff(time_us) > 0), "sample times must strictly increase"
    np.testing.assert_array_equal(time_us, START_US + STEP_US * np.arange(rows))
    expected = np.array([[expected_sample(d, r) for d in DEVICE_IDS] for r in range(rows)]).reshape(rows, 4, 4)
    if rows:
        np.testing.assert_array_equal(f["samples/counter"][:], expected[:, :, 0])
        np.testing.assert_array_equal(f["samples/delta"][:], expected[:, :, 1])  # NaN == NaN here
        np.testing.assert_array_equal(f["samples/average_rate"][:], expected[:, :, 2])
        np.testing.assert_array_equal(f["samples/gap"][:], expected[:, :, 3].astype(np.uint8))

    costs = [[expected_costs(1.5 * d, m, 0.25 * d, is_gap(d, r)) for d, m in zip(DEVICE_IDS, DEVICE_MEDIA)]
             for r in range(rows)]
    assert f["samples/cost"].shape == (rows, len(DEVICE_IDS), TARIFF_SLOTS)
    if rows:
        np.testing.assert_array_equal(f["samples/cost"][:], [[c for c, _ in row] for row in costs])
        np.testing.assert_array_equal(f["samples/unpriced"][:], [[u for _, u in row] for row in costs])

    # Statistics: two quantities of device 1 per row.
    stat_time = f["stats/time_us"][:]
    assert len(stat_time) == 2 * rows
    np.testing.assert_array_equal(stat_time, np.repeat(time_us, 2))
    quantities = [q.decode() for q in f["stats/quantity"][:]]
    assert quantities == ["power.active.total", "current.L1"] * rows
    r = np.repeat(np.arange(rows), 2).astype(float)
    first = np.tile([True, False], rows)
    np.testing.assert_array_equal(f["stats/min"][:], np.where(first, 100 + r, r))
    np.testing.assert_array_equal(f["stats/max"][:], np.where(first, 200 + r, 2 * r))
    np.testing.assert_array_equal(f["stats/average"][:], np.where(first, 150 + r, 1.5 * r))

    # Aggregates: one row per sample row.
    agg_time = f["aggregates/time_us"][:]
    assert len(agg_time) == rows, (len(agg_time), rows)
    np.testing.assert_array_equal(agg_time, time_us)
    rr = np.arange(rows, dtype=float)
    np.testing.assert_array_equal(f["aggregates/loads/delta"][:], 10.0 * np.array(LOAD_IDS) + rr[:, None])
    np.testing.assert_array_equal(f["aggregates/groups/delta"][:], 100.0 * np.array(GROUP_IDS) + rr[:, None])
    partial = (np.arange(rows) % 7 == 3).astype(np.uint8)
    np.testing.assert_array_equal(f["aggregates/groups/partial"][:], np.repeat(partial[:, None], 3, axis=1))
    np.testing.assert_array_equal(f["aggregates/totals/electricity_Wh"][:], 1000.0 + rr)
    np.testing.assert_array_equal(f["aggregates/totals/water_dm3"][:], 50.0 + rr)
    np.testing.assert_array_equal(f["aggregates/totals/gas_dm3"][:], 20.0 + rr)
    np.testing.assert_array_equal(f["aggregates/totals/gas_kWh_equivalent"][:], (20.0 + rr) * 0.5)
    for table, ids, media, scale in (("loads", LOAD_IDS, LOAD_MEDIA, 10.0), ("groups", GROUP_IDS, GROUP_MEDIA, 100.0)):
        expected = [[expected_costs(scale * i + r, m, 0.0) for i, m in zip(ids, media)] for r in range(rows)]
        assert f[f"aggregates/{table}/cost"].shape == (rows, len(ids), TARIFF_SLOTS)
        if rows:
            np.testing.assert_array_equal(f[f"aggregates/{table}/cost"][:], [[c for c, _ in row] for row in expected])
            np.testing.assert_array_equal(f[f"aggregates/{table}/unpriced"][:], [[u for _, u in row] for row in expected])
    totals = [[expected_costs(base + r, m, 0.0) for base, m in ((1000.0, "electricity"), (50.0, "water"), (20.0, "gas"))]
              for r in range(rows)]
    assert f["aggregates/totals/cost"].shape == (rows, 3, TARIFF_SLOTS)
    if rows:
        np.testing.assert_array_equal(f["aggregates/totals/cost"][:], [[c for c, _ in row] for row in totals])
        np.testing.assert_array_equal(f["aggregates/totals/unpriced"][:], [[u for _, u in row] for row in totals])

    # Events: rows 0, 3, 6, ... An event follows its instant's samples, so a crash may cut
    # the events of the last stored instant: the stored ones are a prefix, all of them once
    # the file was closed cleanly.
    event_rows = [r for r in range(rows) if r % 3 == 0]
    stored = len(f["events/time_us"])
    assert stored <= len(event_rows), (stored, event_rows)
    if f["meta"].attrs["closed_cleanly"] == 1:
        assert stored == len(event_rows), (stored, event_rows)
    event_rows = event_rows[:stored]
    np.testing.assert_array_equal(f["events/time_us"][:], START_US + STEP_US * np.array(event_rows, dtype=np.int64))
    np.testing.assert_array_equal(f["events/device_id"][:], [r % 4 + 1 for r in event_rows])
    assert [k.decode() for k in f["events/kind"][:]] == ["status"] * len(event_rows)
    assert [d.decode("utf-8") for d in f["events/detail"][:]] == [f"row {r} — état" for r in event_rows]
    return rows


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("--swmr", action="store_true")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--min-rows", type=int)
    parser.add_argument("--max-rows", type=int)
    parser.add_argument("--closed", type=int)
    args = parser.parse_args(argv)
    with open_trace(args.trace, args.swmr) as f:
        rows = check_rows(f)
        if args.rows is not None:
            assert rows == args.rows, f"rows={rows}, expected {args.rows}"
        if args.min_rows is not None:
            assert rows >= args.min_rows, f"rows={rows} < {args.min_rows}"
        if args.max_rows is not None:
            assert rows <= args.max_rows, f"rows={rows} > {args.max_rows}"
        if args.closed is not None:
            assert f["meta"].attrs["closed_cleanly"] == args.closed, f["meta"].attrs["closed_cleanly"]
    print(f"rows={rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
