"""Reports & data download (manual 8.5) in headless chromium against `ews serve` on a data folder
whose history was made in virtual time by `ews run`: the small office on 5-6 January 2026, its
main meter offline from 10:00 to 12:00 on the 5th. The administrator makes reportdata.zip (hourly,
with costs) and a Summary PDF on the page and saves them with the page's Download link; the files
are read back (unzip, pdftotext) and compared with the site database (sqlite3). A refused request
shows the server's reason naming the field. The roles without the page get 403 from its API
(test_pages.py, API_RIGHTS). Screenshots go to $EWS_TEST_ARTEFACTS.
"""
import csv
import datetime
import io
import pathlib
import re
import sqlite3
import subprocess
import time
import zipfile

import pytest

from test_pages import (DEFAULT_USERS, EWS, PC, SCENARIO, api_get, browsers, click, login_with_puk,  # noqa: F401
                        open_path, running_serve, shot, wait_for, wait_until)
from selenium.webdriver.support.ui import Select

DEVICE, TOTAL = 0, 3  # history::SeriesKind
HOUR, DAY = 1, 2      # history::Resolution
MAIN_METER = 1


def outage_scenario(text):
    """The shipped small office over two days, its main meter offline 10-12 h on the 5th."""
    text = re.sub(r"duration: 1d", "duration: 2d", text, count=1)
    return re.sub(r"  - \{kind: crc, target: Sockets.*\n",
                  '  - {kind: device-offline, target: Main meter, from: "2026-01-05T10:00", to: "2026-01-05T12:00"}\n',
                  text)


@pytest.fixture(scope="module")
def site(tmp_path_factory, artefacts):
    folder = tmp_path_factory.mktemp("reports")
    scenario = folder / "outage.yaml"
    scenario.write_text(outage_scenario(SCENARIO.read_text()))
    run = subprocess.run([EWS, "run", str(scenario), "--data", str(folder / "data"), "-q"], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    # The served site goes on from its last sample (2026-01-07 00:00) at 60x: after the days checked.
    with running_serve(folder, artefacts / "serve-reports.log") as url:
        yield url, folder / "data", folder


def stored(data, kind, subject, resolution, column="value"):
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        rows = db.execute(f"SELECT key, {column}, samples, gaps FROM buckets WHERE kind = ? AND subject = ? "
                          "AND resolution = ?", (kind, subject, resolution))
        return {key: (value, samples, gaps) for key, value, samples, gaps in rows}


def set_value(driver, test, value):
    """A date or month field as a user types it (the page listens to input events)."""
    driver.execute_script(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true}));", f'[data-test="{test}"]', value)


def saved_file(driver, folder, test):
    """Clicks the page's Download link `test` and waits for the browser to save the file."""
    link = wait_for(driver, test)
    name = link.get_attribute("data-name")
    target = folder / name
    if target.exists():
        target.unlink()
    link.click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if target.exists() and not (folder / f"{name}.crdownload").exists() and target.stat().st_size > 0:
            return target
        time.sleep(0.2)
    pytest.fail(f"the browser saved no {name} in {folder}: {sorted(p.name for p in folder.iterdir())}")


def open_page(browsers, url, downloads):
    driver = browsers(PC, "administrator")
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    open_path(driver, url, "/reports/download")
    login_with_puk(driver, DEFAULT_USERS["administrator"])
    open_path(driver, url, "/reports/download")
    wait_for(driver, "data-download")
    return driver


def test_the_page_downloads_reportdata_zip_equal_to_the_database(site, browsers, shot):
    url, data, folder = site
    downloads = folder / "downloads"
    downloads.mkdir(exist_ok=True)
    driver = open_page(browsers, url, downloads)
    click(driver, "data-select-all")
    set_value(driver, "data-first", "2026-01-05")
    set_value(driver, "data-last", "2026-01-06")
    Select(wait_for(driver, "data-step")).select_by_value("1h")
    click(driver, "data-costs")
    shot(driver, "data-download-filled")
    click(driver, "data-start")
    zip_path = saved_file(driver, downloads, "data-file")
    shot(driver, "data-download-ready")
    assert zip_path.name == "reportdata.zip"
    archive = zipfile.ZipFile(zip_path)
    assert "report_energy_devices_electricity.csv" in archive.namelist()
    assert "report_energy_devices_electricity_cost.csv" in archive.namelist()
    rows = list(csv.reader(io.TextIOWrapper(archive.open("report_energy_devices_electricity.csv"), encoding="utf-8"),
                           delimiter=";"))
    assert len(rows) == 1 + 48
    hours = stored(data, DEVICE, MAIN_METER, HOUR)
    checked_gap = False
    for row in rows[1:]:
        key = int(datetime.datetime.fromisoformat(row[0]).timestamp() * 1_000_000)
        value, samples, gaps = hours[key]
        if gaps >= samples:
            assert row[1] == "", row
            checked_gap = True
        else:
            assert float(row[1].replace(",", ".")) == pytest.approx(value, abs=1e-3), row
    assert checked_gap  # the outage's hours are gaps, not zeros
    # The page asked for the progress of its download: the server kept it, finished.
    tokens = driver.execute_script("return performance.getEntriesByType('resource').map((e) => e.name)"
                                   ".filter((n) => n.includes('/reports/download?'))")
    token = re.search(r"progress=([\w-]+)", tokens[-1]).group(1)
    status, progress = api_get(driver, f"/api/v1/reports/download/progress/{token}")
    rows_total = 48 * len(archive.namelist())  # time steps x files
    assert status == 200 and progress["finished"] and progress["rowsDone"] == progress["rowsTotal"] == rows_total, progress


def test_the_page_downloads_a_summary_pdf_with_the_stored_totals(site, browsers, shot):
    url, data, folder = site
    downloads = folder / "downloads-pdf"
    downloads.mkdir(exist_ok=True)
    driver = open_page(browsers, url, downloads)
    click(driver, "pdf-type-summary")
    click(driver, "pdf-period-monthly")
    set_value(driver, "pdf-month", "2026-01")
    first = (datetime.date(2026, 1, 1) - datetime.date(1970, 1, 1)).days

    def january_kwh():
        days = stored(data, TOTAL, 0, DAY)
        return sum(value for key, (value, samples, gaps) in days.items() if first <= key < first + 31) / 1000

    before = january_kwh()
    click(driver, "pdf-start")
    pdf = saved_file(driver, downloads, "pdf-file")
    after = january_kwh()
    shot(driver, "pdf-ready")
    assert pdf.name == "monthly_report_2026-01.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Summary report" in text and "Monthly report 2026-01" in text and "Previous period: 2025-12" in text
    total = float(re.search(r"^Electricity\s+kWh\s+(\S+)", text, re.M).group(1).replace(",", "."))
    # The served site goes on recording January: the total lies between the two readings.
    assert before - 1e-3 <= total <= after + 1e-3, (before, total, after)


def test_a_refused_download_shows_the_field(site, browsers, shot):
    url, _, folder = site
    driver = open_page(browsers, url, folder)
    click(driver, "data-select-all")
    set_value(driver, "data-first", "2026-01-06")
    set_value(driver, "data-last", "2026-01-05")
    click(driver, "data-start")
    error = wait_for(driver, "data-error")
    assert "is before the first day 2026-01-06" in error.text, error.text
    shot(driver, "data-download-refused")
    status, body = api_get(driver, "/api/v1/reports/download?first=2026-01-05&last=2026-01-05&ids=1,999")
    assert status == 422 and body["error"]["field"] == "ids", body
    status, body = api_get(driver, "/api/v1/reports/pdf?type=detailed&period=2026-13")
    assert status == 422 and body["error"]["field"] == "period", body
