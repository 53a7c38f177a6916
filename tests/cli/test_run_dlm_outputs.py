"""`ews run` on the default scenario (DLM and tariffs): the KPIs it prints are the ones stored in summary.json, in
trace.h5 (/dlm attributes, /dlm/sessions columns, read with h5py) and in dlm_sessions.csv, and
the DLM's decisions are in the trace's event table."""
import csv
import json
import os
import subprocess

import h5py
import pytest

EWS = os.environ["EWS_BINARY"]
SCENARIO = os.path.join(os.environ["EWS_SOURCE_DIR"], "scenarios", "default.yaml")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("dlm-run")
    result = subprocess.run([EWS, "run", SCENARIO, "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def test_kpis_agree_between_summary_trace_and_console(run):
    out, console = run
    summary = json.loads((out / "summary.json").read_text())["dlm"]
    with h5py.File(out / "trace.h5", "r") as trace:
        stored = dict(trace["dlm"].attrs)
    for name, value in summary.items():
        assert stored[name] == pytest.approx(value, abs=1e-3), name
    # Four vehicles come (scenario sessions), all leave with what they wanted.
    assert summary["sessions"] == 4
    assert summary["energy_unmet_wh"] == 0
    assert summary["sessions_stopped_before_min"] == 0
    assert f"Green'Up DLM: 4 sessions, {summary['energy_delivered_wh'] / 1000:.1f} kWh delivered" in console


def test_sessions_table_matches_the_csv(run):
    out, _ = run
    with open(out / "dlm_sessions.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    with h5py.File(out / "trace.h5", "r") as trace:
        sessions = trace["dlm/sessions"]
        stations = sessions["station"].asstr()[:]
        energies = sessions["energy_wh"][:]
        waits = sessions["wait_s"][:]
    assert [row["station"] for row in rows] == list(stations)
    assert [float(row["energy_wh"]) for row in rows] == pytest.approx(list(energies), abs=0.1)
    # The hold time (60 s) comes before any authorisation.
    assert all(wait >= 60 for wait in waits)


def test_decisions_are_in_the_event_table(run):
    out, _ = run
    with h5py.File(out / "trace.h5", "r") as trace:
        kinds = trace["events/kind"].asstr()[:]
        details = trace["events/detail"].asstr()[:]
    dlm = [detail for kind, detail in zip(kinds, details) if kind == "dlm"]
    assert any("authorised at" in detail for detail in dlm), dlm[:10]
    assert sum("connected" in detail and "disconnected" not in detail for detail in dlm) == 4


def test_bill_in_summary_matches_the_trace_costs(run):
    """The default site's tariffs: the summary's bill per tariff is the sum of the trace's
    grand-total cost rows, and a weekday (the run's Monday) has both peak and off-peak hours."""
    out, console = run
    costs = {c["energy"]: c for c in json.loads((out / "summary.json").read_text())["costs"]}
    with h5py.File(out / "trace.h5", "r") as trace:
        names = list(trace["tariffs/electricity/name"].asstr()[:])
        per_tariff = trace["aggregates/totals/cost"][:, 0, : len(names)].sum(axis=0)
    electricity = {t["name"]: t["cost"] for t in costs["electricity"]["tariffs"]}
    assert list(electricity) == names == ["Peak", "Off-peak"]
    for name, amount in zip(names, per_tariff):
        assert electricity[name] == pytest.approx(amount, abs=0.01)
    assert electricity["Peak"] > 0 and electricity["Off-peak"] > 0
    assert costs["electricity"]["unpriced"] == 0
    assert f"cost of electricity {costs['electricity']['total']:.2f} EUR" in console
