#!/usr/bin/python3
"""First paint of the Consumptions Year page (docs/web-ui.md, "Consumptions"): `ews serve` on a
data folder holding ten years of the 255-device reference site's history (made by
bench/make_ten_year_db.cpp unless one is given), headless chromium (Debian's, through Selenium)
logged in as "user", then /consumptions/grand-total opened RUNS times. For each load: the time
from the navigation's start to the first contentful paint (the shell), and to the first frame
after the chart of the year was drawn (the page marks it `ews-chart-drawn`: the data asked, the
chart library loaded, the bars drawn). The first load has an empty cache; the others reuse the
hashed assets, as a browser does. Target: the chart within 1 s.

Usage: /usr/bin/python3 bench/consumption_first_paint.py [build dir] [runs] [data dir]
"""
import pathlib
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SOURCE = pathlib.Path(__file__).resolve().parents[1]
BUILD = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else SOURCE / "build").resolve()
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
WORK = pathlib.Path(tempfile.mkdtemp(prefix="ews-first-paint-"))


def data_folder():
    if len(sys.argv) > 3:
        return pathlib.Path(sys.argv[3])
    folder = WORK / "data"
    subprocess.run([str(BUILD / "bench" / "ews_make_ten_year_db"), str(folder)], check=True)
    return folder


def start_serve(folder):
    log = open(WORK / "serve.log", "w")
    process = subprocess.Popen([str(BUILD / "cli" / "ews"), "serve", str(SOURCE / "scenarios" / "reference-255.yaml"),
                                "--data", str(folder), "--speed", "1", "--listen", "127.0.0.1:0", "--plain-http"],
                               stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        match = re.search(r"pages on (http://127\.0\.0\.1:\d+) \(data in ", (WORK / "serve.log").read_text())
        if match:
            return process, match.group(1)
        time.sleep(0.1)
    process.kill()
    raise SystemExit("ews serve printed no URL:\n" + (WORK / "serve.log").read_text())


def chromium():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     f"--user-data-dir={WORK / 'profile'}", "--window-size=1366,900"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def main():
    process, url = start_serve(data_folder())
    driver = chromium()
    try:
        driver.get(url + "/login")
        for test, code in (("pin", "11111"), ("puk", "00000 1111 00000")):
            field = WebDriverWait(driver, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-test="{test}"]'))
            field.send_keys(code)
            driver.find_element(By.CSS_SELECTOR, '[data-test="login-submit"]').click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-test="current-user"]'))
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        painted, drawn = [], []
        for run in range(RUNS):
            driver.get("about:blank")
            driver.get(url + "/consumptions/grand-total")
            WebDriverWait(driver, 30).until(
                lambda d: d.execute_script("return performance.getEntriesByName('ews-chart-drawn').length > 0"))
            fcp, chart = driver.execute_script(
                "return [(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,"
                " performance.getEntriesByName('ews-chart-drawn')[0].startTime]")
            rows = len(driver.find_elements(By.CSS_SELECTOR, '[data-test^="bar-row-"]'))
            print(f"load {run + 1}{' (empty cache)' if run == 0 else ''}: first contentful paint {fcp:.0f} ms, "
                  f"year chart drawn {chart:.0f} ms ({rows} bars)")
            painted.append(fcp)
            drawn.append(chart)
        print(f"median of {RUNS}: first contentful paint {statistics.median(painted):.0f} ms, "
              f"year chart drawn {statistics.median(drawn):.0f} ms; worst {max(drawn):.0f} ms")
    finally:
        driver.quit()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
