"""`ews twin` read and driven by independent Modbus clients: mbpoll and pymodbus.

The twin runs the shipped default scenario in wall-clock time, from 08:09 local (one minute
before Green'Up 1's first EV arrives) at 60x, and serves each gateway on a free port. Register
addresses are the documented ones (docs/register-maps.md).
"""
import re
import signal
import subprocess
import time

import pytest
from pymodbus.client import ModbusTcpClient

from twin_process import running_twin


# energy-counter-3ph / multifunction maps (holding registers, high word first)
ENERGY_IMPORT = 0x0000  # u32, 10 Wh
VOLTAGE_L1N = 0x0100    # u16, 0.1 V
# greenup-premium map
STATION_STATE = 0x0000
RATED_CURRENT = 0x0004  # 0.1 A
CURRENT_L1 = 0x0005     # 0.01 A
START_WAIT = 0x0100     # 1 start, 0 wait (the current charging process)
SETPOINT = 0x0101       # 0.1 A, read-write


@pytest.fixture(scope="module")
def twin():
    with running_twin(speed=60) as (process, ports, _, _folder):
        yield process, ports


def mbpoll(port, unit, address, count):
    """Reads holding registers with mbpoll (0-based addresses with -0)."""
    result = subprocess.run(
        ["mbpoll", "-m", "tcp", "-a", str(unit), "-0", "-r", str(address), "-c", str(count), "-t", "4",
         "-1", "-p", str(port), "127.0.0.1"],
        capture_output=True, text=True, timeout=10)
    assert result.returncode == 0, result.stdout + result.stderr
    return [int(value) for value in re.findall(r"^\[\d+\]:\s+(-?\d+)", result.stdout, re.MULTILINE)]


def test_mbpoll_reads_the_main_meter(twin):
    _, ports = twin
    voltages = mbpoll(ports["Local"], 1, VOLTAGE_L1N, 3)
    assert len(voltages) == 3
    for raw in voltages:  # 230 V +- 1 %, in 0.1 V
        assert 2277 <= raw <= 2323, voltages
    first = mbpoll(ports["Local"], 1, ENERGY_IMPORT, 2)
    time.sleep(1.5)  # 90 simulated seconds of office load
    second = mbpoll(ports["Local"], 1, ENERGY_IMPORT, 2)
    energy = lambda words: (words[0] << 16 | words[1]) * 10
    assert energy(second) > energy(first) > 0


def test_pymodbus_write_changes_the_station_setpoint_and_current(twin):
    _, ports = twin
    client = ModbusTcpClient("127.0.0.1", port=ports["Car park gateway"])
    assert client.connect()
    try:
        assert client.read_holding_registers(RATED_CURRENT, 1, slave=1).registers == [320]
        # The first EV arrives at 08:10, one simulated minute after the start (1 s of wall time).
        # The scenario's site runs Green'Up DLM: the vehicle waits for the EWS to start it,
        # which is what this client does, as the EWS's DLM would.
        deadline = time.monotonic() + 10
        while client.read_holding_registers(STATION_STATE, 1, slave=1).registers[0] != 2:
            assert time.monotonic() < deadline, "no vehicle came to wait at the station"
            time.sleep(0.2)
        assert not client.write_register(START_WAIT, 1, slave=1).isError()
        while client.read_holding_registers(STATION_STATE, 1, slave=1).registers[0] != 1:
            assert time.monotonic() < deadline, "the station never started charging"
            time.sleep(0.2)
        assert not client.write_register(SETPOINT, 100, slave=1).isError()  # 10.0 A
        assert client.read_holding_registers(SETPOINT, 1, slave=1).registers == [100]
        time.sleep(0.5)  # 30 simulated seconds: well past the station's response delay
        currents = client.read_holding_registers(CURRENT_L1, 3, slave=1).registers
        assert currents == [1000, 1000, 1000], currents  # 10.00 A on each phase
        assert not client.write_register(SETPOINT, 50, slave=1).isError()  # under 6 A: IEC 61851 pause
        time.sleep(0.5)
        assert client.read_holding_registers(CURRENT_L1, 3, slave=1).registers == [0, 0, 0]
    finally:
        client.close()


def test_unmapped_register_is_a_modbus_exception(twin):
    _, ports = twin
    client = ModbusTcpClient("127.0.0.1", port=ports["Local"])
    assert client.connect()
    try:
        response = client.read_holding_registers(0x7000, 2, slave=1)
        assert response.isError()
        assert response.exception_code == 2  # illegal data address
        response = client.read_holding_registers(0, 2, slave=99)  # nobody at unit 99
        assert response.isError()
        assert response.exception_code == 11  # gateway target device failed to respond
    finally:
        client.close()


def test_sigint_stops_the_twin_cleanly(twin):
    process, _ = twin
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    assert "twin stopped" in process.stdout.read()
