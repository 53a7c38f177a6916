"""`ews twin --data DIR --web-listen`: the twin is also its own EWS, with the box's pages.

The twin serves its simulated gateways over Modbus TCP as always, and its own EWS stack polls
the same simulated devices in process, records into the data folder and publishes to the pages.
Checked here, against independent readers:
* the pages list the scenario's devices, all on, and the main meter's energy on the page lies
  between two mbpoll reads of its register taken around the page's read;
* the data folder holds the stored samples after SIGINT, and a second start on the folder alone
  (no scenario file) continues after its last stored sample instead of starting over.
"""
import http.cookiejar
import json
import pathlib
import re
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.request

from test_twin_interop import ENERGY_IMPORT, mbpoll
from twin_process import EWS, SOURCE

PIN, PUK = "99999", "00000999900000"  # the administrator's defaults (docs/users.md)
DEVICES = ["Main meter", "Lighting", "HVAC", "Sockets", "Kitchen", "Water", "Gas", "Green'Up 1", "Green'Up 2",
           "Car park lighting"]  # scenarios/default.yaml, in file order


class Pages:
    """A logged-in client of the pages' JSON API (cookies kept as a browser keeps them)."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        body = json.dumps({"pin": PIN, "puk": PUK}).encode()
        request = urllib.request.Request(url + "/api/v1/session/login", data=body,
                                         headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=10) as answer:
            assert json.load(answer)["user"]["name"] == "administrator"

    def get(self, path):
        with self.opener.open(self.url + path, timeout=10) as answer:
            return json.load(answer)


def stop(process):
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    return output


def stored_samples(data):
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        (last,) = db.execute("SELECT value FROM meta WHERE key = 'last_sample_us'").fetchone()
        (rows,) = db.execute("SELECT count(*) FROM buckets WHERE resolution = 0").fetchone()
    return int(last), rows


def launch(data, *extra):
    """Starts the twin and reads its lines up to "twin running": (process, ports, pages URL)."""
    process = subprocess.Popen(
        [EWS, "twin", *extra, "--data", str(data), "--listen", "127.0.0.1:0", "--speed", "60",
         "--web-listen", "127.0.0.1:0", "--plain-http", "--duration", "2h"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("twin running"):
            break
    ports = {m.group(1): int(m.group(2)) for m in
             (re.match(r"gateway '(.+)' units [\d,]+ on 127\.0\.0\.1:(\d+)", line) for line in lines) if m}
    urls = [m.group(1) for m in (re.match(r"pages on (http://127\.0\.0\.1:\d+)", line) for line in lines) if m]
    url = urls[0] if urls else None
    assert url and "Local" in ports, "".join(lines) + (process.stdout.read() if process.poll() is not None else "")
    return process, ports, url


def test_the_twin_shows_its_own_site_on_the_pages_and_continues_its_data_folder():
    text = (SOURCE / "scenarios" / "default.yaml").read_text()
    text = text.replace('start: "2026-01-05T00:00:00"', 'start: "2026-01-05T08:09:00"')
    assert "08:09:00" in text
    with tempfile.TemporaryDirectory() as folder:
        scenario = pathlib.Path(folder) / "site.yaml"
        scenario.write_text(text)
        data = pathlib.Path(folder) / "data"

        process, ports, url = launch(data, str(scenario))
        try:
            pages = Pages(url)
            deadline = time.monotonic() + 15
            overview = pages.get("/api/v1/site/live")
            while any(device["status"] != "on" for device in overview["devices"]) and time.monotonic() < deadline:
                time.sleep(0.5)  # the first snapshot may come before every device's first poll
                overview = pages.get("/api/v1/site/live")
            assert [device["name"] for device in overview["devices"]] == DEVICES
            assert all(device["status"] == "on" for device in overview["devices"]), overview

            words = mbpoll(ports["Local"], 1, ENERGY_IMPORT, 2)
            before_wh = (words[0] << 16 | words[1]) * 10
            time.sleep(2.5)  # 150 simulated seconds: newer snapshots, a newer poll of the meter
            shown_wh = pages.get("/api/v1/site/live/devices/1")["values"]["energy.active.import"]["value"]
            words = mbpoll(ports["Local"], 1, ENERGY_IMPORT, 2)
            after_wh = (words[0] << 16 | words[1]) * 10
            assert before_wh <= shown_wh <= after_wh, (before_wh, shown_wh, after_wh)
            assert after_wh > before_wh  # office hours: the meter counts
        finally:
            output = stop(process) if process.poll() is None else process.stdout.read()
        assert "twin stopped" in output, output

        first_last_us, first_rows = stored_samples(data)
        assert first_rows > 0

        # Second start: the folder alone (its database holds the configuration).
        process, _, url = launch(data)
        try:
            Pages(url)  # the users and codes of the folder are kept
            deadline = time.monotonic() + 15
            while stored_samples(data)[0] <= first_last_us and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            stop(process)
        second_last_us, second_rows = stored_samples(data)
        assert second_last_us > first_last_us
        assert second_rows > first_rows
