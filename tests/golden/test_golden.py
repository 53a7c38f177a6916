"""Golden outputs (docs/design.md, toolchain facts), compared line by line with the files next to
this one: for every shipped scenario, a short span run by `ews run` (its summary.json and the
table it prints, the wall-time line left out); and for a day of the 40-station car park, its
Green'Up decisions (the trace's `dlm` events) and its sessions (dlm_sessions.csv). A difference
is a change of behaviour: if it is intended, regenerate with EWS_UPDATE_GOLDEN=1 and review the
diff in the commit."""
import difflib
import os
import pathlib
import subprocess

import h5py
import pytest

EWS = os.environ["EWS_BINARY"]
SOURCE = pathlib.Path(os.environ["EWS_SOURCE_DIR"])
HERE = pathlib.Path(__file__).resolve().parent
UPDATE = os.environ.get("EWS_UPDATE_GOLDEN") == "1"


def run_table(out, arguments):
    """Runs `ews run` with seed 1 into `out`; returns the table it printed, wall time left out."""
    result = subprocess.run([EWS, "run", *arguments, "--seed", "1", "--out", str(out)], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines(keepends=True) if not line.startswith("wall time ")]


@pytest.fixture(scope="module")
def carpark_day(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    table = run_table(out, [str(SOURCE / "scenarios" / "carpark-40.yaml"), "--duration", "1d"])
    (out / "table.txt").write_text("".join(table))
    return out


def dlm_events(trace_path):
    with h5py.File(trace_path, "r") as trace:
        rows = zip(trace["events/time_us"][:], trace["events/device_id"][:],
                   trace["events/kind"].asstr()[:], trace["events/detail"].asstr()[:])
        return [f"{t} {device} {kind} {detail}\n" for t, device, kind, detail in rows if kind.startswith("dlm")]


def compare(*files):
    """Each (name, lines) against its golden file; with EWS_UPDATE_GOLDEN=1 rewrites them all."""
    if UPDATE:
        for name, lines in files:
            (HERE / name).write_text("".join(lines))
        pytest.skip("regenerated " + ", ".join(name for name, _ in files))
    for name, lines in files:
        expected = (HERE / name).read_text().splitlines(keepends=True)
        diff = "".join(difflib.unified_diff(expected, lines, f"golden/{name}", "this run", n=1))
        assert not diff, f"differs from the golden file (EWS_UPDATE_GOLDEN=1 regenerates it):\n{diff[:4000]}"


def test_dlm_decisions_of_a_carpark_day(carpark_day):
    lines = dlm_events(carpark_day / "trace.h5")
    assert len(lines) > 100  # a busy day: authorisations, reductions, raises, zone changes
    compare(("carpark40_day1_dlm_events.txt", lines))


# Every shipped scenario and the span it is run for (the 255-device sites for a quarter of a
# day, to keep the test under a minute); the car park's day is the fixture above.
SPANS = {"default": "1d", "home-mini10": "1d", "reference-255": "6h", "site-255": "6h", "ms-master": "6h",
         "ms-slave-a": "6h", "ms-slave-b": "6h", "ms-top": "6h"}


def test_every_shipped_scenario_has_a_golden_span():
    shipped = {path.stem for path in (SOURCE / "scenarios").glob("*.yaml")}
    assert shipped == set(SPANS) | {"carpark-40"}


@pytest.mark.parametrize("scenario", sorted(SPANS))
def test_summary_and_table_of_each_scenario(scenario, tmp_path):
    table = run_table(tmp_path, [str(SOURCE / "scenarios" / f"{scenario}.yaml"), "--duration", SPANS[scenario]])
    compare((f"{scenario}_table.txt", table),
            (f"{scenario}_summary.json", (tmp_path / "summary.json").read_text().splitlines(keepends=True)))


def test_summary_and_table_of_a_carpark_day(carpark_day):
    compare(("carpark-40_table.txt", (carpark_day / "table.txt").read_text().splitlines(keepends=True)),
            ("carpark-40_summary.json", (carpark_day / "summary.json").read_text().splitlines(keepends=True)))


def test_sessions_of_a_carpark_day(carpark_day):
    compare(("carpark40_day1_dlm_sessions.csv",
             (carpark_day / "dlm_sessions.csv").read_text().splitlines(keepends=True)))
