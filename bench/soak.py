#!/usr/bin/python3
"""Soak of the whole box (docs/security.md, "Soak"): `ews serve` of the 255-device reference site
in accelerated wall-clock time for SITE_HOURS of site time under a bounded web load, then checks.

Load, all at once and each bounded in rate:
  * readers: the overview, a device, the consumption site and day histogram, the alarms;
  * live-page clients holding the snapshot event stream open and reconnecting;
  * logins with wrong codes from the same address (provoking the lockout, on purpose);
  * datalogger.csv downloads.
Checks, after the run:
  * resident memory after warm-up (--warmup-hours, default the first quarter) grows by at most
    1 % (median of the last tenth of the run against the median of the tenth after warm-up);
  * no sample missing: the overall-total CSV file and the database's sample buckets hold one row
    per sample period, back to back, from the first to the last sample, with no gap;
  * polling cadence held: as many samples as the wall time times the speed gives (two short at
    most), and the age of a device's values (printed: median and maximum, in site time);
  * the log holds no error or warning but the provoked ones (failed logins, lockouts).

Usage: /usr/bin/python3 bench/soak.py [path/to/ews] [--site-hours 24] [--speed 240]
Prints the figures and exits 1 when a check fails.
"""
import argparse
import csv
import datetime
import json
import pathlib
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SOURCE = pathlib.Path(__file__).resolve().parent.parent
SCENARIO = SOURCE / "scenarios" / "reference-255.yaml"
ADMIN = {"pin": "99999", "puk": "00000 9999 00000"}
SAMPLE_PERIOD_S = 600  # reference-255.yaml: sampleRate 10min
PROVOKED = re.compile(r"login|lock|code|PIN|PUK", re.I)


class Client:
    """One browser: a session cookie and its CSRF token, over plain HTTP on loopback."""

    def __init__(self, url):
        self.url = url
        self.cookie = ""

    def request(self, path, body=None, timeout=10):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data else {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                cookie = answer.headers.get("Set-Cookie")
                if cookie and cookie.startswith("ews_session="):
                    self.cookie = cookie.split(";")[0]
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def scenario_without_faults(folder):
    """The reference site without its `faults:` section: the soak looks for samples lost by the box,
    so it injects no communication faults (tests/acquisition covers those)."""
    text = re.sub(r"^faults:\n(?:[ #].*\n|\n)*", "", SCENARIO.read_text(), flags=re.M)
    path = folder / "reference-255-no-faults.yaml"
    path.write_text(text)
    return path


def start_serve(ews, data, speed):
    log = open(data.parent / "serve.log", "w")
    scenario = scenario_without_faults(data.parent)
    process = subprocess.Popen([ews, "serve", str(scenario), "--data", str(data), "--speed", str(speed),
                                "--listen", "127.0.0.1:0", "--plain-http"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = re.search(r"pages on (http://127\.0\.0\.1:\d+)", (data.parent / "serve.log").read_text())
        if found:
            return process, found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    sys.exit(f"soak: ews serve did not start:\n{(data.parent / 'serve.log').read_text()}")


def rss_kib(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_load(url, stop, counts, ages_s):
    """Starts the load threads; each counts its requests and its unexpected answers."""
    reader = Client(url)
    status, _ = reader.request("/api/v1/session/login", ADMIN)
    if status != 200:
        sys.exit(f"soak: administrator login answered {status}")

    def count(kind, ok):
        with lock:
            counts[kind] = counts.get(kind, 0) + 1
            if not ok:
                counts[kind + " unexpected"] = counts.get(kind + " unexpected", 0) + 1

    lock = threading.Lock()

    def reads():
        paths = ["/api/v1/site/live", "/api/v1/site/live/devices/1", "/api/v1/consumptions/site",
                 "/api/v1/alarms?page=1", "/api/v1/consumptions/grand-total/day/2026-01-06"]
        i = 0
        while not stop.is_set():
            status, body = reader.request(paths[i % len(paths)])
            count("read", status == 200)
            if paths[i % len(paths)].startswith("/api/v1/site/live/devices/") and status == 200:
                ages_s.append(values_age_s(body))
            i += 1
            stop.wait(0.05)

    def streams():
        while not stop.is_set():
            request = urllib.request.Request(url + "/api/v1/site/live/stream", headers={"Cookie": reader.cookie})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    until = time.monotonic() + 20
                    events = 0
                    while time.monotonic() < until and not stop.is_set():
                        line = answer.readline()
                        if not line:
                            break
                        events += line.startswith(b"event: snapshot")
                    count("stream", events > 0)
            except (urllib.error.URLError, OSError):
                count("stream", False)

    def wrong_logins():
        while not stop.is_set():
            status, _ = Client(url).request("/api/v1/session/login", {"pin": "12345", "puk": "11111 1111 11111"})
            count("wrong login", status in (401, 403, 429))
            stop.wait(2)

    def downloads():
        while not stop.is_set():
            status, body = reader.request("/api/v1/consumptions/datalogger/device-1/day/2026-01-06")
            count("download", status == 200 and len(body) > 0)
            stop.wait(5)

    threads = [threading.Thread(target=target, daemon=True)
               for target in (reads, reads, streams, streams, wrong_logins, downloads)]
    for thread in threads:
        thread.start()
    return threads


def utc_seconds(text):
    """An API time ("2026-01-06T10:20:00.000000Z") as seconds since the epoch."""
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def values_age_s(body):
    """How old, in site seconds, the oldest value of a device's answer is against the snapshot's
    instant (0 when the answer has none)."""
    try:
        device = json.loads(body)
        at = utc_seconds(device["at"])
        return max((at - utc_seconds(v["at"]) for v in device.get("values", {}).values() if "at" in v), default=0.0)
    except (ValueError, KeyError):
        return 0.0


def sample_instants_from_csv(data):
    files = sorted((data / "csv" / "overallTotal").glob("values_*.csv"))
    instants = []
    for path in files:
        with path.open(newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        instants += [row[0] for row in rows[1:]]
    return instants


def check_samples(data, problems):
    """One sample per period, back to back, in the CSV tree (every sample) and in the database
    (its sample resolution keeps the last two days, docs/history.md: back to back up to the CSV's
    last sample). Returns the number of samples in the CSV tree."""
    db = sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True)
    keys = [k for (k,) in db.execute("SELECT DISTINCT key FROM buckets WHERE resolution = 0 ORDER BY key")]
    gaps = db.execute("SELECT COUNT(*) FROM buckets WHERE resolution = 0 AND gaps > 0").fetchone()[0]
    steps = {b - a for a, b in zip(keys, keys[1:])}
    if not keys or steps - {SAMPLE_PERIOD_S * 1_000_000}:
        problems.append(f"database sample instants not back to back: steps {sorted(steps)[:5]} us")
    if gaps:
        problems.append(f"{gaps} sample rows with a gap (communication error) in the database")
    instants = [datetime.datetime.fromisoformat(text).timestamp() for text in sample_instants_from_csv(data)]
    csv_steps = {round(b - a) for a, b in zip(instants, instants[1:])}
    if not instants or csv_steps - {SAMPLE_PERIOD_S}:
        problems.append(f"CSV tree sample rows not back to back: steps {sorted(csv_steps)[:5]} s")
    elif keys and round(instants[-1] * 1e6) != keys[-1]:
        problems.append("the CSV tree's last sample is not the database's")
    return len(instants)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ews", nargs="?", default=str(SOURCE / "build" / "cli" / "ews"))
    parser.add_argument("--site-hours", type=float, default=24)
    parser.add_argument("--speed", type=float, default=240)
    parser.add_argument("--warmup-hours", type=float, default=None,
                        help="site hours before the memory baseline (default: a quarter of the run)")
    args = parser.parse_args()

    wall_s = args.site_hours * 3600 / args.speed
    with tempfile.TemporaryDirectory() as scratch:
        data = pathlib.Path(scratch) / "data"
        process, url = start_serve(args.ews, data, args.speed)
        started = time.monotonic()
        stop = threading.Event()
        counts, ages_s, rss = {}, [], []
        threads = run_load(url, stop, counts, ages_s)
        try:
            while time.monotonic() - started < wall_s:
                if process.poll() is not None:
                    sys.exit(f"soak: ews serve ended early (exit {process.returncode})")
                rss.append((time.monotonic() - started, rss_kib(process.pid)))
                time.sleep(1)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=15)
            process.terminate()
            process.wait(timeout=60)

        problems = []
        warmup_s = (args.warmup_hours * 3600 / args.speed) if args.warmup_hours is not None else wall_s * 0.25
        after_warmup = [k for t, k in rss if warmup_s <= t < warmup_s + wall_s * 0.1]
        last = [k for t, k in rss if t >= wall_s * 0.9]
        growth = (statistics.median(last) / statistics.median(after_warmup) - 1) * 100
        if growth > 1.0:
            problems.append(f"resident memory grew {growth:.2f} % after warm-up (limit 1 %)")
        samples = check_samples(data, problems)
        expected = int(wall_s * args.speed // SAMPLE_PERIOD_S)
        if samples < expected - 2:
            problems.append(f"{samples} samples recorded, {expected} expected from the wall time and speed")
        log = (data.parent / "serve.log").read_text().splitlines()
        unexpected = [line for line in log if re.search(r"error|warn", line, re.I) and not PROVOKED.search(line)]
        problems += [f"log: {line}" for line in unexpected[:20]]
        for kind in [k for k in counts if k.endswith("unexpected")]:
            problems.append(f"{counts[kind]} {kind} answers")

        print(f"soak: {args.site_hours:g} h of site time at {args.speed:g}x in {wall_s:.0f} s wall")
        print(f"soak: RSS after warm-up {statistics.median(after_warmup) / 1024:.1f} MiB, at the end "
              f"{statistics.median(last) / 1024:.1f} MiB: growth {growth:+.2f} %")
        print(f"soak: {samples} samples back to back ({expected} expected); requests: "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if ages_s:
            print(f"soak: age of the oldest value in a device answer: median {statistics.median(ages_s):.0f} s, "
                  f"max {max(ages_s):.0f} s (site time)")
        # The trajectory, to tell a leak (steady climb) from caches filling up (a knee, then flat).
        step_s = 6 * 3600 / args.speed
        trajectory = []
        for start_s in [i * step_s for i in range(int(wall_s // step_s))]:
            window = [k for t, k in rss if start_s <= t < start_s + step_s]
            if window:
                trajectory.append(f"{start_s * args.speed / 3600:g}h {statistics.median(window) / 1024:.1f}")
        print("soak: RSS (MiB) by 6 h of site time: " + ", ".join(trajectory))
        for problem in problems:
            print(f"soak: FAIL {problem}")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
