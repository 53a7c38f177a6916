"""Starts `ews twin` on a copy of the shipped default scenario and finds its gateway ports.

Shared by the pytest suites of this folder. The copy starts at 08:09 local, one minute before
Green'Up 1's first EV arrives and in office hours, so a short test sees charging and loads.
"""
import contextlib
import os
import pathlib
import re
import signal
import subprocess
import tempfile
import time

SOURCE = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
EWS = os.environ.get("EWS_BINARY", str(SOURCE / "build" / "cli" / "ews"))


@contextlib.contextmanager
def running_twin(speed, duration="2h", edit=None):
    """Yields (process, ports by gateway name, scenario path, scratch folder); stops the twin.

    `edit`: a function given the scenario's text, returning it changed (a test's own site)."""
    text = (SOURCE / "scenarios" / "default.yaml").read_text()
    text = text.replace('start: "2026-01-05T00:00:00"', 'start: "2026-01-05T08:09:00"')
    assert "08:09:00" in text
    if edit is not None:
        text = edit(text)
    with tempfile.TemporaryDirectory() as folder:
        scenario = pathlib.Path(folder) / "site.yaml"
        scenario.write_text(text)
        process = subprocess.Popen(
            [EWS, "twin", str(scenario), "--listen", "127.0.0.1:0", "--speed", str(speed), "--duration", duration],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            ports = _read_ports(process)
            assert set(ports) == {"Local", "Car park gateway"}, ports
            yield process, ports, scenario, pathlib.Path(folder)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _read_ports(process):
    """Parses the "gateway 'NAME' units ... on 127.0.0.1:PORT" lines, for at most 20 s."""
    ports = {}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.match(r"gateway '(.+)' units [\d,]+ on 127\.0\.0\.1:(\d+)", line)
        if match:
            ports[match.group(1)] = int(match.group(2))
        if line.startswith("twin running"):
            break
    return ports
