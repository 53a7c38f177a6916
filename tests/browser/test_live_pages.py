"""The live pages (My panel board, Green'Up, Reports: alarms; docs/pages.md) in Debian's headless
chromium against `ews serve` of tests/browser/scenarios/live-pages.yaml at 10x, with situations
the scenario makes:

* the kitchen breaker, loaded far over its rating, shows "Tripped" on its selection button;
* the heat pump's meter, whose line never answers, shows "Communication error";
* an output command on the power supervision unit reaches the simulated relay: the page and the
  API read the output back from the device; the output configuration's Write is read back too;
* Start/Wait on the Green'Up management page stops and restarts the simulated station's charge,
  as the page shows it (the precise timing, two control periods and the station's response
  delay, is checked in virtual time by tests/run/stack_commands_test.cpp);
* the alarms page lists the stored events with the device's name, gateway and address, and
  its type filter keeps only that type.

Figures shown are compared with the API's (DOM text, not only the API). Screenshots of each step
go to $EWS_TEST_ARTEFACTS (default <build>/test-artefacts/browser). Nothing is skipped.
"""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import (DEFAULT_USERS, EN, PC, PHONE, SOURCE, api_get, browsers, click, css,  # noqa: F401
                        login_with_puk, open_path, running_serve, shot, wait_for, wait_text, wait_until)

SCENARIO = SOURCE / "tests" / "browser" / "scenarios" / "live-pages.yaml"
SPEED = 10
GREEN_UP_1 = "Green'Up 1"


@pytest.fixture(scope="module")
def server(tmp_path_factory, artefacts):  # noqa: F811 - the fixture imported above
    with running_serve(tmp_path_factory.mktemp("serve-live"), artefacts / "serve-live.log", SCENARIO, SPEED) as url:
        yield url


def device_ids(driver):
    status, overview = api_get(driver, "/api/v1/site/live")
    assert status == 200, overview
    return {d["name"]: d["id"] for d in overview["devices"]}


def device_values(driver, device_id):
    status, device = api_get(driver, f"/api/v1/site/live/devices/{device_id}")
    assert status == 200, device
    return {q: v["value"] for q, v in device["values"].items()}


def open_as(driver, server, account, path, shot=None):  # noqa: F811
    open_path(driver, server, "/login")
    login_with_puk(driver, DEFAULT_USERS[account])
    open_path(driver, server, path)


def test_panel_board_shows_the_tripped_breaker_and_the_communication_error(server, browsers, shot):  # noqa: F811
    driver = browsers(PC, "installer")
    open_as(driver, server, "installer", "/panel-board")
    ids = device_ids(driver)
    wait_for(driver, "device-buttons")
    # 70 kW through a 63 A breaker: it trips on overcurrent within 60 s of site time (6 s here).
    wait_text(driver, f"device-breaker-{ids['Kitchen']}", EN["live.breaker.tripped"])
    wait_text(driver, f"device-status-{ids['HVAC']}", EN["live.status.communicationError"])
    assert driver.find_element(By.CSS_SELECTOR, css(f"device-status-{ids['Main meter']}")).text == EN["live.status.on"]
    assert driver.find_element(By.CSS_SELECTOR, css(f"device-address-{ids['Gas']}")).text == "5-2"
    shot(driver, "tripped-and-offline")

    # The main meter's Measure page: every section its map provides, values as the API has them.
    click(driver, f"device-{ids['Main meter']}")
    for section in ("energy", "power", "voltageCurrent", "thd", "harmonics"):
        wait_for(driver, f"measure-{section}")
    voltage = wait_for(driver, "value-text-voltage.L1N").text
    assert re.fullmatch(r"2\d\d\.\d", voltage), voltage  # 1 decimal from 100 up (live.js formatValue)
    api_voltage = device_values(driver, ids["Main meter"])["voltage.L1N"]
    assert abs(float(voltage) - api_voltage) < 5.0, (voltage, api_voltage)  # a snapshot apart at most
    shot(driver, "main-meter-measure")

    # The filter by gateway keeps that gateway's devices only.
    Select(wait_for(driver, "panel-filter")).select_by_visible_text("Gateway: Car park gateway")
    wait_until(driver, "the car park devices only", lambda: not driver.find_elements(
        By.CSS_SELECTOR, css(f"device-{ids['Kitchen']}")))
    assert driver.find_elements(By.CSS_SELECTOR, css(f"device-{ids[GREEN_UP_1]}"))


def test_an_output_command_reaches_the_simulated_relay(server, browsers, shot):  # noqa: F811
    driver = browsers(PC, "administrator")
    open_as(driver, server, "administrator", "/panel-board")
    ids = device_ids(driver)
    relays = ids["Alarm relays"]
    click(driver, f"device-{relays}")
    click(driver, "tab-outputs")
    wait_text(driver, "output-state-2", "Output 2: " + EN["panel.rest"])
    click(driver, "output-toggle-2")
    wait_for(driver, "command-applied")
    # Read back from the simulated device by the poller, then shown at the next snapshot.
    wait_text(driver, "output-state-2", "Output 2: " + EN["panel.activated"])
    assert device_values(driver, relays)["output.2.state"] == 1
    shot(driver, "output-2-activated")

    click(driver, "tab-configuration")
    Select(wait_for(driver, "config-output")).select_by_value("3")
    Select(wait_for(driver, "config-mode")).select_by_value("1")
    Select(wait_for(driver, "config-command")).select_by_value("1")
    field = wait_for(driver, "config-ontime")
    field.clear()
    field.send_keys("15")
    click(driver, "config-write")
    wait_for(driver, "command-applied")
    wait_until(driver, "output 3's configuration read back", lambda: (
        lambda v: (v["output.3.mode"], v["output.3.command"], v["output.3.onTimeS"]) == (1, 1, 15))(
            device_values(driver, relays)))
    shot(driver, "output-3-configured")

    # A value the register cannot hold is refused with the server's reason, nothing written.
    field = wait_for(driver, "config-ontime")
    field.clear()
    field.send_keys("70000")
    click(driver, "config-write")
    assert "onTimeS" in wait_for(driver, "command-error").text
    assert device_values(driver, relays)["output.3.onTimeS"] == 15


def test_start_wait_on_the_green_up_page_stops_and_restarts_the_charge(server, browsers, shot):  # noqa: F811
    driver = browsers(PHONE, "greenUp")
    open_as(driver, server, "greenUp", "/green-up")
    wait_for(driver, "dlm-zone")
    status, green = api_get(driver, "/api/v1/green-up")
    station = next(s for s in green["stations"] if s["name"] == "Green'Up 2")
    click(driver, f"device-{station['id']}")
    wait_text(driver, f"station-state-{station['id']}", EN["live.stationState.charging"])
    wait_for(driver, "session-wait", clickable=True)
    shot(driver, "charging")

    def current():
        _, answer = api_get(driver, "/api/v1/green-up")
        s = next(s for s in answer["stations"] if s["id"] == station["id"])
        return s["currentsA"][1]  # the single-phase station is on L2

    assert current() > 5
    click(driver, "session-wait")
    wait_for(driver, "session-applied")
    wait_until(driver, "the station stops drawing", lambda: current() == 0)
    wait_text(driver, f"station-state-{station['id']}", EN["live.stationState.waiting"])
    assert driver.find_element(By.CSS_SELECTOR, css("session-wait")).get_attribute("aria-pressed") == "true"
    shot(driver, "waiting")

    click(driver, "session-start")
    wait_for(driver, "session-applied")
    wait_until(driver, "the station draws again", lambda: current() > 5)
    wait_text(driver, f"station-state-{station['id']}", EN["live.stationState.charging"])

    click(driver, "view-details")
    click(driver, "details-tab-about")
    assert wait_for(driver, "detail-model").text == station["model"]


def test_alarms_list_the_stored_events_named_and_filtered(server, browsers, shot):  # noqa: F811
    driver = browsers(PC, "user")
    open_as(driver, server, "user", "/reports/alarms")
    # The heat pump's meter went to communication error; the event is stored at the next sample.
    wait_until(driver, "a status event of HVAC", lambda: any(
        r["kind"] == "status" and r.get("device") == "HVAC"
        for r in api_get(driver, "/api/v1/alarms?kind=status&pageSize=200")[1]["rows"]))
    driver.refresh()
    wait_for(driver, "alarms-table")
    _, answer = api_get(driver, "/api/v1/alarms?page=1&pageSize=50")
    total = wait_for(driver, "alarms-total").text
    assert total.startswith(str(answer["total"])) or str(answer["total"]) in total, (total, answer["total"])
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, css("alarm-device-name"))]
    assert "HVAC" in names, names
    shot(driver, "alarms")
    Select(wait_for(driver, "alarm-kind")).select_by_value("dlm")
    wait_until(driver, "only load management events", lambda: (
        lambda rows: rows and all(r.get_attribute("data-kind") == "dlm" for r in rows))(
            driver.find_elements(By.CSS_SELECTOR, css("alarm-row"))))
    shot(driver, "alarms-dlm")
