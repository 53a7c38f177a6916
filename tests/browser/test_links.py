"""Link functionality (manual 8.2.3; docs/pages.md) in Debian's headless chromium against `ews
serve` of tests/browser/scenarios/links.yaml at 10x: EMS CX3 modules whose links the scenario
programs (as the EMS CX3 configuration software would), one of them to an address where no
module answers.

* the page lists the links the poller read from the modules' link tables: the event module on
  the left, the action module on the right, each with name, function, gateway and address; the
  broken link carries the alert icon and names its error;
* the modules of a link show the L symbol on My panel board's device buttons;
* switching the event module's output on (its order, from My panel board) switches the action
  module's output through the link, in the simulated modules, without the EWS writing to it:
  the action module's State/Com page shows its output on;
* Consumptions → Details shows the selected device's measured values (My panel board's sections
  B/C) equal to the live route's, for a user with the my_panel_board right, and the histogram
  only for one without it.

Nothing is skipped; screenshots go to $EWS_TEST_ARTEFACTS.
"""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import (DEFAULT_USERS, EN, PC, SOURCE, api_get, browsers, click, css,  # noqa: F401
                        login_with_puk, open_path, running_serve, shot, wait_for, wait_text, wait_until)

SCENARIO = SOURCE / "tests" / "browser" / "scenarios" / "links.yaml"
SPEED = 10


@pytest.fixture(scope="module")
def server(tmp_path_factory, artefacts):  # noqa: F811 - the fixture imported above
    with running_serve(tmp_path_factory.mktemp("serve-links"), artefacts / "serve-links.log", SCENARIO, SPEED) as url:
        yield url


def device_ids(driver):
    status, overview = api_get(driver, "/api/v1/site/live")
    assert status == 200, overview
    return {d["name"]: d["id"] for d in overview["devices"]}


def row_texts(driver):
    """Each shown link as (event name, link text, action name, action address, alert shown)."""
    rows = []
    for row in driver.find_elements(By.CSS_SELECTOR, "[data-test^='link-row-']"):
        def cell(test):
            return row.find_element(By.CSS_SELECTOR, css(test)).text
        rows.append((cell("link-event-name"), cell("link-function").replace("⚠", "").strip(), cell("link-action-name"),
                     cell("link-action-address"), bool(row.find_elements(By.CSS_SELECTOR, css("link-alert")))))
    return rows


def test_the_page_shows_the_links_read_from_the_modules(server, browsers, shot):  # noqa: F811
    driver = browsers(PC, "installer")
    open_path(driver, server, "/login")
    login_with_puk(driver, DEFAULT_USERS["installer"])
    open_path(driver, server, "/system/link")
    # The tables are read with the modules' other registers: within a few polls of the start.
    wait_until(driver, "three links shown", lambda: len(row_texts(driver)) == 3)
    follow = "→ " + EN["siteCfg.link.follow"]
    assert sorted(row_texts(driver)) == sorted([
        ("Door contact", "→ " + EN["siteCfg.link.inverse"], "Light contactor", "11", False),
        ("Fan switch", follow, "Fan relay", "9", False),
        ("Fan switch", follow, EN["siteCfg.link.unknownModule"], "12", True),
    ])
    broken = next(r for r in driver.find_elements(By.CSS_SELECTOR, "[data-test^='link-row-']")
                  if r.find_element(By.CSS_SELECTOR, css("link-action-address")).text == "12")
    alert = broken.find_element(By.CSS_SELECTOR, css("link-alert"))
    assert alert.get_attribute("title") == EN["siteCfg.link.peerMissing"]
    assert broken.find_element(By.CSS_SELECTOR, css("link-event-function")).text == EN["siteCfg.link.controlModule"]
    assert broken.find_element(By.CSS_SELECTOR, css("link-event-gateway")).text == "Local"
    assert broken.find_element(By.CSS_SELECTOR, css("link-event-address")).text == "8"
    # The page shows what the route gives, the route what the modules' registers hold.
    status, links = api_get(driver, "/api/v1/links")
    assert status == 200, links
    assert sorted((l["event"]["name"], l["action"]["address"], l["status"]) for l in links["links"]) == [
        ("Door contact", "11", "ok"), ("Fan switch", "12", "peer-missing"), ("Fan switch", "9", "ok")]
    shot(driver, "links")


def test_an_event_switches_the_linked_output(server, browsers, shot):  # noqa: F811
    driver = browsers(PC, "administrator")
    open_path(driver, server, "/login")
    login_with_puk(driver, DEFAULT_USERS["administrator"])
    open_path(driver, server, "/panel-board")
    ids = device_ids(driver)
    wait_for(driver, "device-buttons")
    for name in ("Fan switch", "Fan relay", "Door contact", "Light contactor"):
        wait_for(driver, f"device-function-{ids[name]}-link")
    assert not driver.find_elements(By.CSS_SELECTOR, css(f"device-function-{ids['Main meter']}-link"))

    click(driver, f"device-{ids['Fan relay']}")
    click(driver, "tab-state")
    wait_text(driver, "state-output-1", EN["panel.output"].replace("{n}", "1") + ": " + EN["panel.off"])

    # The event: the fan switch's output switched on by its order.
    click(driver, f"device-{ids['Fan switch']}")
    click(driver, "tab-state")
    click(driver, "command-on-1")
    wait_for(driver, "command-applied")
    wait_text(driver, "state-output-1", EN["panel.output"].replace("{n}", "1") + ": " + EN["panel.on"])

    # The action: the relay's output follows, the EWS wrote only to the switch.
    click(driver, f"device-{ids['Fan relay']}")
    click(driver, "tab-state")
    wait_text(driver, "state-output-1", EN["panel.output"].replace("{n}", "1") + ": " + EN["panel.on"])
    status, relay = api_get(driver, f"/api/v1/site/live/devices/{ids['Fan relay']}")
    assert status == 200 and relay["values"]["state.output.1"]["value"] == 1, relay
    assert relay["values"]["command.output.1"]["value"] == 1, relay
    shot(driver, "fan-relay-on")

    # And off again.
    click(driver, f"device-{ids['Fan switch']}")
    click(driver, "tab-state")
    click(driver, "command-off-1")
    wait_for(driver, "command-applied")
    click(driver, f"device-{ids['Fan relay']}")
    click(driver, "tab-state")
    wait_text(driver, "state-output-1", EN["panel.output"].replace("{n}", "1") + ": " + EN["panel.off"])


def test_details_shows_the_devices_live_values(server, browsers, shot):  # noqa: F811
    """Consumptions → Details (8.2.2.4) shows, beside the histogram, the device's measured values
    as My panel board does, for a user who also has the my_panel_board right; equal to the live
    route's (a snapshot apart at most: compared once both show the same snapshot)."""
    driver = browsers(PC, "administrator")
    open_path(driver, server, "/login")
    login_with_puk(driver, DEFAULT_USERS["administrator"])
    ids = device_ids(driver)
    open_path(driver, server, "/consumptions/details")
    Select(wait_for(driver, "device-select")).select_by_value(f"device-{ids['Main meter']}")
    wait_for(driver, "details-values")
    assert wait_for(driver, "device-detail-name").text == "Main meter"
    for section in ("energy", "power", "voltageCurrent", "thd", "harmonics"):
        wait_for(driver, f"measure-{section}")

    def shown_equals_route():
        status, device = api_get(driver, f"/api/v1/site/live/devices/{ids['Main meter']}")
        assert status == 200, device
        shown = {q: driver.find_element(By.CSS_SELECTOR, css(f"value-text-{q}")).text
                 for q in ("voltage.L1N", "current.L1", "power.active.total")}
        values = device["values"]
        # live.js formatValue: no decimal from 1000 up (with the thousands separator), 1 from
        # 100, 2 from 1, 3 below: equal to the rounding.
        def number(text):
            return float(text.replace(",", ""))
        return (abs(number(shown["voltage.L1N"]) - values["voltage.L1N"]["value"]) <= 0.05
                and abs(number(shown["current.L1"]) - values["current.L1"]["value"]) <= 0.005
                and abs(number(shown["power.active.total"]) - values["power.active.total"]["value"]) <= 0.5)
    wait_until(driver, "the values shown equal the live route's", shown_equals_route)
    shot(driver, "details-values")


def test_details_without_the_panel_board_right_shows_the_histogram_only(server, browsers):  # noqa: F811
    driver = browsers(PC, "user")
    open_path(driver, server, "/login")
    login_with_puk(driver, DEFAULT_USERS["user"])
    open_path(driver, server, "/consumptions/details")
    wait_for(driver, "device-select")
    wait_until(driver, "the histogram's table", lambda: driver.find_elements(By.CSS_SELECTOR, "table"))
    assert not driver.find_elements(By.CSS_SELECTOR, css("details-values"))
