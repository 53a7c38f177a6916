"""Regenerates the screenshots of the live pages for docs/pages.md: My panel board (a meter's
Measure page, a tripped breaker and an offline meter, a power supervision unit's outputs and
configuration), Green'Up (management and details) and Reports: alarms, at the desktop and phone
widths of the browser tests, from `ews serve` of tests/browser/scenarios/live-pages.yaml.

    /usr/bin/python3 tests/browser/live_pages_screenshots.py [build/cli/ews] [docs/pages]

Uses the browser tests' harness (Debian's chromium, chromedriver, python3-selenium).
"""
import os
import pathlib
import shutil
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if len(sys.argv) > 1:
    os.environ["EWS_BINARY"] = str(pathlib.Path(sys.argv[1]).resolve())

import test_pages as harness  # noqa: E402 - after EWS_BINARY is set
from test_live_pages import SCENARIO, SPEED  # noqa: E402

OUT = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else harness.SOURCE / "docs" / "pages"


def take(driver, name, size_label):
    path = OUT / f"{name}-{size_label}.png"
    assert driver.save_screenshot(str(path)), path
    print(path)


def panel_board(driver, base, size_label):
    harness.open_path(driver, base, "/panel-board")
    harness.wait_for(driver, "device-buttons")
    ids = {d["name"]: d["id"] for d in harness.api_get(driver, "/api/v1/site/live")[1]["devices"]}
    harness.wait_text(driver, f"device-breaker-{ids['Kitchen']}", harness.EN["live.breaker.tripped"])
    harness.wait_text(driver, f"device-status-{ids['HVAC']}", harness.EN["live.status.communicationError"])
    harness.click(driver, f"device-{ids['Main meter']}")
    harness.wait_for(driver, "measure-voltageCurrent")
    take(driver, "panel-board-measure", size_label)
    harness.click(driver, f"device-{ids['Alarm relays']}")
    harness.click(driver, "tab-outputs")
    harness.wait_for(driver, "output-state-1")
    take(driver, "panel-board-outputs", size_label)
    harness.click(driver, "tab-configuration")
    harness.wait_for(driver, "config-write")
    take(driver, "panel-board-output-configuration", size_label)


def green_up(driver, base, size_label):
    harness.open_path(driver, base, "/green-up")
    harness.wait_for(driver, "dlm-zone")
    stations = harness.api_get(driver, "/api/v1/green-up")[1]["stations"]
    harness.click(driver, f"device-{stations[0]['id']}")
    harness.wait_for(driver, "session-wait")
    take(driver, "green-up-management", size_label)
    harness.click(driver, "view-details")
    harness.click(driver, "details-tab-charge")
    harness.wait_for(driver, "detail-state")
    take(driver, "green-up-details", size_label)


def alarms(driver, base, size_label):
    harness.open_path(driver, base, "/reports/alarms")
    harness.wait_for(driver, "alarms-table")
    take(driver, "alarms", size_label)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ews-screenshots-"))
    try:
        with harness.running_serve(folder, folder / "serve.log", SCENARIO, SPEED) as base:
            for size, size_label in ((harness.PC, "desktop"), (harness.PHONE, "phone")):
                profile = tempfile.mkdtemp(prefix="ews-chromium-")
                driver = harness._chromium(size, profile)
                try:
                    harness.open_path(driver, base, "/login")
                    harness.login_with_puk(driver, harness.DEFAULT_USERS["greenUp"])  # every page
                    panel_board(driver, base, size_label)
                    green_up(driver, base, size_label)
                    alarms(driver, base, size_label)
                finally:
                    driver.quit()
                    shutil.rmtree(profile, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
