"""System configuration, the site's sections (docs/pages.md, "System configuration: site"), in
Debian's headless chromium against `ews serve` of the shipped 255-device site at 60x (a 10-min
sample every 10 s):

* an installer, from the pages alone, adds a load, a measure group and a panel board, two
  electricity tariffs and three cost rules (the exception moved first with Move up), and the
  Green'Up settings; the result shows where the manual says (the Consumptions pages' tariffs,
  groups and loads), its numbers equal to the site database's; `ews config export` of the result
  validates;
* a price changed prices the consumption from the change on: the costs already recorded stay as
  they were (read from the site database before and after);
* a new sample rate starts at its next boundary, and the CSV tree's version follows manual 8.4.3
  (a new group bumps it, a sample rate does not);
* a Green'Up setting acts at the next control period (the Green'Up page's limits);
* every validation rule of 7.16.2 and 7.16.3 (and of the sample rate and Green'Up settings) tried
  through the API with a bad value: a 422 naming the field, the stored configuration unchanged
  (`ews config export` and the version compared before and after);
* role rights: the user gets "no access" on every page and 403 from the API; the installer may.

Screenshots go to $EWS_TEST_ARTEFACTS. Nothing is skipped.
"""
import re
import sqlite3
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import (DEFAULT_USERS, EN, EWS, PC, SOURCE, api_get, browsers, click, css,  # noqa: F401
                        login_with_puk, open_path, running_serve, shot, type_into, wait_any, wait_for, wait_text,
                        wait_until)

SCENARIO = SOURCE / "scenarios" / "site-255.yaml"
SPEED = 60
PAGES = {"/system/loads": "site-list-loads", "/system/groups": "site-list-groups",
         "/system/panel-boards": "site-list-panelBoards", "/system/bill": "site-bill",
         "/system/sample-rate": "site-sample-rate", "/system/green-up": "site-green-up",
         "/system/master-slave": "site-master-slave", "/system/link": "site-link"}
TOTAL_KIND, GROUP_KIND, LOAD_KIND = 3, 2, 1  # history::SeriesKind of the electricity total, groups, loads
SAMPLE = 0  # resolution of the sample rows
MINUTE_US = 60_000_000
SAMPLE_WAIT_S = 120


@pytest.fixture(scope="module")
def site(tmp_path_factory, artefacts):  # noqa: F811 - the fixture imported above
    folder = tmp_path_factory.mktemp("config-site")
    with running_serve(folder, artefacts / "serve-config-site.log", SCENARIO, SPEED) as url:
        yield url, folder / "data"


def api_send(driver, method, path, body):
    """A request with the session's CSRF token, from inside the page: [status, JSON body or None]."""
    return driver.execute_async_script(
        """
        const [method, path, body, done] = arguments;
        (async () => {
          const session = await (await fetch('/api/v1/session', {credentials: 'same-origin'})).json();
          const r = await fetch(path, {method, credentials: 'same-origin',
            headers: {Accept: 'application/json', 'Content-Type': 'application/json',
                      'X-CSRF-Token': session.csrfToken || ''},
            body: JSON.stringify(body)});
          let answer = null; try { answer = await r.json(); } catch (e) {}
          done([r.status, answer]);
        })().catch((e) => done([0, String(e)]));
        """, method, path, body)


def configuration(driver):
    status, answer = api_get(driver, "/api/v1/configuration")
    assert status == 200, answer
    return answer


def change(driver, edits, summary="test"):
    return api_send(driver, "POST", "/api/v1/configuration/changes",
                    {"baseVersion": configuration(driver)["version"], "summary": summary, "edits": edits})


def export(data):
    result = subprocess.run([EWS, "config", "export", "--data", str(data)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def login(driver, url, account, path):
    open_path(driver, url, "/login")
    login_with_puk(driver, DEFAULT_USERS[account])
    open_path(driver, url, path)


def rows(data, kind, subject, column="value", resolution=SAMPLE):
    """{key: value} of a subject's stored buckets (sample rows: key = instant in µs)."""
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        return dict(db.execute(f"SELECT key, {column} FROM buckets WHERE kind = ? AND subject = ? AND resolution = ?",
                               (kind, subject, resolution)))


def last_sample_us(data):
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'last_sample_us'").fetchone()
        return int(row[0]) if row else 0


def wait_samples(data, after_us, count):
    """Until `count` samples after the instant `after_us` are stored (10 s apart at 60x; a rebuild
    of the 255-device stack on a change takes a few seconds more)."""
    deadline = time.monotonic() + SAMPLE_WAIT_S
    while len([k for k in rows(data, TOTAL_KIND, 0) if k > after_us]) < count:
        assert time.monotonic() < deadline, f"{count} samples after {after_us}: not within {SAMPLE_WAIT_S} s"
        time.sleep(0.5)


def saved(driver):
    """The page's "Saved" notice after a save (an error fails with the page's message)."""
    shown = wait_any(driver, "config-saved", "config-error", "field-error-name", "field-error-tariff-name",
                     "field-error-prices", "field-error-days", "field-error-dates", "field-error-time")
    assert shown == "config-saved", driver.find_element(By.CSS_SELECTOR, css(shown)).text


def add_entry(driver, url, path, name, description=None):
    open_path(driver, url, path)
    click(driver, "entry-add")
    type_into(driver, "entry-name", name)
    if description is not None:
        type_into(driver, "entry-description", description)
    click(driver, "entry-save")
    saved(driver)
    wait_for(driver, f"entry-{name}")


def set_value(driver, test, value):
    """A colour or time input set as its picker does (typing depends on the browser's locale)."""
    driver.execute_script("const e = arguments[0]; e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));",
                          wait_for(driver, test), value)


def add_tariff(driver, name, colour, price):
    click(driver, "tariff-new")
    type_into(driver, "tariff-name", name)
    set_value(driver, "tariff-colour", colour)
    type_into(driver, "price-0", price)
    click(driver, "tariff-save")
    saved(driver)


def add_rule(driver, tariff, time=None, days=None):
    click(driver, "rule-add")
    Select(wait_for(driver, "rule-tariff")).select_by_visible_text(tariff)
    if time:
        for test, value in zip(("rule-time-from", "rule-time-to"), time):
            set_value(driver, test, value)
    if days is not None:
        click(driver, "rule-every-day")  # none
        for day in days:
            click(driver, f"rule-day-{day}")
    click(driver, "rule-save")
    saved(driver)


def rule_tariffs(driver):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, '[data-test^="rule-tariff-"]')]


def test_the_user_sees_no_configuration_page_and_the_installer_does(site, browsers, shot):  # noqa: F811
    url, _ = site
    user = browsers(PC, "user")
    login(user, url, "user", "/")
    for path in PAGES:
        open_path(user, url, path)
        wait_for(user, "forbidden")
    assert api_get(user, "/api/v1/configuration")[0] == 403
    status, _ = api_send(user, "POST", "/api/v1/configuration/changes",
                         {"baseVersion": 1, "summary": "x", "edits": [{"op": "set", "path": "ews.currency", "value": "USD"}]})
    assert status == 403
    shot(user, "user-forbidden")

    installer = browsers(PC, "installer")
    login(installer, url, "installer", "/")
    for path, content in PAGES.items():
        open_path(installer, url, path)
        wait_for(installer, content)
        assert not installer.find_elements(By.CSS_SELECTOR, css("config-load-error"))
    shot(installer, "installer-link-page")


def test_an_installer_configures_the_site_from_the_pages(site, browsers, shot):  # noqa: F811
    url, data = site
    driver = browsers(PC, "installer")
    login(driver, url, "installer", "/system/loads")
    csv_version = csv_tree_version(data)

    # 7.16.2: a load, a measure group, a panel board.
    add_entry(driver, url, "/system/loads", "Pumps")
    assert wait_for(driver, "entry-remote-Pumps").text == EN["siteCfg.remoteId"].replace("{id}", "20012")
    shot(driver, "load-added")
    add_entry(driver, url, "/system/groups", "Roof", "Roof plant")
    add_entry(driver, url, "/system/panel-boards", "Board R", "Roof technical room")
    shot(driver, "panel-board-added")
    stored = configuration(driver)["scenario"]["installation"]
    assert {"name": "Pumps"} in stored["loads"]
    assert {"name": "Roof", "description": "Roof plant"} in stored["groups"]
    assert {"name": "Board R", "description": "Roof technical room"} in stored["panelBoards"]
    # A new group changes the CSV files' columns: a new version (manual 8.4.3).
    wait_samples(data, last_sample_us(data), 1)  # the CSV tree writes its new layout with the next sample
    assert csv_tree_version(data) > csv_version

    # The site main meter on the new load and in the new group (the device settings, 7.16.2.2-3).
    assign_main_meter(driver, url)

    # 7.16.3: two tariffs, three rules; the weekend exception moved to the top with Move up.
    open_path(driver, url, "/system/bill")
    click(driver, "tariffs-edit")
    add_tariff(driver, "Peak", "#d62728", "0.2")
    add_tariff(driver, "Off-peak", "#2ca02c", "0.1")
    shot(driver, "tariffs")
    click(driver, "tariffs-back")
    add_rule(driver, "Peak", time=("06:00", "21:59"), days=["mon", "tue", "wed", "thu", "fri"])
    add_rule(driver, "Off-peak")
    add_rule(driver, "Off-peak", days=["sat", "sun"])
    assert rule_tariffs(driver) == ["Peak", "Off-peak", "Off-peak"]
    click(driver, "rule-up-2")
    saved(driver)
    click(driver, "rule-up-1")
    saved(driver)
    wait_until(driver, "the exception first", lambda: rule_tariffs(driver) == ["Off-peak", "Peak", "Off-peak"])
    assert [wait_for(driver, f"rule-order-{i}").text for i in range(3)] == ["1", "2", "3"]
    assert EN["siteCfg.bill.orderNote"] in wait_for(driver, "rules-order-note").text
    shot(driver, "rules")
    rules = configuration(driver)["scenario"]["tariffs"]["electricity"]["rules"]
    assert rules == [{"tariff": "Off-peak", "days": ["sat", "sun"]},
                     {"tariff": "Peak", "time": ["06:00", "21:59"], "days": ["mon", "tue", "wed", "thu", "fri"]},
                     {"tariff": "Off-peak"}]

    # 7.16.5: the management settings and a priority station.
    open_path(driver, url, "/system/green-up")
    type_into(driver, "dlm-hysteresis", "5")
    type_into(driver, "dlm-firstStep", "80")
    click(driver, "dlm-save")
    saved(driver)
    click(driver, "priority-A2 station 1")
    saved(driver)
    wait_text(driver, "priority-A2 station 1", EN["siteCfg.dlm.priority"])
    shot(driver, "green-up")
    dlm = configuration(driver)["scenario"]["dlm"]
    assert (dlm["hysteresis"], dlm["firstStep"]) == (5, 80)
    assert "A2 station 1" in dlm["priorityStations"]

    # The result where the manual shows it: the tariffs on Consumptions, priced samples stored.
    version = configuration(driver)["version"]
    changed_at = last_sample_us(data)
    wait_samples(data, changed_at, 2)
    open_path(driver, url, "/consumptions/tariffs-total")
    wait_until(driver, "the page on the configuration in force",
               lambda: api_get(driver, "/api/v1/consumptions/site")[1]["configVersion"] >= version)
    driver.refresh()
    _, answer = api_get(driver, "/api/v1/consumptions/tariffs/total/electricity/day/2026-01-06")
    assert [t["name"] for t in answer["tariffs"]] == ["Peak", "Off-peak"]
    off_peak = wait_for(driver, "tariff-total-1").text
    costs = rows(data, TOTAL_KIND, 0, "cost1")
    assert sum(v for v in costs.values() if v) > 0
    shown = float(re.sub(r"[^0-9.]", "", off_peak))
    stored_cost = sum(v for v in rows(data, TOTAL_KIND, 0, "cost1", resolution=2).values() if v)
    assert abs(shown - round(answer["tariffs"][1]["total"], 2)) < 0.006, (off_peak, answer["tariffs"][1])
    assert abs(answer["tariffs"][1]["total"] - stored_cost) < 0.01 + stored_cost * 0.05, (answer, stored_cost)
    shot(driver, "tariffs-total")

    # The new group and load on Partials (the site main meter counts in them).
    _, overview = api_get(driver, "/api/v1/consumptions/site")
    group = next(g for g in overview["groups"] if g["name"] == "Roof")
    load = next(x for x in overview["loads"] if x["name"] == "Pumps")
    open_path(driver, url, "/consumptions/partials")
    Select(wait_for(driver, "partials-subject")).select_by_value(group["key"])
    wait_for(driver, "bars-table")
    stored_group = rows(data, GROUP_KIND, group["id"], resolution=1)
    assert stored_group and sum(stored_group.values()) > 0
    total_text = wait_for(driver, f"total-{group['key']}").text
    divisor = float(wait_for(driver, "bars-table").get_attribute("data-divisor"))
    _, histogram = api_get(driver, f"/api/v1/consumptions/partials/{group['key']}/day/2026-01-06")
    assert total_text == f"{histogram['series'][0]['total'] / divisor:.3f}", (total_text, histogram['series'][0]['total'])
    assert rows(data, LOAD_KIND, load["id"], resolution=1)
    shot(driver, "partials-group")

    # What was saved is a valid scenario.
    exported = data.parent / "exported.yaml"
    exported.write_text(export(data))
    check = subprocess.run([EWS, "validate", str(exported)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


def assign_main_meter(driver, url):
    """The site main meter (gateway 0, device 0) on the Pumps load and in the Roof group, chosen on
    its device form (manual 7.16.2.2-3), its other groups kept."""
    before = configuration(driver)["scenario"]["installation"]["gateways"][0]["devices"][0]
    open_path(driver, url, "/system/gateways/0/devices/0")
    # By the options' value property: Preact sets no value attribute for select_by_value to find.
    next(o for o in Select(wait_for(driver, "cfg-load", clickable=True)).options if o.get_property("value") == "Pumps").click()
    box = wait_for(driver, 'cfg-group"][value="Roof', clickable=True)
    if not box.is_selected():
        box.click()
    click(driver, "cfg-save")
    wait_for(driver, "cfg-saved")
    device = configuration(driver)["scenario"]["installation"]["gateways"][0]["devices"][0]
    assert device["load"] == "Pumps" and device["groups"] == before["groups"] + ["Roof"], device


def csv_tree_version(data):
    """The highest N of the CSV tree's settings/devices_vN.csv."""
    found = [int(m.group(1)) for p in (data / "csv" / "settings").glob("devices_v*.csv")
             if (m := re.fullmatch(r"devices_v(\d+)\.csv", p.name))]
    return max(found, default=0)


def test_a_new_price_prices_from_the_change_on(site, browsers, shot):  # noqa: F811
    url, data = site
    driver = browsers(PC, "installer")
    login(driver, url, "installer", "/system/bill")
    plan = configuration(driver)["scenario"].get("tariffs", {}).get("electricity")
    if not plan or not plan.get("tariffs"):
        status, answer = change(driver, [{"op": "set", "path": "tariffs.electricity", "value": {
            "tariffs": [{"name": "Peak", "prices": [{"price": 0.2}]}, {"name": "Off-peak", "prices": [{"price": 0.1}]}],
            "rules": [{"tariff": "Off-peak"}]}}])
        assert status == 200, answer
    plan = configuration(driver)["scenario"]["tariffs"]["electricity"]
    position = next(i for i, t in enumerate(plan["tariffs"]) if t["name"] == "Off-peak")
    old_price = plan["tariffs"][position]["prices"][0]["price"]
    wait_samples(data, last_sample_us(data), 1)
    before = rows(data, TOTAL_KIND, 0, f"cost{position}")
    energy = rows(data, TOTAL_KIND, 0)

    click(driver, "tariffs-edit")
    click(driver, f"tariff-{position}")
    type_into(driver, "price-0", "0.3")
    click(driver, "tariff-save")
    saved(driver)
    changed_at = last_sample_us(data)
    wait_samples(data, changed_at, 3)
    after = rows(data, TOTAL_KIND, 0, f"cost{position}")
    energy_after = rows(data, TOTAL_KIND, 0)
    shot(driver, "price-changed")

    # Recorded costs are never rewritten.
    assert {k: after[k] for k in before} == before
    priced_before = [k for k, v in before.items() if v]
    assert priced_before, "no sample priced at the old price"
    for key in priced_before:
        assert before[key] == pytest.approx(energy[key] / 1000 * old_price, rel=1e-6)
    # Samples after the one in progress at the change are priced at the new price.
    new_keys = sorted(k for k in after if k > changed_at)[1:]
    assert new_keys
    for key in new_keys:
        assert after[key] == pytest.approx(energy_after[key] / 1000 * 0.3, rel=1e-6), key


def test_a_new_sample_rate_starts_on_its_next_boundary_and_keeps_the_csv_version(site, browsers, shot):  # noqa: F811
    url, data = site
    driver = browsers(PC, "installer")
    login(driver, url, "installer", "/system/sample-rate")
    version = csv_tree_version(data)
    wait_samples(data, last_sample_us(data), 1)
    Select(wait_for(driver, "sample-rate")).select_by_visible_text("5min")
    click(driver, "sample-rate-save")
    saved(driver)
    changed_at = last_sample_us(data)
    wait_text(driver, "sample-rate-current", EN["siteCfg.sampleRate.current"].replace("{rate}", "5min"))
    shot(driver, "sample-rate")
    wait_samples(data, changed_at, 3)
    keys = sorted(k for k in rows(data, TOTAL_KIND, 0) if k > changed_at)
    assert all(k % (5 * MINUTE_US) == 0 for k in keys), keys
    assert keys[0] - changed_at <= 10 * MINUTE_US  # the interval in progress ends on the next 5-min boundary
    assert [b - a for a, b in zip(keys, keys[1:])] == [5 * MINUTE_US] * (len(keys) - 1)
    assert csv_tree_version(data) == version  # 8.4.3: only the structure bumps the version


def test_a_green_up_setting_acts_at_the_next_control_period(site, browsers, shot):  # noqa: F811
    url, _ = site
    driver = browsers(PC, "greenUp")
    login(driver, url, "greenUp", "/system/green-up")
    type_into(driver, "dlm-maxChargingCurrent", "850")
    click(driver, "dlm-save")
    saved(driver)

    def limit():
        status, answer = api_get(driver, "/api/v1/green-up")
        assert status == 200, answer
        return answer["dlm"] and answer["dlm"]["maxChargingCurrentA"]
    wait_until(driver, "the DLM's charging limit at 850 A", lambda: limit() == 850)
    open_path(driver, url, "/green-up")
    wait_until(driver, "the limit shown", lambda: wait_for(driver, "limit-charging").text.startswith("850"))
    shot(driver, "green-up-limit")


# Every rule of 7.16.2 and 7.16.3 (and 7.16.4, 7.16.5) with a bad value: (edits, the field named).
ONE_TARIFF = {"name": "T1", "prices": [{"price": 0.1}]}


def electricity(tariffs=None, rules=None):
    value = {"tariffs": tariffs if tariffs is not None else [ONE_TARIFF]}
    if rules is not None:
        value["rules"] = rules
    return [{"op": "set", "path": "tariffs.electricity", "value": value}]


def append(path, value):
    return [{"op": "append", "path": path, "value": value}]


def set_(path, value):
    return [{"op": "set", "path": path, "value": value}]


MAIN = "installation.gateways[0].devices[0]"
PREDEFINED_LOADS = {"Heating", "Air conditioning", "Domestic hot water", "Lighting", "Ventilation", "Power sockets"}


def bad_changes(scenario):
    """The bad values, each with the field its refusal must name, for the configuration in force
    (an entry appended to a list is at the list's length)."""
    site = scenario["installation"]
    boards, loads, groups = (len(site.get(k, [])) for k in ("panelBoards", "loads", "groups"))
    user_loads = len([x for x in site.get("loads", []) if x["name"] not in PREDEFINED_LOADS])
    extra = [f"Extra {i}" for i in range(9 - user_loads)]  # one over the 8 user loads
    return {
        # 7.16.2.1 panel boards
        "panel board without a name": (append("installation.panelBoards", {"description": "x"}), f"installation.panelBoards[{boards}].name"),
        "panel board name used twice": (append("installation.panelBoards", {"name": "Board A1"}), f"installation.panelBoards[{boards}].name"),
        "gateway on an unknown panel board": (set_("installation.gateways[0].panelBoard", "Nowhere"), "installation.gateways[0].panelBoard"),
        "panel board enabled not a boolean": (set_("installation.panelBoards[0].enabled", "maybe"), "installation.panelBoards[0].enabled"),
        # 7.16.2.2 loads
        "load without a name": (append("installation.loads", {"enabled": False}), f"installation.loads[{loads}].name"),
        "load name used twice": (append("installation.loads", {"name": "Servers"}), f"installation.loads[{loads}].name"),
        "a ninth user load": ([e for n in extra for e in append("installation.loads", {"name": n})],
                              f"installation.loads[{loads + len(extra) - 1}].name"),
        "the Others pseudo-load": (append("installation.loads", {"name": "Others"}), f"installation.loads[{loads}].name"),
        "device on an unknown load": (set_(f"{MAIN}.load", "Nothing"), f"{MAIN}.load"),
        "load with an unknown key": (append("installation.loads", {"name": "X", "colour": "red"}), f"installation.loads[{loads}].colour"),
        # 7.16.2.3 measure groups
        "group without a name": (append("installation.groups", {"description": "x"}), f"installation.groups[{groups}].name"),
        "group name used twice": (append("installation.groups", {"name": "Tenant 1"}), f"installation.groups[{groups}].name"),
        "device in six groups": (set_(f"{MAIN}.groups", ["Building A", "Building B", "Building C", "Car park", "Tenant 1", "Tenant 2"]),
                                 f"{MAIN}.groups"),
        "device in a group twice": (set_(f"{MAIN}.groups", ["Building A", "Building A"]), f"{MAIN}.groups[1]"),
        "device in an unknown group": (set_(f"{MAIN}.groups", ["Nowhere"]), f"{MAIN}.groups[0]"),
        # 7.16.3 currency, gas conversion
        "unknown currency": (set_("ews.currency", "EUX"), "ews.currency"),
        "gas conversion factor 0": (set_("ews.gasConversion", 0), "ews.gasConversion"),
        # 7.16.3.1 tariffs
        "a sixth tariff": (electricity([{"name": f"T{i}", "prices": [{"price": 0.1}]} for i in range(6)]), "tariffs.electricity.tariffs[5]"),
        "tariff without a name": (electricity([{"prices": [{"price": 0.1}]}]), "tariffs.electricity.tariffs[0].name"),
        "tariff name used twice": (electricity([ONE_TARIFF, ONE_TARIFF]), "tariffs.electricity.tariffs[1].name"),
        "tariff colour not #RRGGBB": (electricity([{**ONE_TARIFF, "colour": "red"}]), "tariffs.electricity.tariffs[0].colour"),
        "tariff without a price": (electricity([{"name": "T1"}]), "tariffs.electricity.tariffs[0].prices"),
        "tariff with six prices": (electricity([{"name": "T1", "prices": [{"price": 0.1, "from": f"2026-0{m}-01"} for m in range(1, 7)]}]),
                                   "tariffs.electricity.tariffs[0].prices"),
        "negative price": (electricity([{"name": "T1", "prices": [{"price": -0.1}]}]), "tariffs.electricity.tariffs[0].prices[0].price"),
        "several prices without dates": (electricity([{"name": "T1", "prices": [{"price": 0.1}, {"price": 0.2}]}]),
                                         "tariffs.electricity.tariffs[0].prices[0].from"),
        "two prices on one day": (electricity([{"name": "T1", "prices": [{"price": 0.1, "from": "2026-01-01"},
                                                                          {"price": 0.2, "from": "2026-01-01"}]}]),
                                  "tariffs.electricity.tariffs[0].prices[1].from"),
        "price date that does not exist": (electricity([{"name": "T1", "prices": [{"price": 0.1, "from": "2026-02-30"}]}]),
                                           "tariffs.electricity.tariffs[0].prices[0].from"),
        # 7.16.3.1 cost rules
        "rule on an unknown tariff": (electricity(rules=[{"tariff": "T9"}]), "tariffs.electricity.rules[0].tariff"),
        "rule without a tariff": (electricity(rules=[{"days": ["mon"]}]), "tariffs.electricity.rules[0]"),
        "repeat every year without dates": (electricity(rules=[{"tariff": "T1", "repeatEveryYear": True}]),
                                            "tariffs.electricity.rules[0].repeatEveryYear"),
        "yearly rule with a year": (electricity(rules=[{"tariff": "T1", "dates": "2020-12-25", "repeatEveryYear": True}]),
                                    "tariffs.electricity.rules[0].dates"),
        "dated rule without a year": (electricity(rules=[{"tariff": "T1", "dates": "12-25"}]), "tariffs.electricity.rules[0].dates"),
        "rule period backwards": (electricity(rules=[{"tariff": "T1", "dates": ["2026-03-31", "2026-03-01"]}]),
                                  "tariffs.electricity.rules[0].dates"),
        "rule time not a time": (electricity(rules=[{"tariff": "T1", "time": ["25:00", "26:00"]}]), "tariffs.electricity.rules[0].time"),
        "rule time backwards": (electricity(rules=[{"tariff": "T1", "time": ["19:00", "07:00"]}]), "tariffs.electricity.rules[0].time"),
        "rule on no day": (electricity(rules=[{"tariff": "T1", "days": []}]), "tariffs.electricity.rules[0].days"),
        "rule day twice": (electricity(rules=[{"tariff": "T1", "days": ["mon", "mon"]}]), "tariffs.electricity.rules[0].days"),
        "rule unknown day": (electricity(rules=[{"tariff": "T1", "days": ["funday"]}]), "tariffs.electricity.rules[0].days"),
        "flat price beside tariffs": ([{"op": "set", "path": "tariffs.electricity", "value": {"flatPrice": 0.2, "tariffs": [ONE_TARIFF]}}],
                                      "tariffs.electricity.flatPrice"),
        "negative flat price": (set_("tariffs.gas.flatPrice", -1), "tariffs.gas.flatPrice"),
        # 7.16.4 sample rate
        "sample rate not dividing a day": (set_("ews.sampleRate", "7min"), "ews.sampleRate"),
        # 7.16.5 Green'Up
        "charging maximum above the maximum": (set_("dlm.maxChargingCurrent", 5000), "dlm.maxChargingCurrent"),
        "second step above the first": (set_("dlm.secondStep", 90), "dlm.secondStep"),
        "hysteresis over 100 %": (set_("dlm.hysteresis", 101), "dlm.hysteresis"),
        "priority station that is no station": (set_("dlm.priorityStations", ["Site main meter"]), "dlm.priorityStations[0]"),
        "total meter unknown": (set_("dlm.totalMeter", "Nothing"), "dlm.totalMeter"),
        # 7.16.6.1 Master/Slave
        "Modbus TCP server port 0": (set_("ews.modbus.tcpServerPort", 0), "ews.modbus.tcpServerPort"),
    }


def test_every_rule_refuses_a_bad_value_naming_the_field_and_stores_nothing(site, browsers):  # noqa: F811
    url, data = site
    driver = browsers(PC, "installer")
    login(driver, url, "installer", "/")
    failures = []
    # Nothing may be stored by any of them: each is compared with the configuration before the first.
    before = configuration(driver)
    exported = export(data)
    for what, (edits, field) in bad_changes(before["scenario"]).items():
        status, answer = api_send(driver, "POST", "/api/v1/configuration/changes",
                                  {"baseVersion": before["version"], "summary": what, "edits": edits})
        after = configuration(driver)
        fields = [e.get("field", "") for e in (answer or {}).get("errors", [])] if isinstance(answer, dict) else []
        if status != 422 or not any(f.startswith(field) for f in fields):
            failures.append(f"{what}: {status} {answer} (expected 422 naming {field})")
        if after["version"] != before["version"] or after["scenario"] != before["scenario"]:
            failures.append(f"{what}: the stored configuration changed")
    # The database's configuration in force, as `ews config export` reads it, is the one before.
    assert export(data) == exported
    assert not failures, "\n".join(failures)


def test_a_bad_value_on_a_page_shows_next_to_its_field(site, browsers, shot):  # noqa: F811
    url, _ = site
    driver = browsers(PC, "installer")
    login(driver, url, "installer", "/system/bill")
    version = configuration(driver)["version"]
    type_into(driver, "bill-currency", "EUX")
    click(driver, "bill-currency-save")
    error = wait_for(driver, "field-error-currency").text
    assert "EUX" in error and "ISO 4217" in error, error
    shot(driver, "currency-refused")
    open_path(driver, url, "/system/groups")
    click(driver, "entry-add")
    type_into(driver, "entry-name", "Tenant 1")
    click(driver, "entry-save")
    assert wait_for(driver, "field-error-name").text == EN["siteCfg.error.nameTaken"]
    assert configuration(driver)["version"] == version


def test_an_installer_adds_devices_to_the_full_site_from_the_pages(site, browsers, shot):  # noqa: F811
    """The shipped site uses all 255 devices: the installer deletes six pulse counters from the
    pages, then sets up a new gateway and its devices, a load, a group, a panel board, two tariffs
    with three rules and the Green'Up settings from the pages alone (test_config_devices.py's
    steps); the served twin simulates the new devices, polled and recorded as on an empty box."""
    from test_config_devices import configure_from_pages  # here: that module imports this one
    url, data = site
    driver = browsers(PC, "installer")
    login(driver, url, "installer", "/system/gateways/1/devices")
    wait_for(driver, "capacity-full")
    shot(driver, "full-site")
    used = configuration(driver)["capacity"]["used"]
    for g in (1, 2, 3):
        for d in (28, 27):  # the water and gas counters of a concentrator's inputs 2 and 3
            open_path(driver, url, f"/system/gateways/{g}/devices/{d}/delete")
            click(driver, "cfg-erase")
            used -= 1
            wait_until(driver, f"{used} devices", lambda: configuration(driver)["capacity"]["used"] == used)
    gateways = len(configuration(driver)["scenario"]["installation"]["gateways"])
    configure_from_pages(driver, url, data, shot, gateways, prefix="New ")
    exported = data.parent / "exported-full.yaml"
    exported.write_text(export(data))
    check = subprocess.run([EWS, "validate", str(exported)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
