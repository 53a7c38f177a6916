"""`ews compare` (docs/cli.md) on real runs: two runs of one scenario and seed are equal, another
seed differs by what numpy finds in the two traces, and a trace edited with h5py is reported at
the edited column and instant, with a value known in one run only counted apart."""
import os
import pathlib
import re
import shutil
import subprocess

import h5py
import numpy as np
import pytest

EWS = os.environ["EWS_BINARY"]
SCENARIO = pathlib.Path(os.environ["EWS_SOURCE_DIR"]) / "scenarios" / "default.yaml"


def run(out, seed):
    result = subprocess.run([EWS, "run", str(SCENARIO), "--duration", "6h", "--seed", str(seed), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def compare(a, b, *options):
    return subprocess.run([EWS, "compare", str(a), str(b), *options], capture_output=True, text=True, timeout=120)


def row_of(output, quantity):
    """rows, columns, largest difference and the rest of the quantity's line."""
    match = re.search(rf"^{re.escape(quantity)}\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+(?: %)?)\s+(.*)$", output, re.M)
    assert match, output
    return int(match[1]), int(match[2]), float(match[3]), match[5]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("compare")
    return run(base / "a", 1), run(base / "b", 1), run(base / "c", 2)


def test_the_same_scenario_and_seed_compare_equal(runs):
    a, b, _ = runs
    result = compare(a, b, "--tolerance", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    rows, columns, largest, where = row_of(result.stdout, "samples/delta")
    with h5py.File(a / "trace.h5", "r") as trace:
        assert (rows, columns) == trace["samples/delta"].shape
    assert largest == 0 and where == "-"


def test_another_seed_differs_by_what_numpy_finds(runs):
    a, _, c = runs
    result = compare(a, c, "--tolerance", "0")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "beyond the tolerance" in result.stderr
    with h5py.File(a / "trace.h5", "r") as ta, h5py.File(c / "trace.h5", "r") as tc:
        assert np.array_equal(ta["samples/time_us"][:], tc["samples/time_us"][:])
        expected = np.nanmax(np.abs(ta["samples/delta"][:] - tc["samples/delta"][:]))
    _, _, largest, _ = row_of(result.stdout, "samples/delta")
    assert expected > 0
    assert largest == pytest.approx(expected, rel=1e-5)
    # Without a tolerance the differences are only reported.
    assert compare(a, c).returncode == 0


def test_an_edited_trace_is_reported_where_it_was_edited(runs, tmp_path):
    a, b, _ = runs
    edited = tmp_path / "trace.h5"
    shutil.copy(b / "trace.h5", edited)
    with h5py.File(edited, "r+") as trace:
        delta = trace["samples/delta"]
        delta[5, 2] = delta[5, 2] + 123.0
        delta[7, 0] = np.nan
        device = f"{trace['devices/id'][2]} {trace['devices/name'].asstr()[2]}"
        instant = np.datetime64(int(trace["samples/time_us"][5]), "us").astype(str)
    result = compare(a, edited)
    assert result.returncode == 0
    _, _, largest, where = row_of(result.stdout, "samples/delta")
    assert largest == pytest.approx(123.0)
    assert where.startswith(f"{device} at {instant}")
    assert re.search(r"^\s+1 values known in one run only$", result.stdout, re.M), result.stdout
    assert compare(a, edited, "--tolerance", "200").returncode == 4  # the unknown value still counts


def test_a_folder_without_a_trace_is_an_error_naming_it(tmp_path):
    result = compare(tmp_path, tmp_path)
    assert result.returncode == 1
    assert str(tmp_path / "trace.h5") in result.stderr
