#!/usr/bin/python3
"""Regenerates the Consumptions screenshots of docs/pages.md (desktop and phone widths): the
small office moved to the spring-forward weekend (tests/browser/test_consumptions.py) made in
virtual time by `ews run`, served by `ews serve`, each tab opened on 2026-03-29 in headless
chromium as the "user" role. Writes docs/pages/consumptions-<tab>-<desktop|phone>.png.

Usage: /usr/bin/python3 tests/browser/consumption_screenshots.py [path/to/ews]
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if len(sys.argv) > 1:
    os.environ["EWS_BINARY"] = str(pathlib.Path(sys.argv[1]).resolve())

from test_consumptions import dst_scenario, go_to  # noqa: E402
from test_pages import (DEFAULT_USERS, EWS, PC, PHONE, SCENARIO, SOURCE, _chromium, login_with_puk,  # noqa: E402
                        open_path, running_serve, wait_for)

TABS = ["grand-total", "overall", "partials", "compare", "details", "tariffs-total", "tariffs-details"]
OUT = SOURCE / "docs" / "pages"


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="ews-screens-"))
    try:
        scenario = work / "dst.yaml"
        scenario.write_text(dst_scenario(SCENARIO.read_text()))
        subprocess.run([EWS, "run", str(scenario), "--data", str(work / "data")], check=True, capture_output=True)
        OUT.mkdir(parents=True, exist_ok=True)
        with running_serve(work, work / "serve.log") as url:
            for size, label in ((PC, "desktop"), (PHONE, "phone")):
                profile = work / f"profile-{label}"
                driver = _chromium(size, profile)
                try:
                    open_path(driver, url, "/consumptions")
                    login_with_puk(driver, DEFAULT_USERS["user"])
                    for tab in TABS:
                        open_path(driver, url, f"/consumptions/{tab}")
                        go_to(driver, "day", "2026-03-29") if tab not in ("overall", "tariffs-total") else None
                        wait_for(driver, "period-date")
                        driver.execute_async_script(
                            "const done = arguments[0];"
                            "const check = () => document.querySelector('[data-drawn=\"true\"]') ? done() : setTimeout(check, 50);"
                            "check();")
                        path = OUT / f"consumptions-{tab}-{label}.png"
                        driver.save_screenshot(str(path))
                        print(path.relative_to(SOURCE))
                finally:
                    driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
