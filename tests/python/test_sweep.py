"""ews.sweep: `ews sweep` from Python, on threads and on a Dask cluster, equal to the command's CSV."""
import pickle

import pandas as pd
import pytest

import ews
from conftest import DEFAULT, run_cli

GRID = {"dlm.hysteresis": [0, 5], "dlm.step1": [75, 60]}
SETS = ["dlm.hysteresis=0,5", "dlm.step1=75,60"]
OPTIONS = {"seed": 3, "duration": "1d"}


@pytest.fixture(scope="module")
def cli_table(ews_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "kpis.csv"
    result = run_cli(ews_cli, "sweep", DEFAULT, "--set", SETS[0], "--set", SETS[1], "--seed", 3, "--duration", "1d",
                     "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def read_table(path):
    return pd.read_csv(path, float_precision="round_trip")


def test_local_sweep_is_the_cli_table(cli_table):
    table = ews.sweep(DEFAULT, GRID, **OPTIONS)
    pd.testing.assert_frame_equal(table, read_table(cli_table), check_exact=True)
    assert list(table.columns[:2]) == ["dlm.hysteresis", "dlm.step1"]
    assert list(table["dlm.hysteresis"]) == [0, 0, 5, 5]  # the last key varies fastest
    # The DLM acted differently at the first step's two values: the table is not four copies of one run.
    assert table["energy_delivered_wh"].nunique() > 1 or table["green_s"].nunique() > 1
    # The text itself is the command's, byte for byte.
    plan = ews.SweepPlan(DEFAULT, SETS, 3, "1d")
    assert plan.run_all(2) == cli_table.read_text()


def test_dask_sweep_is_the_cli_table(cli_table):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            table = ews.sweep(DEFAULT, SETS, client=client, **OPTIONS)
    pd.testing.assert_frame_equal(table, read_table(cli_table), check_exact=True)


def test_a_plan_pickles_to_the_same_runs(cli_table):
    plan = ews.SweepPlan(DEFAULT, SETS, 3, "1d")
    copy = pickle.loads(pickle.dumps(plan))
    assert (copy.size, copy.key_columns, copy.values(3), copy.describe(3)) == (
        4, ["dlm.hysteresis", "dlm.step1"], ["5", "60"], "--set dlm.hysteresis=5 --set dlm.step1=60")
    expected = read_table(cli_table).iloc[3]
    for name, value in copy.run(3):
        assert value == expected[name] or (pd.isna(value) and pd.isna(expected[name])), name


def test_sweep_errors_have_the_cli_text(ews_cli):
    bad = ["dlm.hysteresis=0,150"]
    result = run_cli(ews_cli, "sweep", DEFAULT, "--set", bad[0], "--duration", "1h", "--quiet")
    assert result.returncode == 2
    expected = [line.removeprefix("ews sweep: ") for line in result.stderr.splitlines() if line.startswith("ews sweep: ")]
    assert expected and ":" in expected[0]
    with pytest.raises(ews.ValidationError) as error:
        ews.sweep(DEFAULT, bad, duration="1h")
    assert str(error.value).splitlines() == expected
    line = next(i for i, row in enumerate(DEFAULT.read_text().splitlines(), 1) if "hysteresis:" in row)
    assert f"default.yaml:{line}:" in expected[0]  # file:line:column of the value replaced

    usage = run_cli(ews_cli, "sweep", DEFAULT, "--set", "dlm.hysteresis", "--quiet")
    assert usage.returncode == 64
    with pytest.raises(ValueError) as error:
        ews.sweep(DEFAULT, ["dlm.hysteresis"])
    assert f"ews sweep: {error.value}" in usage.stderr
