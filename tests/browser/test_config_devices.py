"""System configuration, Gateways and devices (manual 7.16.1, 7.16.2, 7.16.6.2), on `ews serve`
of an empty EWS 32 (tests/browser/scenarios/empty-32.yaml: the Local gateway and nothing else)
with its pages on 127.0.0.1 (port 0, plain HTTP). The served twin follows the configuration
(docs/devices.md, "Following the configuration"): each gateway and device the pages add gets a
simulated device with a default model on its gateway's simulated line.

* an installer, from the pages alone in headless chromium, adds a load, a measure group and a
  panel board, the gateway (on that panel board), a meter (on that load, in that group), a pulse
  concentrator with two positions and a two-sided station (the second side offered after the
  first), two tariffs with three rules and the Green'Up settings; the EWS polls the new devices
  at once (status on, values) and their consumption appears, the pages' figures equal to the
  site database's, the load's and the group's too; a Test on the page reports the probe's
  diagnostic; the stored configuration exported with `ews config export` validates;
* every rule of 7.16.1 tried through the API with a bad value is refused 422 naming the field,
  the stored configuration unchanged; a stale save is refused 409; the Test of a dead device
  (on `ews live`, behind a real TCP peer that never answers: the served twin simulates every
  configured device) reports its timeout within the RS485 timeout plus the poll in flight;
* the user (no System configuration right) gets 403 on every configuration route.
"""
import datetime
import http.cookiejar
import json
import urllib.error
import urllib.request
import os
import pathlib
import re
import socket
import sqlite3
import subprocess
import threading
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import test_config_site as site_pages
from test_pages import (DEFAULT_USERS, EN, EWS, SERVER_START, SOURCE, WAIT, browsers, click, css, login_with_puk,  # noqa: F401
                        open_path, present, shot, type_into, wait_any, wait_for, wait_text, wait_until)

SCENARIOS = SOURCE / "tests" / "browser" / "scenarios"
SPEED = 60             # simulated seconds per wall second: a 1 min sample each second
POLL_WAIT = 60         # seconds for the added devices' first stored consumption
RS485_TIMEOUT_MS = 300  # the EWS's Modbus timeout (ews.modbus.timeout default, docs/scenario-format.md)


class Process:
    """A command whose output is read to the end (never blocking on a full pipe); `wait_for`
    returns the first match of a pattern in it."""

    def __init__(self, command, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w", encoding="utf-8")
        self.lines = []
        self.changed = threading.Condition()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        bufsize=1)
        self.reader = threading.Thread(target=self._pump, daemon=True)
        self.reader.start()

    def _pump(self):
        for line in self.process.stdout:
            self.log.write(line)
            self.log.flush()
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.lines.append(None)
            self.changed.notify_all()

    def wait_for(self, pattern, seconds=SERVER_START):
        deadline = time.monotonic() + seconds
        with self.changed:
            while True:
                for line in self.lines:
                    match = line is not None and re.search(pattern, line)
                    if match:
                        return match
                left = deadline - time.monotonic()
                if None in self.lines or left <= 0:
                    pytest.fail(f"no line matching {pattern!r} within {seconds} s (exit status "
                                f"{self.process.poll()}); output in {self.log_path}:\n{''.join(l for l in self.lines if l)[-3000:]}")
                self.changed.wait(left)

    def stop(self):
        """SIGTERM, then the exit status (SIGKILL after 20 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)
        self.log.close()
        return self.process.returncode


def serving(folder, log_path, scenario):
    """`ews serve` of `scenario` on a new data folder: {"url", "data", "live"} (the process)."""
    served = Process([EWS, "serve", str(scenario), "--data", str(folder / "data"), "--listen", "127.0.0.1:0",
                      "--plain-http", "--speed", str(SPEED)], log_path)
    url = served.wait_for(r"pages on (http://127\.0\.0\.1:\d+) \(data in ").group(1)
    return {"url": url, "data": folder / "data", "live": served}


@pytest.fixture(scope="module")
def site(tmp_path_factory, artefacts):
    """`ews serve` of the empty EWS 32: {"url", "data", "live"}."""
    served = serving(tmp_path_factory.mktemp("config-devices"), artefacts / "config-devices-serve.log",
                     SCENARIOS / "empty-32.yaml")
    try:
        yield served
    finally:
        status = served["live"].stop()
    assert status == 0, f"`ews serve` exited {status}; see its log"


class Answer:
    def __init__(self, status, text):
        self.status_code = status
        self.text = text

    def json(self):
        return json.loads(self.text)


class Api:
    """A logged-in client of the API (the standard library's HTTP, its own cookies and CSRF token)."""

    def __init__(self, base, account):
        self.base = base + "/api/v1"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None
        answer = self.post("/session/login", {"pin": account.pin, "puk": account.puk.replace(" ", "")})
        assert answer.status_code == 200, answer.text
        self.csrf = answer.json()["csrfToken"]

    def _send(self, request):
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode())

    def get(self, path):
        return self._send(urllib.request.Request(self.base + path, headers={"Accept": "application/json"}))

    def post(self, path, body):
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        return self._send(urllib.request.Request(self.base + path, data=json.dumps(body).encode(), headers=headers,
                                                 method="POST"))

    def configuration(self):
        answer = self.get("/configuration")
        assert answer.status_code == 200, answer.text
        return answer.json()

    def change(self, edits, base=None, summary="test"):
        version = self.configuration()["version"] if base is None else base
        return self.post("/configuration/changes", {"baseVersion": version, "summary": summary, "edits": edits})


# ---------------------------------------------------------------------------------------------
# (a) an installer sets the site up from the pages alone


def select(driver, test, value):
    """Chooses the option whose value (the DOM property: an option without a value attribute
    has its text as value) is `value`."""
    box = Select(wait_for(driver, test, clickable=True))
    for option in box.options:
        if option.get_property("value") == value:
            option.click()
            return
    pytest.fail(f"{test}: no option {value!r} among {[o.get_property('value') for o in box.options]}")


FORM_FIELDS = ("name", "address", "position", "side", "phase", "ip", "port", "family", "model", "concentrator")


def save(driver):
    """Clicks Save; the saved notice's data-test, or the refused field's error."""
    click(driver, "cfg-save")
    return wait_any(driver, "cfg-saved", "field-error-_form", *(f"field-error-{f}" for f in FORM_FIELDS))


def saved(driver):
    state = save(driver)
    if state != "cfg-saved":
        pytest.fail(f"Save refused: {driver.find_element(By.CSS_SELECTOR, css(state)).text}")


def fill_device(driver, family, model, address, name="", position=None, concentrator=None, side=None, phase=None):
    click(driver, "device-add")
    wait_for(driver, "device-form")
    select(driver, "cfg-family", family)
    select(driver, "cfg-model", model)
    type_into(driver, "cfg-address", address)
    if position is not None:
        type_into(driver, "cfg-position", position)
    if concentrator is not None:
        select(driver, "cfg-concentrator", concentrator)
    if side is not None:
        select(driver, "cfg-side", side)
    if phase is not None:
        select(driver, "cfg-phase", phase)
    if name:
        type_into(driver, "cfg-name", name)


def device_names(driver):
    wait_for(driver, "device-list")
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, f'{css("device-list")} {css("device-name")}')]


def day_total_in_database(data, device_id, date):
    """The device's consumption on `date` (site local day) as the site database stores it."""
    day = (datetime.date.fromisoformat(date) - datetime.date(1970, 1, 1)).days
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True, timeout=10) as db:
        row = db.execute("SELECT value FROM buckets WHERE kind = 0 AND subject = ? AND resolution = 2 AND key = ?",
                         (device_id, day)).fetchone()
    return row[0] if row else None


ADDED = ["Main meter", "6-1", "Counter two", "Station A", "7-2"]


def check(driver, test):
    """Ticks the check box `test` whose value is `value` (a group on the device form)."""
    box = wait_for(driver, test, clickable=True)
    if not box.is_selected():
        box.click()


def configure_from_pages(driver, url, data, shot, g, prefix=""):
    """An installer sets the site up from the pages alone: a load, a group and a panel board; gateway
    `g` (the next one) on that board with a meter on that load and in that group, a pulse
    concentrator with two positions, a two-sided station; two tariffs and three rules; the Green'Up
    settings. Then the new devices are polled (status on, values) and their consumption, the load's
    and the group's are on the Consumptions pages as the site database stores them. `prefix` makes
    the names of the load, group and board new on a site that has some already."""
    load, group, board = f"{prefix}Pumps", f"{prefix}Roof", f"{prefix}Board R"
    site_pages.add_entry(driver, url, "/system/loads", load)
    site_pages.add_entry(driver, url, "/system/groups", group, "Roof plant")
    site_pages.add_entry(driver, url, "/system/panel-boards", board, "Roof technical room")
    shot(driver, "lists-added")

    # A new gateway (the served twin simulates it by its name); a port over 65535 is refused
    # next to its field.
    open_path(driver, url, "/system/gateways")
    click(driver, "gateway-add")
    wait_for(driver, "gateway-form")
    type_into(driver, "cfg-ip", "192.168.1.30")
    type_into(driver, "cfg-port", "99999")
    type_into(driver, "cfg-name", "Site gateway")
    select(driver, "cfg-panelBoard", board)
    assert save(driver) == "field-error-port", "a port over 65535 was accepted"
    shot(driver, "port-refused")
    type_into(driver, "cfg-port", "502")
    saved(driver)
    wait_for(driver, f"gateway-{g}")
    wait_for(driver, "cfg-test")
    click(driver, "cfg-test")
    result = wait_for(driver, "cfg-test-result")
    # Nothing configured behind it yet: the gateway's Test has no device to read.
    assert result.get_attribute("data-ok") == "false", result.text
    click(driver, "gateway-devices")

    # The meter, on the load and in the group chosen on its form (7.16.2.2-3); a pulse
    # concentrator's two positions (the first left unnamed: named address-position); a second
    # counter on a taken position is refused at Position.
    fill_device(driver, "energy-counter", "4 120 74", "5", name="Main meter")
    select(driver, "cfg-load", load)
    check(driver, f'cfg-group"][value="{group}')
    shot(driver, "meter-load-group")
    saved(driver)
    fill_device(driver, "pulse-counter", "Electricity counter", "6", position="1", concentrator="4 120 65")
    saved(driver)
    fill_device(driver, "pulse-counter", "Electricity counter", "6", position="1", concentrator="4 120 65",
                name="Counter two")
    assert save(driver) == "field-error-position"
    shot(driver, "position-taken")
    type_into(driver, "cfg-position", "2")
    saved(driver)

    # The two-sided station (old range: both sides on one address): side 1 saved, the other
    # side offered at once; its name left empty: address-side.
    fill_device(driver, "charging-station", "0 590 32", "7", name="Station A", side="1", phase="L1")
    click(driver, "cfg-save")
    wait_for(driver, "other-side")
    shot(driver, "other-side-offered")
    click(driver, "other-side-yes")
    wait_for(driver, "device-form")
    assert wait_for(driver, "cfg-side").get_attribute("value") == "2"
    select(driver, "cfg-phase", "L2")
    saved(driver)
    open_path(driver, url, f"/system/gateways/{g}/devices")
    assert device_names(driver) == ADDED
    shot(driver, "devices")

    # Test of a device: the poller's probe through the served twin's simulated line.
    click(driver, "device-0")
    click(driver, "cfg-test")
    result = wait_for(driver, "cfg-test-result")
    wait_until_text = WebDriverWait(driver, WAIT).until(lambda d: result.text.strip() != "")
    assert wait_until_text and result.get_attribute("data-ok") == "true", result.text
    assert result.text.startswith("Test OK"), result.text
    shot(driver, "device-tested")

    # 7.16.3: two tariffs, three rules (first true wins).
    open_path(driver, url, "/system/bill")
    click(driver, "tariffs-edit")
    site_pages.add_tariff(driver, f"{prefix}Peak", "#d62728", "0.2")
    site_pages.add_tariff(driver, f"{prefix}Off-peak", "#2ca02c", "0.1")
    click(driver, "tariffs-back")
    site_pages.add_rule(driver, f"{prefix}Off-peak", days=["sat", "sun"])
    site_pages.add_rule(driver, f"{prefix}Peak", time=("06:00", "21:59"))
    site_pages.add_rule(driver, f"{prefix}Off-peak")
    shot(driver, "tariffs-rules")

    # 7.16.5: the Green'Up management settings (values other than the stored ones) and the new
    # station as a priority station.
    api = Api(url, DEFAULT_USERS["installer"])
    current = api.configuration()["scenario"].get("dlm") or {}
    hysteresis = 6 if current.get("hysteresis") == 5 else 5
    first_step = 85 if current.get("firstStep") == 80 else 80
    open_path(driver, url, "/system/green-up")
    type_into(driver, "dlm-hysteresis", str(hysteresis))
    type_into(driver, "dlm-firstStep", str(first_step))
    click(driver, "dlm-save")
    site_pages.saved(driver)
    click(driver, "priority-Station A")
    site_pages.saved(driver)
    shot(driver, "green-up")

    stored = api.configuration()
    scenario = stored["scenario"]
    gateway = scenario["installation"]["gateways"][g]
    assert gateway["panelBoard"] == board, gateway
    assert gateway["devices"][0]["load"] == load and gateway["devices"][0]["groups"] == [group], gateway["devices"][0]
    tariffs = scenario["tariffs"]["electricity"]
    assert [t["name"] for t in tariffs["tariffs"]][-2:] == [f"{prefix}Peak", f"{prefix}Off-peak"], tariffs
    assert [r["tariff"] for r in tariffs["rules"]][-3:] == [f"{prefix}Off-peak", f"{prefix}Peak", f"{prefix}Off-peak"]
    assert (scenario["dlm"]["hysteresis"], scenario["dlm"]["firstStep"]) == (hysteresis, first_step), scenario["dlm"]
    assert "Station A" in scenario["dlm"]["priorityStations"]

    # The served twin simulates them: polled (status on, values) from the next cycle.
    devices = stored["installation"][g]["devices"]
    assert [d["name"] for d in devices] == ADDED
    ids = {d["id"]: d["name"] for d in devices}
    wait_until(driver, "the new devices polled", lambda: all(
        d["status"] == "on" for d in api.get("/site/live").json()["devices"] if d["id"] in ids)
        and ids.keys() <= {d["id"] for d in api.get("/site/live").json()["devices"]})
    for device_id, name in ids.items():
        values = api.get(f"/site/live/devices/{device_id}").json()["values"]
        assert values and any(v["value"] > 0 for v in values.values()), (name, values)

    # Their consumption is stored, and the Consumptions API (the pages' figures) shows what the
    # site database holds; so do the load's and the group's.
    deadline = time.monotonic() + POLL_WAIT
    pending = dict(ids)
    while pending and time.monotonic() < deadline:
        latest = api.get("/consumptions/site").json()["latestDate"]
        for device_id in list(pending):
            if latest and (day_total_in_database(data, device_id, latest) or 0) > 0:
                del pending[device_id]
        time.sleep(0.5)
    assert not pending, f"no consumption stored within {POLL_WAIT} s for {sorted(pending.values())}"
    for device_id, name in ids.items():
        before = day_total_in_database(data, device_id, latest)
        shown = api.get(f"/consumptions/details/device-{device_id}/day/{latest}").json()["series"][0]["total"]
        after = day_total_in_database(data, device_id, latest)
        assert before <= shown <= after, f"{name}: page {shown} Wh, database {before}..{after} Wh"
        assert shown > 0, name
    overview = api.get("/consumptions/site").json()
    for kind, name in ((site_pages.LOAD_KIND, load), (site_pages.GROUP_KIND, group)):
        subject = next(x for x in overview["loads" if kind == site_pages.LOAD_KIND else "groups"] if x["name"] == name)
        stored_rows = site_pages.rows(data, kind, subject["id"], resolution=1)
        assert stored_rows and sum(stored_rows.values()) > 0, (name, stored_rows)
    # The page itself: Details of the new meter shows its bars.
    open_path(driver, url, "/consumptions/details")
    Select(wait_for(driver, "device-select")).select_by_value(f"device-{devices[0]['id']}")
    wait_until(driver, "the new meter's bars",
               lambda: driver.find_elements(By.CSS_SELECTOR, f'[data-test^="bar-device-{devices[0]["id"]}-"]'))
    shot(driver, "meter-consumption")
    return api


def test_installer_sets_up_an_empty_ews32_from_the_pages(site, browsers, shot):
    installer = DEFAULT_USERS["installer"]
    driver = browsers((1366, 900), "installer")
    open_path(driver, site["url"], "/")
    login_with_puk(driver, installer)

    # System configuration: the section tiles; Gateways and devices opens the gateway list,
    # with the Local gateway of the EWS 32 (127.0.0.1, no Delete, only OFF).
    open_path(driver, site["url"], "/system")
    wait_for(driver, "tile-loads")
    shot(driver, "system-tiles")
    click(driver, "tile-gateways")
    click(driver, "gateway-0")
    wait_for(driver, "gateway-form")
    assert wait_for(driver, "cfg-ip").get_attribute("readonly") is not None
    assert wait_for(driver, "cfg-ip").get_attribute("value") == "127.0.0.1"
    assert not present(driver, "cfg-delete")
    shot(driver, "local-gateway")

    api = configure_from_pages(driver, site["url"], site["data"], shot, 1)

    # ON/OFF of a device: stored, and back ON.
    open_path(driver, site["url"], "/system/gateways/1/devices/2")
    assert wait_for(driver, "cfg-onoff").get_attribute("data-on") == "true"
    click(driver, "cfg-onoff")
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, css("cfg-onoff")).get_attribute("data-on") == "false")
    assert api.configuration()["scenario"]["installation"]["gateways"][1]["devices"][2]["on"] is False
    assert wait_for(driver, "device-2").get_attribute("data-on") == "false"
    shot(driver, "device-off")
    click(driver, "cfg-onoff")
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, css("cfg-onoff")).get_attribute("data-on") == "true")

    # Delete asks first; a gateway that still has devices is not erased (manual 7.16.1.5).
    version = api.configuration()["version"]
    open_path(driver, site["url"], "/system/gateways/1")
    click(driver, "cfg-delete")
    assert "Site gateway" in wait_for(driver, "delete-question").text
    shot(driver, "delete-confirmation")
    click(driver, "cfg-erase")
    refusal = wait_for(driver, "field-error-_form")
    assert "delete them first" in refusal.text, refusal.text
    assert api.configuration()["version"] == version

    # A virtual gateway (a slave web server) and a WSMEASURE device reading all its loads:
    # the address is fixed (247), the Remote ID given with All.
    open_path(driver, site["url"], "/system/gateways/new")
    select(driver, "cfg-kind", "virtual")
    type_into(driver, "cfg-ip", "127.0.0.44")
    type_into(driver, "cfg-name", "Slave")
    saved(driver)
    click(driver, "gateway-devices")
    click(driver, "device-add")
    wait_for(driver, "device-form")
    assert [o.get_property("value") for o in Select(wait_for(driver, "cfg-family")).options] == ["wsmeasure"]
    select(driver, "cfg-model", "WSMEASURE")
    assert present(driver, "address-fixed") and not present(driver, "cfg-address")
    click(driver, "cfg-remote-all")
    type_into(driver, "cfg-name", "Slave total")
    saved(driver)
    wait_text(driver, "device-0", re.compile(r"247-29999\b.*", re.S))
    shot(driver, "wsmeasure")
    slave = api.configuration()["scenario"]["installation"]["gateways"][2]
    assert slave["kind"] == "virtual" and slave["devices"][0]["remoteId"] == 29999, slave
    # Removed again (device, then gateway), through the confirmation pages.
    open_path(driver, site["url"], "/system/gateways/2/devices/0/delete")
    click(driver, "cfg-erase")
    wait_text(driver, "capacity", re.compile(r".*\b0 of 32 on this gateway"))
    open_path(driver, site["url"], "/system/gateways/2/delete")
    click(driver, "cfg-erase")
    wait_for(driver, "gateway-list")
    assert len(api.configuration()["scenario"]["installation"]["gateways"]) == 2


# ---------------------------------------------------------------------------------------------
# (b) every rule of 7.16.1 through the API: 422 naming the field, nothing stored

G = "installation.gateways"
METER = {"name": "Rule meter", "family": "energy-counter", "model": "4 120 74", "address": 21}

# (what is tried, the edits on top of a gateway "Rules gateway" at index 2 holding METER, the
# field the refusal must name). Gateway 1 is the installer's (addresses 5, 6 and 7 taken).
RULES = [
    ("gateway IP address not an IPv4", [("set", f"{G}[2].ip", "300.1.2.3")], f"{G}[2].ip"),
    ("gateway IP address missing", [("append", G, {"name": "No IP", "kind": "physical", "devices": []})], f"{G}[3]"),
    ("gateway port over 65535", [("set", f"{G}[2].port", 70000)], f"{G}[2].port"),
    ("gateway name used twice", [("set", f"{G}[2].name", "Site gateway")], f"{G}[2].name"),
    ("Local gateway's address changed", [("set", f"{G}[0].ip", "10.0.0.9")], f"{G}[0].ip"),
    ("Local gateway deleted", [("remove", f"{G}[0]", None)], f"{G}[0]"),
    ("gateway with devices deleted", [("remove", f"{G}[2]", None)], f"{G}[2]"),
    ("EQ device without THD", [("set", f"{G}[2].eqDevice", "Rule meter")], f"{G}[2].eqDevice"),
    ("EQ device not on the gateway", [("set", f"{G}[2].eqDevice", "Nobody")], f"{G}[2].eqDevice"),
    ("Modbus address 0", [("set", f"{G}[2].devices[0].address", 0)], f"{G}[2].devices[0].address"),
    ("Modbus address 248", [("set", f"{G}[2].devices[0].address", 248)], f"{G}[2].devices[0].address"),
    ("Modbus address used twice on a bus",
     [("append", f"{G}[2].devices", {"family": "energy-counter", "model": "4 120 74", "address": 21})],
     f"{G}[2].devices[1].address"),
    ("device name used twice", [("set", f"{G}[2].devices[0].name", "Main meter")], f"{G}[2].devices[0].name"),
    ("unknown family", [("set", f"{G}[2].devices[0].family", "toaster")], f"{G}[2].devices[0].family"),
    ("model not of its family", [("set", f"{G}[2].devices[0].model", "0 590 32")], f"{G}[2].devices[0].model"),
    ("pulse counter without position",
     [("append", f"{G}[2].devices", {"family": "pulse-counter", "model": "Water counter", "address": 22,
                                      "concentrator": "4 120 65", "medium": "water"})],
     f"{G}[2].devices[1].position"),
    ("pulse position beyond the concentrator's inputs",
     [("append", f"{G}[2].devices", {"family": "pulse-counter", "model": "Water counter", "address": 22,
                                      "concentrator": "4 120 65", "medium": "water", "position": 40})],
     f"{G}[2].devices[1].position"),
    ("unknown concentrator",
     [("append", f"{G}[2].devices", {"family": "pulse-counter", "model": "Water counter", "address": 22,
                                      "concentrator": "9 999 99", "medium": "water", "position": 1})],
     f"{G}[2].devices[1].concentrator"),
    ("two-sided station without side",
     [("append", f"{G}[2].devices", {"family": "charging-station", "model": "0 590 32", "address": 23, "phase": "L1"})],
     f"{G}[2].devices[1].side"),
    ("station side 3",
     [("append", f"{G}[2].devices", {"family": "charging-station", "model": "0 590 32", "address": 23, "side": 3,
                                      "phase": "L1"})],
     f"{G}[2].devices[1].side"),
    ("single-phase station without phase",
     [("append", f"{G}[2].devices", {"family": "charging-station", "model": "0 590 10", "address": 23})],
     f"{G}[2].devices[1].phase"),
    ("supply direction unknown", [("set", f"{G}[2].devices[0].supply", "sideways")], f"{G}[2].devices[0].supply"),
    ("generic meter: read code 5",
     [("append", f"{G}[2].devices", {"family": "generic-modbus", "model": "Generic Modbus meter", "address": 24,
                                      "generic": {"function": 5, "register": "0x0100", "words": 2, "multiplier": 1}})],
     f"{G}[2].devices[1].generic.function"),
    ("generic meter: register not hexadecimal",
     [("append", f"{G}[2].devices", {"family": "generic-modbus", "model": "Generic Modbus meter", "address": 24,
                                      "generic": {"function": 3, "register": "0x1G", "words": 2, "multiplier": 1}})],
     f"{G}[2].devices[1].generic.register"),
    ("generic meter: 5 words",
     [("append", f"{G}[2].devices", {"family": "generic-modbus", "model": "Generic Modbus meter", "address": 24,
                                      "generic": {"function": 3, "register": "0x0100", "words": 5, "multiplier": 1}})],
     f"{G}[2].devices[1].generic.words"),
    ("generic meter: multiplier 0",
     [("append", f"{G}[2].devices", {"family": "generic-modbus", "model": "Generic Modbus meter", "address": 24,
                                      "generic": {"function": 3, "register": "0x0100", "words": 2, "multiplier": 0}})],
     f"{G}[2].devices[1].generic.multiplier"),
    ("WSMEASURE on an RS485 gateway",
     [("append", f"{G}[2].devices", {"family": "wsmeasure", "model": "WSMEASURE", "remoteId": 10001})],
     f"{G}[2].devices[1].family"),
    ("WSMEASURE Remote ID out of range",
     [("append", G, {"name": "Slave", "kind": "virtual", "ip": "127.0.0.9",
                     "devices": [{"family": "wsmeasure", "model": "WSMEASURE", "name": "Slave all", "remoteId": 5}]})],
     f"{G}[3].devices[0].remoteId"),
    ("ON/OFF not a boolean", [("set", f"{G}[2].devices[0].on", "maybe")], f"{G}[2].devices[0].on"),
    ("exclude from totals not a boolean", [("set", f"{G}[2].devices[0].excludeFromTotals", 3)],
     f"{G}[2].devices[0].excludeFromTotals"),
    ("33rd address on one gateway",
     [("set", f"{G}[2].devices", [{"family": "energy-counter", "model": "4 120 74", "address": a} for a in range(100, 133)])],
     f"{G}[2].devices[32]"),
]


def edits_of(changes):
    return [{"op": op, "path": path, **({} if op == "remove" else {"value": value})} for op, path, value in changes]


def stored(api):
    body = api.configuration()
    return body["version"], body["scenario"]


def test_every_gateway_and_device_rule_refused_with_its_field_and_nothing_stored(site):
    api = Api(site["url"], DEFAULT_USERS["installer"])
    gateways = api.configuration()["scenario"]["installation"]["gateways"]
    if len(gateways) < 3:  # the rules' own gateway, after the installer's
        answer = api.change(edits_of([("append", G, {"name": "Rules gateway", "kind": "physical", "ip": "127.0.0.2",
                                                     "devices": [METER]})]))
        assert answer.status_code == 200, answer.text
    failures = []
    for what, changes, field in RULES:
        version, before = stored(api)
        answer = api.change(edits_of(changes), base=version, summary=what)
        after_version, after = stored(api)
        if answer.status_code != 422:
            failures.append(f"{what}: {answer.status_code} {answer.text[:300]}")
        else:
            errors = answer.json()["errors"]
            fields = [e["field"] for e in errors]
            if not any(f == field or f.startswith(field + ".") or f.startswith(field + "[") for f in fields):
                failures.append(f"{what}: fields {fields}, not {field}: {errors}")
            if not all(e["message"] for e in errors):
                failures.append(f"{what}: an error without its message: {errors}")
        if (after_version, after) != (version, before):
            failures.append(f"{what}: the stored configuration changed ({version} -> {after_version})")
    assert not failures, "\n".join(failures)


def test_generic_modbus_meter_from_its_four_fields_is_stored(site):
    """The Generic Modbus meter (manual 7.16.1.3): read code, register in hex, words, multiplier."""
    api = Api(site["url"], DEFAULT_USERS["installer"])
    generic = {"name": "Generic meter", "family": "generic-modbus", "model": "Generic Modbus meter", "address": 25,
               "generic": {"function": 4, "register": "0x0100", "words": 2, "multiplier": 0.5}}
    answer = api.change(edits_of([("append", f"{G}[2].devices", generic)]))
    assert answer.status_code == 200, answer.text
    configuration = api.configuration()
    stored_device = configuration["scenario"]["installation"]["gateways"][2]["devices"][-1]
    assert stored_device["generic"] == generic["generic"], stored_device
    assert configuration["installation"][2]["devices"][-1]["name"] == "Generic meter"
    answer = api.change(edits_of([("remove", f"{G}[2].devices[{len(configuration['installation'][2]['devices']) - 1}]", None)]))
    assert answer.status_code == 200, answer.text


def test_capacity_of_the_ews32_is_enforced(site):
    """32 devices at most on an EWS 32: the 33rd is refused, nothing stored."""
    api = Api(site["url"], DEFAULT_USERS["installer"])
    configuration = api.configuration()
    assert configuration["variant"] == "32"
    assert configuration["capacity"]["devices"] == 32 and configuration["capacity"]["devicesPerGateway"] == 32
    used = configuration["capacity"]["used"]
    spare = [{"family": "energy-counter", "model": "4 120 74", "address": 150 + i} for i in range(33 - used)]
    local = configuration["scenario"]["installation"]["gateways"][0]
    assert local["kind"] == "local"
    answer = api.change(edits_of([("set", f"{G}[0].devices", spare)]), base=configuration["version"])
    assert answer.status_code == 422, answer.text
    assert "at most 32 devices" in answer.text, answer.text
    assert api.configuration()["version"] == configuration["version"]


def test_stale_save_is_refused_and_nothing_stored(site):
    api = Api(site["url"], DEFAULT_USERS["installer"])
    other = Api(site["url"], DEFAULT_USERS["administrator"])
    version, _ = stored(api)
    first = other.change(edits_of([("set", f"{G}[1].description", "Saved by the administrator")]), base=version)
    assert first.status_code == 200, first.text
    assert first.json()["version"] == version + 1
    stale = api.change(edits_of([("set", f"{G}[1].description", "Saved by the installer")]), base=version)
    assert stale.status_code == 409, stale.text
    assert stale.json()["error"] == "stale" and stale.json()["version"] == version + 1, stale.text
    now_version, scenario = stored(api)
    assert now_version == version + 1
    assert scenario["installation"]["gateways"][1]["description"] == "Saved by the administrator"
    versions = api.get("/configuration/versions").json()
    assert versions[-1]["version"] == version + 1 and versions[-1]["author"] == "administrator", versions[-1]


@pytest.fixture(scope="module")
def silent_gateway():
    """A dead RS485/IP gateway: a TCP peer on 127.0.0.1 (a port chosen by the kernel) that accepts
    Modbus connections and never answers. Yields its port."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except socket.timeout:
                continue
            except OSError:
                return

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        acceptor.join(timeout=5)
        for connection in held:
            connection.close()
        server.close()


@pytest.fixture(scope="module")
def live_site(tmp_path_factory, artefacts):
    """`ews live` of the empty EWS 32 (it polls what its configuration names, as the box): a
    dead device needs a real silent peer, since `ews serve` simulates every configured device."""
    folder = tmp_path_factory.mktemp("config-devices-live")
    live = Process([EWS, "live", str(SCENARIOS / "empty-32.yaml"), "--data", str(folder / "data"),
                    "--web-listen", "127.0.0.1:0", "--plain-http", "--speed", str(SPEED)],
                   artefacts / "config-devices-live.log")
    try:
        yield {"url": live.wait_for(r"pages on (http://127\.0\.0\.1:\d+)").group(1)}
    finally:
        status = live.stop()
    assert status == 0, f"`ews live` exited {status}; see its log"


def test_test_of_a_dead_device_reports_its_timeout_in_time(live_site, silent_gateway):
    """A meter behind a gateway that never answers: the Test fails with the line's diagnostic,
    within the RS485 timeout plus the poll in flight."""
    api = Api(live_site["url"], DEFAULT_USERS["installer"])
    configuration = api.configuration()
    answer = api.change(edits_of([("append", G, {
        "name": "Dead gateway", "kind": "physical", "ip": "127.0.0.1", "port": silent_gateway,
        "devices": [{"name": "Dead meter", "family": "energy-counter", "model": "4 120 74", "address": 9}]})]),
        base=configuration["version"])
    assert answer.status_code == 200, answer.text
    started = time.monotonic()
    test = api.post("/configuration/test/device", {"gateway": 1, "device": 0})
    wall = time.monotonic() - started
    assert test.status_code == 200, test.text
    outcome = test.json()
    assert outcome["ok"] is False and outcome["device"] == "Dead meter", outcome
    # Behind an RS485/IP gateway a silent unit is reported by the gateway (exception 11, "gateway
    # target device failed to respond", after its own RS485 timeout); a line with no answer at
    # all times out.
    assert re.search(r"Test failed: (timeout|exception 11 )", outcome["message"]), outcome
    # The probe's own time is the line's: one timeout, plus at most the transaction in flight.
    assert outcome["elapsedMs"] <= 2 * RS485_TIMEOUT_MS * SPEED + 1000, outcome
    assert wall < 10, f"the Test answered after {wall:.1f} s"
    missing = api.post("/configuration/test/device", {"gateway": 1, "device": 99})
    assert missing.status_code == 404 and missing.json()["error"]["field"] == "device", missing.text


# ---------------------------------------------------------------------------------------------
# (c) rights: the user may not; (d) the stored result validates

ROUTES = [("GET", "/configuration", None), ("GET", "/configuration/versions", None),
          ("GET", "/configuration/catalogue", None),
          ("POST", "/configuration/changes", {"baseVersion": 1, "summary": "x", "edits": [{"op": "remove", "path": "ews"}]}),
          ("POST", "/configuration/test/gateway", {"gateway": 0}),
          ("POST", "/configuration/test/device", {"gateway": 1, "device": 0})]


def test_user_gets_403_on_every_configuration_route_installer_may(site):
    user = Api(site["url"], DEFAULT_USERS["user"])
    installer = Api(site["url"], DEFAULT_USERS["installer"])
    version = installer.configuration()["version"]
    for method, path, body in ROUTES:
        answer = user.get(path) if method == "GET" else user.post(path, body)
        assert answer.status_code == 403, f"user: {method} {path}: {answer.status_code}"
        assert answer.json()["error"]["code"] == "forbidden"
        if method == "GET":
            assert installer.get(path).status_code == 200, path
    assert installer.configuration()["version"] == version


def test_exported_configuration_validates(site, tmp_path):
    """Last: stops the EWS (the data folder's lock) and checks what the pages stored."""
    assert site["live"].stop() == 0
    exported = tmp_path / "exported.yaml"
    with open(exported, "w", encoding="utf-8") as out:
        subprocess.run([EWS, "config", "export", "--data", str(site["data"])], stdout=out, check=True, timeout=60)
    text = exported.read_text(encoding="utf-8")
    assert "Site gateway" in text and "Station A" in text
    check = subprocess.run([EWS, "validate", str(exported)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
