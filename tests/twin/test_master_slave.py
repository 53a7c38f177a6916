"""Master/Slave over loopback Modbus TCP with three processes (docs/master-slave.md).

Two slave EWS run as `ews twin` (their simulated devices, their own EWS stack, and the Master/
Slave server at unit 247 on --slave-listen), and one master runs as `ews live`, its two virtual
gateways pointed at the slaves with --gateway. Everything runs at 60x (a sample every simulated
minute = every wall second). Slave A is killed and restarted on the same port: the master must
show communication error meanwhile, then resume, and the energy it adds after the restart must
be exactly the restarted slave's counter (no double counting, no negative delta). pymodbus, an
independent client, reads the slaves' documented registers.
"""
import contextlib
import datetime
import json
import pathlib
import re
import signal
import subprocess
import tempfile
import time

import h5py
import pytest
from pymodbus.client import ModbusTcpClient

from twin_process import EWS

SPEED = 60
UNIT = 247
ALL_ELECTRICAL_LOADS = 0xC000  # Remote ID 29999
DEVICE_9 = 4 * (9 - 1)         # Remote ID 10009: the slaves have devices 1 and 2 only

SLAVE = """name: {name}
ews: {{variant: "255", sampleRate: 1min, modbus: {{tcpServer: true, tcpServerPort: 1502}}}}
run: {{start: "2026-01-05T08:00", duration: 2h, seed: {seed}}}
installation:
  gateways:
    - name: GW
      ip: 10.0.0.1
      devices:
        - {{name: M1, family: energy-counter, model: "4 120 74", address: 1, sim: {{profile: p1}}}}
        - {{name: M2, family: energy-counter, model: "4 120 74", address: 2, sim: {{profile: p2}}}}
loadProfiles:
  - {{name: p1, kind: constant, power: {power}}}
  - {{name: p2, kind: constant, power: 3000}}
"""

MASTER = """name: master
ews: {variant: "255", sampleRate: 1min}
run: {start: "2026-01-05T08:00"}
installation:
  gateways:
    - name: A
      kind: virtual
      ip: 10.0.9.1
      devices: [{name: A total, family: wsmeasure, model: WSMEASURE, remoteId: all}]
    - name: B
      kind: virtual
      ip: 10.0.9.2
      devices: [{name: B total, family: wsmeasure, model: WSMEASURE, remoteId: all}]
"""


@contextlib.contextmanager
def started(args, ready):
    """Runs `ews ARGS`, waits (at most 20 s) for a stdout line matching `ready`; stops it after.
    Yields the process and the lines it printed until then."""
    process = subprocess.Popen([EWS, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        printed = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            assert line, f"ews {args[0]} ended before it was ready (exit {process.poll()}): {printed}"
            printed.append(line)
            if re.search(ready, line):
                break
        else:
            pytest.fail(f"ews {args[0]} not ready within 20 s")
        yield process, printed
    finally:
        stop(process)


def stop(process, how=signal.SIGINT):
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def slave_twin(scenario, port=0):
    """A slave twin; port 0 lets the kernel choose (a port chosen beforehand by the test could be
    taken meanwhile by the twin's own gateway listener, which binds port 0 first)."""
    return started(["twin", str(scenario), "--listen", "127.0.0.1:0", "--slave-listen", f"127.0.0.1:{port}",
                    "--speed", str(SPEED)], r"^twin running")


def slave_port(printed):
    """The Master/Slave server's port, from the line `slave server unit 247 (...) on HOST:PORT`."""
    for line in printed:
        found = re.match(r"^slave server unit \d+ .* on [\d.]+:(\d+)$", line.strip())
        if found:
            return int(found.group(1))
    pytest.fail(f"no slave server line in {printed}")


def read_value(port, address):
    """(value in Wh, None) or (None, exception code), read with pymodbus at unit 247."""
    client = ModbusTcpClient("127.0.0.1", port=port, timeout=2, retries=0)
    assert client.connect()
    try:
        response = client.read_holding_registers(address, 4, slave=UNIT)
    finally:
        client.close()
    if response.isError():
        return None, getattr(response, "exception_code", None)
    words = response.registers
    return (words[0] << 48) | (words[1] << 32) | (words[2] << 16) | words[3], None


def micros(utc_text):
    moment = datetime.datetime.strptime(utc_text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def trace_rows(path, device):
    """(time_us, counter_Wh, delta_Wh) of one device in trace.csv (';' separated, decimal comma)."""
    rows = []
    for line in path.read_text().splitlines()[1:]:
        fields = line.split(";")
        if fields[3] == device:
            rows.append((micros(fields[0]), float(fields[5].replace(",", ".")), float(fields[6].replace(",", "."))))
    return rows


def test_master_survives_a_slave_restart_without_double_counting():
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        (folder / "a.yaml").write_text(SLAVE.format(name="slave-a", seed=1, power=1000))
        (folder / "b.yaml").write_text(SLAVE.format(name="slave-b", seed=2, power=2000))
        (folder / "m.yaml").write_text(MASTER)
        out = folder / "out"
        with slave_twin(folder / "a.yaml") as (slave_a, printed_a), slave_twin(folder / "b.yaml") as (_, printed_b):
            # Slave A is restarted on the port it got first.
            port_a, port_b = slave_port(printed_a), slave_port(printed_b)
            time.sleep(1.5)  # the slaves' first samples
            # An independent client reads the documented registers; unknown ids are exception 2.
            value, _ = read_value(port_a, ALL_ELECTRICAL_LOADS)
            assert value is not None and value > 0
            assert read_value(port_a, DEVICE_9) == (None, 2)
            with started(["live", str(folder / "m.yaml"), "--gateway", f"A=127.0.0.1:{port_a}",
                          "--gateway", f"B=127.0.0.1:{port_b}", "--speed", str(SPEED), "--out", str(out)],
                         r"^live from") as (master, _):
                time.sleep(4)
                killed_at = time.time()
                stop(slave_a, signal.SIGKILL)
                time.sleep(2)
                with slave_twin(folder / "a.yaml", port_a):
                    restarted_at = time.time()
                    time.sleep(7)
                    stop(master)
                    final_a, _ = read_value(port_a, ALL_ELECTRICAL_LOADS)
                assert master.returncode == 0

        summary = json.loads((out / "summary.json").read_text())
        polled = {device["name"]: device for device in summary["polledDevices"]}
        assert polled["A total"]["status"] == "on" and polled["B total"]["status"] == "on"

        with h5py.File(out / "trace.h5", "r") as trace:
            events = list(zip(trace["events/time_us"][:], trace["events/device_id"][:],
                              [k.decode().rstrip("\0") for k in trace["events/kind"][:]],
                              [d.decode().rstrip("\0") for d in trace["events/detail"][:]]))
        a_id = polled["A total"]["id"]
        a_status = [(t, detail) for t, device, kind, detail in events if device == a_id and kind == "status"]
        went_down = [t for t, detail in a_status if "-> Communication error" in detail]
        came_back = [t for t, detail in a_status if "-> On" in detail]
        assert went_down and came_back, a_status
        # The master's engine runs at 60x the wall clock: its outage lasted the slave's (2 s, plus the
        # restart and the master's back-off probe of the gateway) times 60.
        outage_wall_s = (came_back[-1] - went_down[0]) / 1e6 / SPEED
        assert restarted_at - killed_at <= outage_wall_s + 0.5 and outage_wall_s < 10, outage_wall_s
        assert not [e for e in events if e[1] == polled["B total"]["id"] and e[2] == "status"]

        resets = [(t, detail) for t, device, kind, detail in events if device == a_id and kind == "counter-reset"]
        assert len(resets) == 1, resets
        reset_at = resets[0][0]

        rows = trace_rows(out / "trace.csv", "A total")
        assert all(delta >= 0 for _, _, delta in rows)  # never a negative delta
        during = {counter for t, counter, _ in rows if went_down[0] < t < reset_at}
        assert len(during) == 1, during  # nothing counted while the slave was gone
        counted_before = during.pop()
        # After the restart the master adds exactly the restarted slave's counter as last read.
        last_read = polled["A total"]["counter"]
        assert polled["A total"]["consumption"] == pytest.approx(counted_before + last_read, abs=1e-6)
        assert 0 < last_read <= final_a
