"""A device whose identification contradicts its configuration, against `ews live --data`.

The twin serves the default site, except that the station configured as Green'Up 2 (a 0 590 10,
unit 2 of the car park gateway) says in its identification registers that it is an EMDX3
multifunction meter 4 120 53 (`sim: {identifiesAs: ...}`): the installer's configuration and
the wiring disagree. The site opts in to writing through modelled maps, so the DLM writes to the
other station (unit 1) and the test shows that the writes do flow; unit 2 must get none.
`ews live` must put Green'Up 2 in "Configuration error", store a `configuration-error` event in
the site database, and never write to it (the twin counts the writes each unit received).
"""
import re
import signal
import sqlite3
import subprocess

from twin_process import EWS, running_twin

SPEED = 60


def contradicting_site(text):
    text = text.replace("tcpServerPort: 502}", "tcpServerPort: 502, writeModelledMaps: true}")
    assert "writeModelledMaps: true" in text
    head, tail = text.split("- name: Green'Up 2", 1)
    tail = tail.replace("sim: {}", 'sim: {identifiesAs: "4 120 53", firmware: 2.1}', 1)
    return head + "- name: Green'Up 2" + tail


def writes_by_unit(output, gateway):
    match = re.search(rf"gateway '{re.escape(gateway)}' writes received by unit: (.*)", output)
    assert match, output
    if match.group(1).strip() == "none":
        return {}
    return {int(unit): int(count) for unit, count in
            (pair.split("=") for pair in match.group(1).split(", "))}


def test_contradicting_identification_is_a_configuration_error_and_never_written():
    with running_twin(SPEED, edit=contradicting_site) as (twin, ports, scenario, folder):
        data = folder / "site"
        live = subprocess.run(
            [EWS, "live", str(scenario), "--data", str(data),
             "--gateway", f"Local=127.0.0.1:{ports['Local']}",
             "--gateway", f"Car park gateway=127.0.0.1:{ports['Car park gateway']}",
             "--speed", str(SPEED), "--duration", "5min"],
            capture_output=True, text=True, timeout=90)
        assert live.returncode == 0, live.stdout + live.stderr
        twin.send_signal(signal.SIGINT)
        output, _ = twin.communicate(timeout=20)
        check_database(data / "ews.db")

    writes = writes_by_unit(output, "Car park gateway")
    assert writes.get(1, 0) > 0, output      # the DLM writes to the correctly identified station
    assert 2 not in writes, output           # and never to the contradicting one


def check_database(path):
    database = sqlite3.connect(path)
    try:
        device = database.execute(
            "SELECT device FROM events WHERE kind = 'configuration-error'").fetchall()
        assert len(device) == 1, device
        detail = database.execute(
            "SELECT detail FROM events WHERE kind = 'configuration-error'").fetchone()[0]
        assert "4 120 53" in detail and "0 590 10" in detail and "firmware 2.10" in detail, detail
        statuses = [row[0] for row in database.execute(
            "SELECT detail FROM events WHERE kind = 'status' AND device = ?", (device[0][0],))]
        assert any("-> Configuration error" in status for status in statuses), statuses
        # The other station was identified and stays On.
        others = database.execute(
            "SELECT count(*) FROM events WHERE kind = 'configuration-error' AND device != ?", (device[0][0],)).fetchone()
        assert others[0] == 0
    finally:
        database.close()
