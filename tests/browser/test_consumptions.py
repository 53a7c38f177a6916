"""The Consumptions pages (manual 8.2.2) in headless chromium against `ews serve` on a data
folder whose history was made in virtual time by `ews run`: the small office from 2026-03-28 to
2026-03-31 (Europe/Paris, across the spring-forward day), its main meter offline from 10:00 to
12:00 on the 29th. The numbers the page shows (DOM text of the tables under the charts) for a
day, a month, a year and the decade are compared with the site database (sqlite3) and with the
CSV tree of the same run; the DST day has 23 bars; the offline hours are gaps, not zeros.
The 10-year view is checked on ten years of the 255-device reference site's history
($EWS_TEN_YEAR_DB: bench/make_ten_year_db.cpp, which generates the buckets from a virtual-time
run of the site). Screenshots (desktop and phone) go to $EWS_TEST_ARTEFACTS.
"""
import csv
import datetime
import os
import pathlib
import re
import sqlite3
import subprocess
from zoneinfo import ZoneInfo

import pytest

from test_pages import (DEFAULT_USERS, EWS, PC, PHONE, SCENARIO, browsers, click, css, login_with_puk, open_path,  # noqa: F401
                        running_serve, shot, wait_for, wait_until)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

PARIS = ZoneInfo("Europe/Paris")
TEN_YEAR_DB = os.environ.get("EWS_TEN_YEAR_DB", str(pathlib.Path(EWS).resolve().parents[1] / "bench" / "ews_make_ten_year_db"))
MAIN_METER = 1
DEVICE_KIND, TOTAL_KIND = 0, 3  # history::SeriesKind: Device, ElectricityTotal
HOUR, DAY, MONTH, YEAR = 1, 2, 3, 4


def dst_scenario(text):
    """The shipped small office moved to the spring-forward weekend, its main meter offline 10-12 h."""
    text = text.replace('start: "2026-01-05T00:00:00"', 'start: "2026-03-28T00:00:00"')
    text = re.sub(r"duration: 1d", "duration: 3d", text, count=1)
    text = re.sub(r"  - \{kind: crc, target: Sockets.*\n",
                  '  - {kind: device-offline, target: Main meter, from: "2026-03-29T10:00", to: "2026-03-29T12:00"}\n', text)
    return re.sub(r"(\n  - \{station: .*)+", "\n", text)  # the EV sessions of January


@pytest.fixture(scope="module")
def site(tmp_path_factory, artefacts):
    folder = tmp_path_factory.mktemp("consumptions")
    scenario = folder / "dst.yaml"
    scenario.write_text(dst_scenario(SCENARIO.read_text()))
    run = subprocess.run([EWS, "run", str(scenario), "--data", str(folder / "data")], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    # The served site goes on from its last sample (2026-03-31 00:00) at 60x: after the days checked.
    with running_serve(folder, artefacts / "serve-consumptions.log") as url:
        yield url, folder / "data"


def stored(data, resolution, first_key, last_key, kind=DEVICE_KIND, subject=MAIN_METER, column="value"):
    """{key: (value, samples, gaps)} of a subject's buckets (the main meter's by default), read
    with sqlite3; `column`: value, or cost0... for a tariff's cost."""
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        rows = db.execute(f"SELECT key, {column}, samples, gaps FROM buckets WHERE kind = ? AND subject = ? "
                          "AND resolution = ? AND key BETWEEN ? AND ? ORDER BY key",
                          (kind, subject, resolution, first_key, last_key))
        return {key: (value, samples, gaps) for key, value, samples, gaps in rows}


def csv_deltas(data):
    """(instant, delta Wh, gap) of the main meter's rows in the CSV tree."""
    rows = []
    with open(data / "csv" / "devices" / "1" / "1_energy_2026-03.csv", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            instant = datetime.datetime.fromisoformat(row["date_time"])
            gap = row["gap"] == "1"  # a gap row leaves its value fields empty (unknown)
            rows.append((instant, 0.0 if gap else float(row["delta_Wh"].replace(",", ".")), gap))
    return rows


def shown_bars(driver, series=f"device-{MAIN_METER}"):
    """The table under the histogram: [(label, text, gap)] of one series, and the display divisor."""
    table = wait_for(driver, "bars-table")
    divisor = float(table.get_attribute("data-divisor"))
    bars = []
    for row in driver.find_elements(By.CSS_SELECTOR, "[data-test^=bar-row-]"):
        cell = row.find_element(By.CSS_SELECTOR, f"[data-test=bar-{series}-{len(bars)}]")
        bars.append((row.find_element(By.CSS_SELECTOR, "th").text, cell.text, cell.get_attribute("data-gap") == "true"))
    return bars, divisor


def expected_text(bucket, divisor, decimals=3, aggregate=False):
    """docs/api.md: a bar of gap rows only is unknown (an aggregate's only when they add up to 0)."""
    value, samples, gaps = bucket
    unknown = samples == 0 or (gaps >= samples and (not aggregate or value == 0))
    return "–" if unknown else f"{value / divisor:.{decimals}f}"


def assert_bars_match(driver, series, read, keys, aggregate=False, earlier=None):
    """The bars shown equal the stored buckets `read()` at `keys`. The served site goes on
    recording (its last day grows): the database is read before and after the page, and each bar
    must equal one of the readings. `earlier`: a reading taken before the page was asked for its
    period (the page may have fetched it before this function's first reading)."""
    before = read()
    bars, divisor = shown_bars(driver, series)
    after = read()
    assert len(bars) == len(keys)
    readings = [reading for reading in (earlier, before, after) if reading is not None]
    for (label, text, _), key in zip(bars, keys):
        allowed = {expected_text(reading.get(key, (0.0, 0, 0)), divisor, aggregate=aggregate) for reading in readings}
        assert text in allowed, (label, text, allowed)
    return bars


def open_as_user(browsers, url, size, label, path):
    """A new browser of `size`, logged in as "user" (PIN and PUK), on the consumption page `path`."""
    driver = browsers(size, label)
    open_path(driver, url, "/consumptions")
    login_with_puk(driver, DEFAULT_USERS["user"])
    open_path(driver, url, path)
    return driver


def go_to(driver, period, date):
    """The period buttons, then the arrows until the date field reads `date`."""
    click(driver, f"period-{period}")
    field = wait_for(driver, "period-date")
    for _ in range(40):
        current = field.get_attribute("value")
        if current == date:
            break
        click(driver, "period-prev" if current > date else "period-next")
        wait_until(driver, "the date moved", lambda: field.get_attribute("value") != current)
    assert field.get_attribute("value") == date
    wait_until(driver, f"the {period} {date} table", lambda: driver.find_elements(By.CSS_SELECTOR, css("bars-table")))


def test_details_day_month_year_decade_equal_the_database_and_the_csv_tree(site, browsers, shot):
    url, data = site
    driver = open_as_user(browsers, url, PC, "pc", "/consumptions/details")
    wait_for(driver, "device-select")

    # The spring-forward day: 23 hourly bars, each the stored hour bucket; 10:00 and 11:00 gaps.
    go_to(driver, "day", "2026-03-29")
    bars, divisor = shown_bars(driver)
    shot(driver, "day-2026-03-29")
    day_start = datetime.datetime(2026, 3, 29, tzinfo=PARIS)
    day_end = datetime.datetime(2026, 3, 30, tzinfo=PARIS)
    hours = stored(data, HOUR, int(day_start.timestamp() * 1e6), int(day_end.timestamp() * 1e6) - 1)
    assert len(bars) == 23 == len(hours)
    assert [label for label, _, _ in bars][:4] == ["00:00", "01:00", "03:00", "04:00"]
    for (label, text, gap), (key, bucket) in zip(bars, sorted(hours.items())):
        assert text == expected_text(bucket, divisor), label
        assert gap == (bucket[2] > 0), label
    assert [text for label, text, _ in bars if label in ("10:00", "11:00")] == ["–", "–"]
    # The CSV tree of the same run: each shown hour is the sum of its sample rows (a sample at t
    # closes the interval ending at t).
    deltas = csv_deltas(data)
    for (label, text, gap), key in zip(bars, sorted(hours)):
        start = datetime.datetime.fromtimestamp(key / 1e6, tz=datetime.timezone.utc)
        inside = [(d, g) for t, d, g in deltas if start < t <= start + datetime.timedelta(hours=1)]
        if all(g for _, g in inside):
            assert text == "–", label
        else:
            assert float(text) == pytest.approx(sum(d for d, _ in inside) / divisor, abs=0.0006), label

    # The month: 31 daily bars, the stored day buckets.
    first_day = (datetime.date(2026, 3, 1) - datetime.date(1970, 1, 1)).days
    days_of_march = lambda: stored(data, DAY, first_day, first_day + 30)  # noqa: E731
    earlier = days_of_march()
    go_to(driver, "month", "2026-03")
    bars = assert_bars_match(driver, f"device-{MAIN_METER}", days_of_march, range(first_day, first_day + 31),
                             earlier=earlier)
    shot(driver, "month-2026-03")
    assert bars[28][1] != "–"  # the 29th has data despite the two offline hours

    # The year: 12 monthly bars.
    months_of_2026 = lambda: stored(data, MONTH, 2026 * 12, 2026 * 12 + 11)  # noqa: E731
    earlier = months_of_2026()
    go_to(driver, "year", "2026")
    assert_bars_match(driver, f"device-{MAIN_METER}", months_of_2026, range(2026 * 12, 2026 * 12 + 12),
                      earlier=earlier)
    shot(driver, "year-2026")

    # 10 years: the decade 2020-2029, built from the yearly buckets.
    years_2020s = lambda: stored(data, YEAR, 2020, 2029)  # noqa: E731
    earlier = years_2020s()
    go_to(driver, "decade", "2020")
    bars = assert_bars_match(driver, f"device-{MAIN_METER}", years_2020s, range(2020, 2030), earlier=earlier)
    shot(driver, "decade-2020")
    assert [label for label, _, _ in bars] == [str(y) for y in range(2020, 2030)]
    wait_until(driver, "the chart drawn", lambda: driver.find_element(By.CSS_SELECTOR, css("histogram"))
               .get_attribute("data-drawn") == "true")


def test_grand_total_overall_and_tariffs_equal_the_database(site, browsers, shot):
    url, data = site
    driver = open_as_user(browsers, url, PC, "pc", "/consumptions/grand-total")
    # The electricity total of the spring-forward day, partial during the main meter's gap.
    go_to(driver, "day", "2026-03-29")
    bars, divisor = shown_bars(driver, "total")
    shot(driver, "grand-total-day")
    day_start = datetime.datetime(2026, 3, 29, tzinfo=PARIS)
    hours = stored(data, HOUR, int(day_start.timestamp() * 1e6), int(day_start.timestamp() * 1e6) + 23 * 3600 * 10**6 - 1,
                   kind=TOTAL_KIND, subject=0)
    assert len(bars) == 23 == len(hours)
    for (label, text, gap), bucket in zip(bars, [hours[k] for k in sorted(hours)]):
        assert text == expected_text(bucket, divisor, aggregate=True), label
        assert gap == (bucket[2] > 0), label
    first_day = (datetime.date(2026, 3, 1) - datetime.date(1970, 1, 1)).days
    total_days = lambda: stored(data, DAY, first_day, first_day + 30, kind=TOTAL_KIND, subject=0)  # noqa: E731
    earlier = total_days()
    go_to(driver, "month", "2026-03")
    assert_bars_match(driver, "total", total_days, range(first_day, first_day + 31), aggregate=True, earlier=earlier)
    # Overall and Tariffs: the total of March 2026 in units and in the currency (the served site
    # goes on recording the 31st: read before and after the page).
    march = 2026 * 12 + 2

    def march_total():
        """(Wh, [cost of tariff 0, of tariff 1]) of the electricity total in March."""
        read = lambda column: stored(data, MONTH, march, march, kind=TOTAL_KIND, subject=0, column=column)[march][0]
        return read("value"), [read("cost0"), read("cost1")]

    readings = [march_total()]
    click(driver, "cons-tab-overall")
    cell = wait_for(driver, "overall-total-total")
    wait_until(driver, "the overall table", lambda: cell.text.endswith("kWh"))
    overall = [cell.text, wait_for(driver, "overall-cost-total").text]
    readings.append(march_total())
    click(driver, "cons-tab-tariffs-total")
    wait_until(driver, "the tariffs table", lambda: driver.find_elements(By.CSS_SELECTOR, css("tariff-total-1")))
    shot(driver, "tariffs-total-month")
    tariffs = [wait_for(driver, f"tariff-total-{k}").text for k in (0, 1)]
    readings.append(march_total())
    assert overall in [[f"{wh / 1000:.3f} kWh", f"{sum(costs):.2f}"] for wh, costs in readings], overall
    assert tariffs in [[f"{v:.2f} EUR" for v in costs] for _, costs in readings], tariffs
    # A device chosen on Details stays Details' own: Partials keeps its groups.
    click(driver, "cons-tab-details")
    Select(wait_for(driver, "device-select")).select_by_value("device-2")
    wait_until(driver, "Lighting's bars", lambda: driver.find_elements(By.CSS_SELECTOR, css("bar-device-2-0")))
    click(driver, "cons-tab-partials")
    wait_until(driver, "the groups' bars", lambda: driver.find_elements(By.CSS_SELECTOR, "[data-test^=bar-group-]"))
    assert not driver.find_elements(By.CSS_SELECTOR, css("consumptions-error"))


def test_grand_total_on_a_phone_and_the_datalogger_link(site, browsers, shot):
    url, data = site
    driver = open_as_user(browsers, url, PHONE, "phone", "/consumptions/grand-total")
    go_to(driver, "day", "2026-03-29")
    assert len(driver.find_elements(By.CSS_SELECTOR, "[data-test^=bar-row-]")) == 23
    link = wait_for(driver, "download-csv").get_attribute("href")
    assert link.endswith("/api/v1/consumptions/datalogger/total/day/2026-03-29")
    # datalogger.csv of the period shown, as the link downloads it: the site's separators (';'
    # and ','), one row per bar, the same numbers as the page and an empty field for no value.
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then((r) => r.text()).then(done, (e) => done(String(e)));", link)
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0][:2] == ["date_time", "total (Wh)"] and rows[0][-1] == "gap", rows[0]
    bars, divisor = shown_bars(driver, "total")
    assert len(rows) == 1 + len(bars) == 24
    for row, (label, shown, gap) in zip(rows[1:], bars):
        assert row[0][11:16] == label, (row[0], label)
        value = f"{float(row[1].replace(',', '.')) / divisor:.3f}" if row[1] else "–"
        assert value == shown, (label, row[1], shown)
        assert (row[-1] == "1") == gap, label
    wait_until(driver, "the chart drawn", lambda: driver.find_element(By.CSS_SELECTOR, css("histogram"))
               .get_attribute("data-drawn") == "true")
    shot(driver, "phone-grand-total-day")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0] + 1, f"the page is {width} px wide on a {PHONE[0]} px phone"


def test_ten_years_of_the_255_device_site_in_the_decade_and_year_views(tmp_path, artefacts, browsers, shot):
    assert os.access(TEN_YEAR_DB, os.X_OK), f"no {TEN_YEAR_DB}: build ews_make_ten_year_db (EWS_BUILD_BENCHMARKS)"
    data = tmp_path / "data"
    made = subprocess.run([TEN_YEAR_DB, str(data)], capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    with running_serve(tmp_path, artefacts / "serve-ten-years.log") as url:
        driver = open_as_user(browsers, url, PC, "pc", "/consumptions/grand-total")
        latest = wait_for(driver, "period-date").get_attribute("value")  # the year of the latest sample
        year = int(latest)
        decade = year - year % 10
        totals = lambda resolution, first, last: stored(data, resolution, first, last, kind=TOTAL_KIND, subject=0)
        go_to(driver, "decade", str(decade))
        assert_bars_match(driver, "total", lambda: totals(YEAR, decade, decade + 9), range(decade, decade + 10),
                          aggregate=True)
        shot(driver, f"ten-years-decade-{decade}")
        # The decade before: the history starts ten years before the latest sample.
        go_to(driver, "decade", str(decade - 10))
        bars = assert_bars_match(driver, "total", lambda: totals(YEAR, decade - 10, decade - 1),
                                 range(decade - 10, decade), aggregate=True)
        first_year = year - 10
        assert [text == "–" for _, text, _ in bars] == [y < first_year for y in range(decade - 10, decade)]
        # The latest year, by month (the running month grows while the site is served).
        earlier = totals(MONTH, year * 12, year * 12 + 11)
        go_to(driver, "year", str(year))
        assert_bars_match(driver, "total", lambda: totals(MONTH, year * 12, year * 12 + 11),
                          range(year * 12, year * 12 + 12), aggregate=True, earlier=earlier)
        shot(driver, f"ten-years-year-{year}")
