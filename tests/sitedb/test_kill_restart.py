"""`ews live --data` killed with SIGKILL at random moments and restarted on the same data folder.

One `ews twin` serves a small site (5 energy counters on two gateways, 3 loads, 2 groups, two
electricity tariffs, 1 min samples) over loopback at SPEED x real time. `ews live SITE --data DIR
--speed SPEED` polls it and is killed with SIGKILL after a seeded-random 0.5-3 s, KILLS times,
then runs once more and stops cleanly on SIGTERM. At SPEED = 3600 a minute sample is taken every
17 ms of wall time, so the kills land at random points of the writer's per-sample transactions,
and the ~KILLS x 1.7 s of runs cover more than a day of the live engine's time (local midnight is
crossed: several day pages and their month page). A restart at --speed continues from the last
stored sample (the live engine's clock runs SPEED times ahead of the system clock, so starting
from the system clock again would go back in time).

After every kill, with Python's own sqlite3 on DIR/ews.db (read-only):
* `PRAGMA integrity_check` is ok;
* sample rows: keys are multiples of the sample rate; every stored instant holds the same rows
  (whole instants: a kill never leaves half an instant); the last one is `last_sample_us`;
* every hour, day, month and year bucket holds exactly the samples (count, gap count and value)
  of the sample rows it covers (all are retained: the run is shorter than the 2-day horizon),
  so no instant is ever counted twice in any resolution.

At the end, per device, the consumption pages as `ews history` prints them (each day page's and
each month page's total) are compared with the twin's own energy register (u32, 10 Wh, read over
Modbus TCP with the few lines of raw socket client below: Debian's pymodbus 3.0 client package
imports serial_asyncio, which tools/install-deps.sh does not install):
* the day pages add up to the month pages, and those to everything the database holds;
* nothing lost, nothing twice: that total equals the device's last reading stored minus its
  first reading (what the acquisition counts from, docs/history.md), to float precision;
* against the twin: the first reading lies within what the twin served while live started, and
  the total lies between what the twin served from that reading to just before the final
  SIGTERM, minus one sample interval of the device's consumption (live's last sample is at most
  one interval before the signal; the interval estimated from its largest sample row that does
  not follow a gap) and the 10 Wh register resolution, and what it served up to just after
  live exited (plus the resolution).
The electricity total's pages are checked against the devices it counts (excluded sub-meters out).

Seed: EWS_KILL_SEED (default below); the kill delays of a failing run are printed.
"""
import datetime
import os
import pathlib
import random
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zoneinfo

sys.path.insert(0, str(pathlib.Path(__file__).parents[1] / "twin"))
from twin_process import EWS, _read_ports  # noqa: E402  (the twin tests' binary and port reader)

SPEED = 3600
KILLS = 22
SEED = int(os.environ.get("EWS_KILL_SEED", "20261207"))
SAMPLE_US = 60_000_000        # ews.sampleRate: 1min
REGISTER_WH = 10              # energy counters: u32 in steps of 10 Wh (docs/register-maps.md)
ZONE = "Europe/Paris"
WALL_BUDGET_S = 170           # the whole test; ctest's TIMEOUT is above it

# Device id (the installation's, 1-based in file order) -> (gateway, Modbus unit) on the twin.
DEVICES = {1: ("Local", 1), 2: ("Local", 2), 3: ("Local", 3), 4: ("Workshop gateway", 1), 5: ("Workshop gateway", 2)}
COUNTED = (1, 4, 5)           # in the electricity total (Lighting and HVAC are excluded sub-meters)

SITE = """\
name: kill-restart
description: Small site for the kill/restart test of the site database (tests/sitedb).
ews:
  variant: "32"
  timezone: Europe/Paris
  sampleRate: 1min
  currency: EUR
  modbus: {baud: 19200, parity: even, stopBits: 1, timeout: 300ms, tcpServer: false, tcpServerPort: 502}
run:
  start: "2026-01-05T08:00:00"
  duration: 30d
  seed: 7
  clock: virtual
  speed: 1
  controlPeriod: 1s
installation:
  site: Kill test
  panelBoards:
    - {name: Main board}
  loads:
    - {name: Lighting}
    - {name: Heating}
    - {name: Kitchen}
  groups:
    - {name: Offices}
    - {name: Workshop}
  gateways:
    - name: Local
      kind: local
      panelBoard: Main board
      devices:
        - {name: Main meter, family: multifunction-meter, model: "4 120 53", address: 1, groups: [Offices],
           sim: {profile: base, downstream: [Lighting, HVAC]}}
        - {name: Lighting, family: energy-counter, model: "4 120 74", address: 2, load: Lighting, groups: [Offices],
           excludeFromTotals: true, sim: {profile: lights}}
        - {name: HVAC, family: energy-counter, model: "4 120 41", address: 3, load: Heating, groups: [Offices],
           excludeFromTotals: true, sim: {profile: heat}}
    - name: Workshop gateway
      kind: physical
      ip: 192.168.1.20
      port: 502
      panelBoard: Main board
      devices:
        - {name: Oven, family: energy-counter, model: "4 120 74", address: 1, load: Kitchen, groups: [Workshop],
           sim: {profile: heat}}
        - {name: Sockets, family: energy-counter, model: "4 120 83", address: 2, groups: [Workshop],
           sim: {profile: lights}}
loadProfiles:
  - {name: base, kind: constant, power: 600, noise: 0.02}
  - {name: lights, kind: daily, points: [["00:00", 150], ["07:00", 2400], ["19:00", 300]], noise: 0.03}
  - {name: heat, kind: daily, points: [["00:00", 2500], ["06:00", 9000], ["17:00", 6000]], noise: 0.05}
tariffs:
  electricity:
    tariffs:
      - {name: Peak, colour: "#D62728", prices: [{price: 0.2068}]}
      - {name: Off-peak, colour: "#1F77B4", prices: [{price: 0.1615}]}
    rules:
      - {tariff: Off-peak, time: ["00:00", "05:59"]}
      - {tariff: Peak, time: ["06:00", "21:59"]}
      - {tariff: Off-peak, time: ["22:00", "23:59"]}
"""

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
TZ = zoneinfo.ZoneInfo(ZONE)


# ---- Modbus TCP: one read of holding registers (function 3) on a fresh connection ----

def read_holding(port, unit, address, count, timeout=2.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(struct.pack(">HHHBBHH", 1, 0, 6, unit, 3, address, count))

        def receive(size):
            data = b""
            while len(data) < size:
                chunk = conn.recv(size - len(data))
                if not chunk:
                    raise ConnectionError("the twin closed the connection")
                data += chunk
            return data

        _, _, length, _ = struct.unpack(">HHHB", receive(7))
        body = receive(length - 1)
        if body[0] & 0x80:
            raise IOError(f"Modbus exception {body[1]} from unit {unit}")
        return struct.unpack(f">{body[1] // 2}H", body[2:2 + body[1]])


def twin_counters_wh(ports):
    """Energy imported (energy.active.import at 0x0000, u32 high word first, x 10 Wh) by device id."""
    values = {}
    for device, (gateway, unit) in DEVICES.items():
        high, low = read_holding(ports[gateway], unit, 0x0000, 2)
        values[device] = (high << 16 | low) * REGISTER_WH
    return values


# ---- the bucket keys of docs/history.md, in the site's zone ----

def local_of(us):
    return (EPOCH + datetime.timedelta(microseconds=us)).astimezone(TZ)


def keys_of_sample(key):
    """(hour, day, month, year) keys of the buckets a sample at `key` (UTC us) goes to."""
    local = local_of(key - 1)
    hour_start = local.replace(minute=0, second=0, microsecond=0)
    hour = int((hour_start - EPOCH).total_seconds()) * 1_000_000
    day = (local.date() - datetime.date(1970, 1, 1)).days
    return hour, day, local.year * 12 + local.month - 1, local.year


def date_of_day_key(key):
    return datetime.date(1970, 1, 1) + datetime.timedelta(days=key)


# ---- checks of the database after each kill ----

def open_read_only(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


def check_database(path, label):
    """The checks after a kill; returns the number of stored sample instants."""
    db = open_read_only(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], label
        meta = dict(db.execute("SELECT key, value FROM meta"))
        rows = db.execute(
            "SELECT kind, subject, resolution, key, value, samples, gaps FROM buckets ORDER BY kind, subject, resolution, key"
        ).fetchall()
    finally:
        db.close()
    samples = [r for r in rows if r[2] == 0]
    if not samples:
        assert "last_sample_us" not in meta, label
        return 0
    # Sample rows: on the grid, one per subject and instant, every instant whole.
    by_instant = {}
    for kind, subject, _, key, value, count, gaps in samples:
        assert key % SAMPLE_US == 0, (label, kind, subject, key)
        assert count == 1, (label, "sample row counted", count, kind, subject, key)
        by_instant.setdefault(key, set()).add((kind, subject))
    subjects = set.union(*by_instant.values())
    torn = {key: subjects - present for key, present in by_instant.items() if present != subjects}
    assert not torn, (label, "instants missing rows", sorted(torn.items())[:3])
    assert int(meta["last_sample_us"]) == max(by_instant), (label, meta["last_sample_us"], max(by_instant))
    # Every sample row is still there (the run is shorter than the 2-day sample horizon) ...
    first_instant = min(by_instant)
    assert int(meta.get("dropped_below_0", "0")) <= first_instant, (label, meta.get("dropped_below_0"))
    # ... so each coarser bucket is exactly the sum of the sample rows it covers.
    expected = {}
    for kind, subject, _, key, value, count, gaps in samples:
        for resolution, bucket in enumerate(keys_of_sample(key), start=1):
            entry = expected.setdefault((kind, subject, resolution, bucket), [0.0, 0, 0])
            entry[0] += value
            entry[1] += 1
            entry[2] += gaps
    stored = {(r[0], r[1], r[2], r[3]): (r[4], r[5], r[6]) for r in rows if r[2] > 0}
    assert set(stored) == set(expected), (label, sorted(set(stored) ^ set(expected))[:5])
    for bucket, (value, count, gaps) in stored.items():
        want = expected[bucket]
        assert (count, gaps) == (want[1], want[2]), (label, bucket, (count, gaps), want)
        assert abs(value - want[0]) <= 1e-9 * max(1.0, abs(want[0])), (label, bucket, value, want[0])
    return len(by_instant)


def counters_of(path):
    db = open_read_only(path)
    try:
        return {d: (raw, total, corr, baseline) for d, raw, total, corr, baseline in
                db.execute("SELECT device, last_raw, total, corrections, baseline FROM counters")}
    finally:
        db.close()


def last_sample_of(path):
    if not path.exists():
        return None
    try:
        db = open_read_only(path)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'last_sample_us'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None  # not created yet
    return int(row[0]) if row else None


def interval_energy(path, device):
    """The device's largest sample row that follows a stored, gap-free one: an interval's consumption
    (the row after a restart's gap carries the whole stop and is not one interval)."""
    db = open_read_only(path)
    try:
        rows = db.execute("SELECT key, value, gaps FROM buckets WHERE kind = 0 AND subject = ? AND resolution = 0 "
                          "ORDER BY key", (device,)).fetchall()
    finally:
        db.close()
    previous = {key: gaps for key, _, gaps in rows}
    normal = [value for key, value, _ in rows if previous.get(key - SAMPLE_US) == 0]
    assert normal, device
    return max(normal)


# ---- ews history ----

def page_total(data, series, period):
    result = subprocess.run([EWS, "history", "--data", str(data), "--series", series, "--period", period],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1].split("\t")
    assert last[0] == "total", result.stdout
    return float(last[1])


def stored_days(path, kind, subject):
    db = open_read_only(path)
    try:
        return [k for (k,) in db.execute("SELECT key FROM buckets WHERE kind = ? AND subject = ? AND resolution = 2 "
                                         "ORDER BY key", (kind, subject))]
    finally:
        db.close()


def pages(data, path, kind, subject, series):
    """(sum of the day pages' totals, sum of the month pages' totals, days) of one series."""
    days = [date_of_day_key(k) for k in stored_days(path, kind, subject)]
    day_sum = sum(page_total(data, series, d.isoformat()) for d in days)
    months = sorted({(d.year, d.month) for d in days})
    month_sum = sum(page_total(data, series, f"{y:04d}-{m:02d}") for y, m in months)
    return day_sum, month_sum, days


# ---- processes ----

def start_live(site, data, ports):
    return subprocess.Popen(
        [EWS, "live", str(site), "--data", str(data),
         "--gateway", f"Local=127.0.0.1:{ports['Local']}",
         "--gateway", f"Workshop gateway=127.0.0.1:{ports['Workshop gateway']}",
         "--speed", str(SPEED), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop(process, sig, timeout=10):
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_kill_restart_keeps_history_exact():
    began = time.monotonic()
    rng = random.Random(SEED)
    delays = [round(rng.uniform(0.5, 3.0), 3) for _ in range(KILLS)]
    print(f"seed {SEED}: kill delays {delays}")
    processes = []
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        site = folder / "site.yaml"
        site.write_text(SITE)
        data = folder / "data"
        database = data / "ews.db"
        twin = subprocess.Popen([EWS, "twin", str(site), "--listen", "127.0.0.1:0", "--speed", str(SPEED)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        processes.append(twin)
        try:
            ports = _read_ports(twin)
            assert set(ports) == {"Local", "Workshop gateway"}, ports
            served_before_start = twin_counters_wh(ports)
            instants = 0
            first = None
            for run, delay in enumerate(delays):
                live = start_live(site, data, ports)
                processes.append(live)
                if first is None:
                    # The first run lasts until it has stored an instant: that holds the first readings.
                    deadline = time.monotonic() + 30
                    while last_sample_of(database) is None:
                        assert live.poll() is None, live.stdout.read()
                        assert time.monotonic() < deadline, "no sample stored within 30 s"
                        time.sleep(0.05)
                time.sleep(delay)
                assert live.poll() is None, f"run {run}: ews live exited {live.returncode}: {live.stdout.read()}"
                stop(live, signal.SIGKILL)
                stored = check_database(database, f"after kill {run + 1} ({delay} s)")
                assert stored >= instants, (run, stored, instants)
                instants = stored
                if first is None:
                    first = {d: raw - total for d, (raw, total, _, _) in counters_of(database).items()}
                    assert set(first) == set(DEVICES), first
                assert time.monotonic() - began < WALL_BUDGET_S - 40, f"too slow: {run + 1} kills"
            # The final run ends cleanly.
            live = start_live(site, data, ports)
            processes.append(live)
            time.sleep(2.0)
            assert live.poll() is None, live.stdout.read()
            served_before_stop = twin_counters_wh(ports)
            stop(live, signal.SIGTERM)
            served_after_stop = twin_counters_wh(ports)
            assert live.returncode == 0, live.stdout.read()
            instants = check_database(database, "after the final run")
        finally:
            for process in reversed(processes):
                stop(process, signal.SIGKILL if process is not twin else signal.SIGINT)

        counters = counters_of(database)
        device_days = {}
        for device in DEVICES:
            raw, total, corrections, baseline = counters[device]
            assert corrections == 0, (device, corrections)
            day_sum, month_sum, days = pages(data, database, 0, device, f"device:{device}")
            device_days[device] = days
            interval = interval_energy(database, device)
            # Pages: days add up to months; nothing lost or counted twice against live's own
            # readings. The pages hold everything up to the recorder's baseline; the readings
            # may be ahead of it by one interval when the last stored row was the gap that
            # follows a restart (a loaded machine may stop the final run that early): that
            # interval's consumption goes to the next one, it is not lost.
            assert abs(day_sum - month_sum) <= 0.01, (device, day_sum, month_sum)
            assert abs(month_sum - baseline) <= 0.01, (device, month_sum, baseline)
            assert -0.01 <= (raw - first[device]) - baseline <= interval + REGISTER_WH, (device, raw, first[device], baseline)
            # Against the twin.
            assert served_before_start[device] <= first[device] <= served_before_stop[device], (device, first)
            low = served_before_stop[device] - first[device] - interval - REGISTER_WH
            high = served_after_stop[device] - first[device] + REGISTER_WH
            print(f"device {device}: {len(days)} days, pages {month_sum:.0f} Wh; twin served "
                  f"{served_before_stop[device] - first[device]}..{served_after_stop[device] - first[device]} Wh "
                  f"from the first reading; one interval ~ {interval:.0f} Wh")
            assert low <= month_sum <= high, (device, low, month_sum, high)
        # The runs covered more than a day of live's time: local midnight was crossed.
        assert instants > 24 * 60, f"only {instants} samples stored"
        assert len(device_days[1]) >= 2, device_days[1]
        # The electricity total counts the devices that are not excluded.
        total_day, total_month, _ = pages(data, database, 3, 0, "total")
        counted = sum(counters[d][3] for d in COUNTED)  # the counted devices' baselines
        assert abs(total_day - counted) <= 0.01 * len(COUNTED) + 0.01, (total_day, counted)
        assert abs(total_month - counted) <= 0.01 * len(COUNTED) + 0.01, (total_month, counted)
    elapsed = time.monotonic() - began
    print(f"{KILLS} kills, {instants} samples stored, {elapsed:.1f} s")
    assert elapsed < WALL_BUDGET_S, elapsed
