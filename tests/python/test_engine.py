"""ews.Engine: the twin of `ews run` driven from Python (docs/python.md)."""
import datetime
import math
import threading
import zoneinfo

import h5py
import numpy as np
import pandas as pd
import pytest
import yaml

import ews
from conftest import DEFAULT, SCENARIOS, run_cli

DAY = "1d"
SEED = 3


def arrays_of(engine):
    """Everything an engine recorded, as plain arrays, to compare two runs."""
    arrays = {"sample_time_us": engine.sample_times_us(), "aggregate_time_us": engine.aggregate_times_us()}
    for quantity in ("counter", "delta", "average_rate", "gap"):
        arrays[quantity] = engine.samples(quantity)
    for kind in ("loads", "groups", "totals"):
        arrays[kind] = engine.aggregates(kind)
    arrays.update({f"dlm_{k}": v for k, v in engine.dlm_trace().items()})
    arrays.update({f"station_{k}": v for k, v in engine.station_trace().items() if k != "stations"})
    return arrays


def assert_same_kpis(a, b):
    assert list(a) == list(b)
    for name in a:
        assert (math.isnan(a[name]) and math.isnan(b[name])) or a[name] == b[name], name


@pytest.fixture(scope="module")
def one_run():
    engine = ews.Engine(DEFAULT, seed=SEED, duration=DAY)
    engine.run_to_end()
    return engine


@pytest.fixture(scope="module")
def cli_run(ews_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-run")
    result = run_cli(ews_cli, "run", DEFAULT, "--seed", SEED, "--duration", DAY, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_slicing_equals_one_run(one_run):
    sliced = ews.Engine(DEFAULT, seed=SEED, duration=DAY)
    while sliced.now < sliced.end:
        sliced.run_for(7 * 60 + 13)  # 7 min 13 s: off every grid of the run (1 s, 10 min)
    assert sliced.now_us == one_run.now_us == one_run.end_us
    assert_same_kpis(sliced.kpis(), one_run.kpis())
    expected = arrays_of(one_run)
    for name, values in arrays_of(sliced).items():
        np.testing.assert_array_equal(values, expected[name], err_msg=name)
    assert len(expected["dlm_time_us"]) == 24 * 3600 + 1  # every decision, both ends included
    assert one_run.kpis()["sessions"] > 0  # the day has charging sessions: the DLM did something


def test_arrays_equal_the_hdf5_trace_of_ews_run(one_run, cli_run):
    with h5py.File(cli_run / "trace.h5", "r") as trace:
        assert list(trace["devices/name"].asstr()[:]) == one_run.devices
        assert list(trace["loads/name"].asstr()[:]) == one_run.loads
        assert list(trace["groups/name"].asstr()[:]) == one_run.groups
        np.testing.assert_array_equal(one_run.sample_times_us(), trace["samples/time_us"][:])
        for quantity in ("counter", "delta", "average_rate", "gap"):
            np.testing.assert_array_equal(one_run.samples(quantity), trace[f"samples/{quantity}"][:], err_msg=quantity)
        np.testing.assert_array_equal(one_run.aggregate_times_us(), trace["aggregates/time_us"][:])
        np.testing.assert_array_equal(one_run.aggregates("loads"), trace["aggregates/loads/delta"][:])
        np.testing.assert_array_equal(one_run.aggregates("groups"), trace["aggregates/groups/delta"][:])
        np.testing.assert_array_equal(one_run.aggregates("totals")[:, 0], trace["aggregates/totals/electricity_Wh"][:])


def test_events_equal_the_hdf5_event_table_of_ews_run(one_run, cli_run):
    events = one_run.events()
    with h5py.File(cli_run / "trace.h5", "r") as trace:
        assert events["time_us"] == list(trace["events/time_us"][:])
        assert events["kind"] == list(trace["events/kind"].asstr()[:])
        assert events["detail"] == list(trace["events/detail"].asstr()[:])
    decisions = one_run.events_frame("dlm")
    assert decisions.index.tz is not None and str(decisions.index.tz) == one_run.time_zone
    assert decisions["detail"].str.contains("authorised at").any()


def test_kpis_equal_those_of_ews_sweep(one_run, ews_cli, tmp_path):
    # `ews sweep` without --set runs the scenario once and writes its KPIs exactly (shortest
    # round-trip numbers), unlike summary.json's rounded ones.
    table = tmp_path / "kpis.csv"
    result = run_cli(ews_cli, "sweep", DEFAULT, "--seed", SEED, "--duration", DAY, "--out", table, "--quiet")
    assert result.returncode == 0, result.stderr
    row = pd.read_csv(table, float_precision="round_trip").iloc[0]
    kpis = one_run.kpis()
    assert list(kpis) == list(row.index)
    assert_same_kpis(kpis, {name: float(value) for name, value in row.items()})


def test_frames_have_the_site_zone_and_the_arrays_values(one_run):
    delta = one_run.samples_frame("delta")
    assert str(delta.index.tz) == "Europe/Paris" == one_run.time_zone
    assert list(delta.columns) == one_run.devices
    np.testing.assert_array_equal(delta.to_numpy(), one_run.samples("delta"))
    assert delta.index[0] == pd.Timestamp("2026-01-05 00:10", tz="Europe/Paris")
    dlm = one_run.dlm_frame()
    assert set(dlm["zone"].cat.categories) == {"green", "yellow", "red"}
    np.testing.assert_array_equal(dlm["site_current_a"], one_run.dlm_trace()["site_current_a"].max(axis=1))
    # Daily consumption by load (the EWS history) adds up the loads' sample aggregates of that day.
    daily = one_run.daily_consumption()
    loads = one_run.aggregates_frame("loads")
    by_day = loads[daily.columns].groupby((loads.index - pd.Timedelta("1us")).normalize()).sum()
    np.testing.assert_allclose(daily.to_numpy(), by_day.to_numpy())


def test_soc_rises_while_a_vehicle_charges(one_run):
    soc = one_run.soc_frame()
    sessions = one_run.sessions_frame()
    first = sessions.iloc[0]
    during = soc.loc[first.connected_at:first.ended_at, first.station].dropna()
    assert len(during) > 60
    assert during.is_monotonic_increasing and during.iloc[-1] > during.iloc[0]
    assert soc.loc[:first.connected_at - pd.Timedelta("1min"), first.station].isna().all()


def test_views_are_read_only_and_not_copied(one_run):
    a, b = one_run.samples("counter"), one_run.samples("counter")
    assert not a.flags.writeable and not a.flags.owndata
    assert np.shares_memory(a, b)
    with pytest.raises(ValueError):
        a[0, 0] = 1.0


def test_a_view_keeps_its_rows_while_the_engine_runs_on():
    engine = ews.Engine(DEFAULT, seed=SEED, duration="2h")
    engine.run_until("1h")
    before = engine.samples("delta")
    snapshot = before.copy()
    engine.run_to_end()
    after = engine.samples("delta")
    assert len(before) == 6 and len(after) == 12
    np.testing.assert_array_equal(before, snapshot)
    np.testing.assert_array_equal(after[:6], snapshot)


def test_time_arguments():
    engine = ews.Engine(DEFAULT, seed=SEED, duration="2h", station_sample_period=None)
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert engine.start == datetime.datetime(2026, 1, 5, tzinfo=paris)
    engine.run_until(datetime.datetime(2026, 1, 5, 0, 30, tzinfo=paris))
    assert engine.now_us - engine.start_us == 30 * 60 * 10**6
    engine.run_until(pd.Timestamp("2026-01-04 23:45", tz="UTC"))  # 00:45 in Paris
    assert engine.now == datetime.datetime(2026, 1, 5, 0, 45, tzinfo=paris)
    engine.run_until(datetime.timedelta(hours=1))
    engine.run_for(90.5)
    assert engine.now_us - engine.start_us == 3690_500_000
    with pytest.raises(ValueError, match="naive datetime"):
        engine.run_until(datetime.datetime(2026, 1, 5, 1, 30))
    with pytest.raises(ValueError, match="before the current time"):
        engine.run_until(60)
    assert engine.run_until("5h") and engine.now == engine.end  # clamped to the end
    with pytest.raises(RuntimeError, match="no station trace"):
        engine.station_trace()


def test_commands_and_dlm_settings():
    engine = ews.Engine(DEFAULT, seed=SEED, duration=DAY)
    engine.run_until("9h")  # Green'Up 1's first vehicle arrived at 08:10 and charges
    station = "Green'Up 1"
    assert engine.session(station)["connected"] and engine.session(station)["authorised"]
    engine.set_start_wait(station, "wait")
    engine.set_priority(station, True)
    engine.run_for("5min")
    view = engine.session(station)
    assert view["start_wait"] == "wait" and view["priority"] and not view["authorised"]
    current = engine.vehicle_current_frame()[station]
    assert current.iloc[-1] == 0.0 and current.loc[:"2026-01-05 09:00"].iloc[-1] > 0.0
    assert engine.read(station)["current.L1"] == pytest.approx(0.0, abs=0.5)

    engine.set_dlm(hysteresis_pct=5, hold_time_s="2min", load_control=False)
    settings = engine.dlm_settings()
    assert (settings["hysteresis_pct"], settings["hold_time_s"], settings["load_control"]) == (5.0, 120.0, False)
    with pytest.raises(ValueError) as refused:
        engine.set_dlm(second_step_pct=90)  # above the first step: the controller refuses
    assert "second" in str(refused.value).lower()
    assert engine.dlm_settings() == settings  # a refused change changes nothing
    with pytest.raises(KeyError, match="hysteresis_pct"):
        engine.set_dlm(hysteresis=5)
    with pytest.raises(TypeError):
        engine.set_dlm(load_control=1)
    with pytest.raises(KeyError, match="no charging station named 'CP 99'"):
        engine.set_priority("CP 99", True)

    engine.set_device_on("Lighting", False)
    engine.run_for("1min")
    assert engine.status("Lighting") == "off" and engine.status("Main meter") == "on"
    with pytest.raises(KeyError, match="no device named 'Nope'"):
        engine.read("Nope")


def test_two_engines_run_at_once_in_threads(one_run):
    engines = [ews.Engine(DEFAULT, seed=SEED, duration=DAY) for _ in range(2)]
    threads = [threading.Thread(target=e.run_to_end) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for engine in engines:
        assert_same_kpis(engine.kpis(), one_run.kpis())
        np.testing.assert_array_equal(engine.samples("counter"), one_run.samples("counter"))


def scenario_dict(path):
    """The file as a dict of str scalars: YAML 1.1's PyYAML would read `on:` as True and 12:00 as 720."""
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)


def test_a_dict_scenario_is_the_file(one_run):
    document = scenario_dict(DEFAULT)
    assert yaml.load(ews.scenario_yaml(document), Loader=yaml.BaseLoader) == document
    document["run"]["seed"] = SEED  # typed values are written as the file would
    document["dlm"]["hysteresis"] = 2.0
    engine = ews.Engine(document, duration=datetime.timedelta(days=1), base_dir=str(SCENARIOS))
    engine.run_to_end()
    assert_same_kpis(engine.kpis(), one_run.kpis())
    np.testing.assert_array_equal(engine.samples("counter"), one_run.samples("counter"))


def test_a_bad_dict_names_the_position_in_its_yaml():
    document = scenario_dict(DEFAULT)
    document["run"]["duraton"] = "1d"
    text = ews.scenario_yaml(document)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "duraton" in row)
    column = text.splitlines()[line - 1].index("duraton") + 1
    with pytest.raises(ews.ValidationError) as error:
        ews.Engine(document, base_dir=str(SCENARIOS))
    assert f"<dict>:{line}:{column}: run.duraton: unknown key" in str(error.value)
    with pytest.raises(TypeError, match="run.start: cannot write a value of type object"):
        ews.scenario_yaml({"run": {"start": object()}})
    with pytest.raises(TypeError, match="dlm: key True is not a str"):
        ews.scenario_yaml({"dlm": {True: True}})


def test_errors_have_the_cli_text(ews_cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = DEFAULT.read_text().replace("maxCurrent: 80 ", "maxCurrent: -80 ", 1)
    assert text != DEFAULT.read_text()
    bad.write_text(text)
    result = run_cli(ews_cli, "validate", bad)
    assert result.returncode == 2
    with pytest.raises(ews.ValidationError) as error:
        ews.Engine(bad)
    diagnostics = [row for row in result.stderr.splitlines() if row.startswith(str(bad))]
    assert diagnostics and all(row in str(error.value) for row in diagnostics)
    with pytest.raises(ews.ValidationError, match="cannot open scenario file"):
        ews.Engine(tmp_path / "missing.yaml")
    with pytest.raises(ValueError):
        ews.Engine(DEFAULT, duration="soon")
