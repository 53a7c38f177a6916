"""`ews scan` against `ews twin` of the reference site: every unit of a gateway, with its model.

The twin serves scenarios/reference-255.yaml at 60x, so the simulated RS485 timeout of an absent
address (300 ms) costs 5 ms of wall time; the scan covers the gateway's addresses and the
silent ones between them. Expected: one unit per address of the gateway, identified as the
configured model (a pulse counter's address as its concentrator), read through the map of that
model; and --yaml writes a scenario `ews validate` accepts.
"""
import pathlib
import re
import signal
import subprocess

import yaml

from twin_process import EWS, SOURCE, _read_ports

GATEWAY = "Gateway main"
SPEED = 60


def expected_units():
    site = yaml.safe_load((SOURCE / "scenarios" / "reference-255.yaml").read_text())
    gateway = next(g for g in site["installation"]["gateways"] if g["name"] == GATEWAY)
    units = {}
    for device in gateway["devices"]:
        if device["family"] == "pulse-counter":
            units.setdefault(int(device["address"]), device["concentrator"])
        else:
            units[int(device["address"])] = device["model"]
    return units


def start_twin():
    process = subprocess.Popen(
        [EWS, "twin", str(SOURCE / "scenarios" / "reference-255.yaml"), "--listen", "127.0.0.1:0",
         "--speed", str(SPEED), "--duration", "1h"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = _read_ports(process).get(GATEWAY)
    return process, port


def test_scan_finds_every_unit_of_a_gateway_with_its_model(tmp_path):
    expected = expected_units()
    process, port = start_twin()
    try:
        assert port, "the twin did not print the gateway's port"
        fragment = tmp_path / "scanned.yaml"
        last = max(expected)
        scan = subprocess.run(
            [EWS, "scan", "--gateway", f"127.0.0.1:{port}", "--range", f"1-{last + 3}", "--yaml", str(fragment)],
            capture_output=True, text=True, timeout=120)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    assert scan.returncode == 0, scan.stdout + scan.stderr
    found = {}
    for line in scan.stdout.splitlines():
        match = re.match(r"address (\d+): (\d \d\d\d \d\d|[A-Z]\w+[^(]*?) [a-z-]+ \(.*map (\S+) \((\w+)", line)
        if match:
            found[int(match.group(1))] = (match.group(2).strip(), match.group(3), match.group(4))
    assert {unit: model for unit, (model, _, _) in found.items()} == expected, scan.stdout
    assert all(provenance in ("modelled", "vendor") for (_, _, provenance) in found.values())
    summary = re.search(r"found (\d+) units on (\d+) addresses in ([\d.]+) s \(([\d.]+) ms per address", scan.stdout)
    assert summary and int(summary.group(1)) == len(expected) and int(summary.group(2)) == last + 3, scan.stdout

    validate = subprocess.run([EWS, "validate", str(fragment)], capture_output=True, text=True, timeout=30)
    assert validate.returncode == 0, fragment.read_text() + validate.stdout + validate.stderr
    devices = yaml.safe_load(fragment.read_text())["installation"]["gateways"][0]["devices"]
    concentrators = {unit for unit, model in expected.items() if (unit, model) and found[unit][1] == "pulse-concentrator"}
    assert {int(str(d["address"])) for d in devices} == set(expected) - concentrators
