"""`ews live` polling `ews twin` over loopback Modbus TCP: the live stack records what the twin serves.

Both run the shipped default scenario at 60x (the twin's simulated clock and the live engine's
wall clock paced at the same factor, `ews live --speed`, a test/demo option), so 20 s of wall time
are 20 simulated minutes: two samples at the default 10 min sample rate. The check is against the
twin's own register, read directly with pymodbus just before live starts and just after it ends:
live's last reading of the main meter must lie between the two, and the energy live accumulated
must be the difference minus only what flowed while live was not polling (process start-up and
shut-down, under a second of wall time = under a simulated minute of the 20).
"""
import json
import subprocess

import pytest
from pymodbus.client import ModbusTcpClient

from twin_process import EWS, running_twin

SPEED = 60
ENERGY_IMPORT = 0x0000  # energy-counter-3ph: u32, 10 Wh, high word first (docs/register-maps.md)
MAIN_METER_UNIT = 1     # on the Local gateway


@pytest.fixture(scope="module")
def scenario_and_twin():
    with running_twin(SPEED) as (_, ports, scenario, folder):
        yield scenario, ports, folder


def main_meter_wh(port):
    client = ModbusTcpClient("127.0.0.1", port=port, timeout=2)
    assert client.connect()
    try:
        words = client.read_holding_registers(ENERGY_IMPORT, 2, slave=MAIN_METER_UNIT).registers
    finally:
        client.close()
    return (words[0] << 16 | words[1]) * 10


def test_live_records_what_the_twin_serves(scenario_and_twin):
    scenario, ports, folder = scenario_and_twin
    out = folder / "live-out"
    before = main_meter_wh(ports["Local"])
    result = subprocess.run(
        [EWS, "live", str(scenario), "--gateway", f"Local=127.0.0.1:{ports['Local']}",
         "--gateway", f"Car park gateway=127.0.0.1:{ports['Car park gateway']}",
         "--speed", str(SPEED), "--duration", "20min", "--out", str(out)],
        capture_output=True, text=True, timeout=60)
    after = main_meter_wh(ports["Local"])
    assert result.returncode == 0, result.stdout + result.stderr

    summary = json.loads((out / "summary.json").read_text())
    assert summary["completed"] is True
    assert summary["samples"] == 2, summary["samples"]  # 20 simulated minutes at 10 min
    assert "groundTruth" not in summary  # live has none: the twin is the ground truth here
    devices = {device["name"]: device for device in summary["polledDevices"]}
    assert len(devices) == 10
    assert all(device["status"] == "on" for device in devices.values()), devices

    main = devices["Main meter"]
    # The same 10 Wh register, read by live in between the two direct reads.
    assert before <= main["counter"] <= after, (before, main, after)
    served = after - before
    assert served > 1000, served  # 20 min of office load: kWh, not noise
    # Live accumulated between its first and last poll, inside [before, after]: at most the
    # served energy, and at least what is left once the start-up and shut-down gaps are taken
    # out — each under a second of wall time (a simulated minute, 1/20 of the run), so 2 x 5 %,
    # plus the two readings' 10 Wh truncation.
    assert main["consumption"] <= served
    assert main["consumption"] >= served * 0.90 - 20, (main, served)

    for name in ("trace.csv", "trace.h5", "scenario.yaml"):
        assert (out / name).is_file(), name
    rows = (out / "trace.csv").read_text().splitlines()
    assert len(rows) > 1 and any("Main meter" in row for row in rows[1:]), rows[:3]
