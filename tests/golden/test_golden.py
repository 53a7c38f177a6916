"""Golden outputs (docs/design.md, toolchain facts): a day of the 40-station car park run by
`ews run`, its Green'Up decisions (the trace's `dlm` events) and its sessions (dlm_sessions.csv)
compared line by line with the files next to this one. A difference is a change of behaviour:
if it is intended, regenerate with EWS_UPDATE_GOLDEN=1 and review the diff in the commit."""
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


@pytest.fixture(scope="module")
def carpark_day(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    result = subprocess.run(
        [EWS, "run", str(SOURCE / "scenarios" / "carpark-40.yaml"), "--duration", "1d", "--seed", "1",
         "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def dlm_events(trace_path):
    with h5py.File(trace_path, "r") as trace:
        rows = zip(trace["events/time_us"][:], trace["events/device_id"][:],
                   trace["events/kind"].asstr()[:], trace["events/detail"].asstr()[:])
        return [f"{t} {device} {kind} {detail}\n" for t, device, kind, detail in rows if kind.startswith("dlm")]


def compare(name, lines):
    golden = HERE / name
    if UPDATE:
        golden.write_text("".join(lines))
        pytest.skip(f"regenerated {golden}")
    expected = golden.read_text().splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(expected, lines, f"golden/{name}", "this run", n=1))
    assert not diff, f"differs from the golden file (EWS_UPDATE_GOLDEN=1 regenerates it):\n{diff[:4000]}"


def test_dlm_decisions_of_a_carpark_day(carpark_day):
    lines = dlm_events(carpark_day / "trace.h5")
    assert len(lines) > 100  # a busy day: authorisations, reductions, raises, zone changes
    compare("carpark40_day1_dlm_events.txt", lines)


def test_sessions_of_a_carpark_day(carpark_day):
    compare("carpark40_day1_dlm_sessions.csv", (carpark_day / "dlm_sessions.csv").read_text().splitlines(keepends=True))
