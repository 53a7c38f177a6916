"""`ews report download` and `ews report pdf` (docs/reports.md) on a month simulated in virtual
time by `ews run --data`: the small office through March 2026 (Europe/Paris, the spring-forward
day included), its main meter offline on the 10th (10:00-12:00) and on the 31st (09:00-10:30).

reportdata.zip is unzipped and compared value for value with the site database (sqlite3: hour
and day buckets, the costs per tariff) and with the CSV tree of the same run (the sample rows,
for the 15-minute steps of the days the database still holds them); gaps stay empty fields.
The PDFs are read back with pdftotext: titles, periods and totals equal the database's.
"""
import csv
import datetime
import io
import os
import pathlib
import re
import sqlite3
import subprocess
import zipfile
from zoneinfo import ZoneInfo

import pytest

EWS = os.environ["EWS_BINARY"]
SCENARIO = pathlib.Path(os.environ["EWS_SOURCE_DIR"]) / "scenarios" / "default.yaml"
PARIS = ZoneInfo("Europe/Paris")
DEVICE, LOAD, GROUP, ELECTRICITY_TOTAL = 0, 1, 2, 3  # history::SeriesKind
HOUR, DAY = 1, 2                                     # history::Resolution
MAIN_METER = 1
US = datetime.timedelta(microseconds=1)


def march_scenario(text):
    """The shipped small office moved to March 2026 for 31 days, two outages of the main meter."""
    text = text.replace('start: "2026-01-05T00:00:00"', 'start: "2026-03-01T00:00:00"')
    text = re.sub(r"duration: 1d", "duration: 31d", text, count=1)
    text = re.sub(r"  - \{kind: crc, target: Sockets.*\n",
                  '  - {kind: device-offline, target: Main meter, from: "2026-03-10T10:00", to: "2026-03-10T12:00"}\n'
                  '  - {kind: device-offline, target: Main meter, from: "2026-03-31T09:00", to: "2026-03-31T10:30"}\n',
                  text)
    return re.sub(r"(\n  - \{station: .*)+", "\n", text)  # the EV sessions of January


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-export")
    scenario = folder / "march.yaml"
    scenario.write_text(march_scenario(SCENARIO.read_text()))
    run = subprocess.run([EWS, "run", str(scenario), "--data", str(folder / "data"), "-q"], capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    return folder / "data"


def ews(*args, cwd=None):
    return subprocess.run([EWS, "report", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def download(data, tmp_path, *args):
    out = tmp_path / "reportdata.zip"
    result = ews("download", "--data", str(data), "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    archive = zipfile.ZipFile(out)
    assert archive.testzip() is None
    return {name: list(csv.reader(io.TextIOWrapper(archive.open(name), encoding="utf-8"), delimiter=";"))
            for name in archive.namelist()}


def number(text):
    """A field of the site's CSV format (decimal comma); None for an empty (unknown) one."""
    return None if text == "" else float(text.replace(",", "."))


def instant(text):
    return datetime.datetime.fromisoformat(text)


def micros(moment):
    return int(moment.timestamp() * 1_000_000)


def buckets(data, kind, subject, resolution, column="value"):
    """{key: (value, samples, gaps)} of a subject's buckets at `resolution`."""
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        rows = db.execute(f"SELECT key, {column}, samples, gaps FROM buckets WHERE kind = ? AND subject = ? "
                          "AND resolution = ?", (kind, subject, resolution))
        return {key: (value, samples, gaps) for key, value, samples, gaps in rows}


def subjects(data, kind):
    with sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True) as db:
        return [row[0] for row in db.execute("SELECT DISTINCT subject FROM buckets WHERE kind = ? AND resolution = 4 "
                                             "ORDER BY subject", (kind,))]


def expected(bucket, device=True):
    """docs/api.md: a bucket of gap rows only is unknown (an aggregate's only when they add up to 0)."""
    if bucket is None:
        return None
    value, samples, gaps = bucket
    if samples == 0 or (gaps >= samples and (device or value == 0)):
        return None
    return value


def assert_column(rows, column, stored, key_of, device=True):
    for row in rows[1:]:
        want = expected(stored.get(key_of(row[0])), device)
        got = number(row[column])
        assert (got is None) == (want is None), (rows[0][column], row[0], got, want)
        if want is not None:
            assert got == pytest.approx(want, abs=1e-3), (rows[0][column], row[0])


def test_hourly_devices_and_costs_equal_the_database(data, tmp_path):
    files = download(data, tmp_path, "--from", "2026-03-01", "--to", "2026-03-31", "--step", "1h", "--costs")
    assert sorted(files) == sorted([f"report_energy_devices_{m}{c}.csv" for m in ("electricity", "gas", "water")
                                    for c in ("", "_cost")])
    rows = files["report_energy_devices_electricity.csv"]
    assert rows[0][0] == "date_time" and rows[0][1] == "1 Main meter (Wh)"
    assert len(rows) - 1 == 31 * 24 - 1  # the spring-forward day has 23 hours
    assert rows[1][0] == "2026-03-01 00:00:00+01:00" and rows[-1][0] == "2026-03-31 23:00:00+02:00"
    for name in ("report_energy_devices_electricity.csv", "report_energy_devices_water.csv",
                 "report_energy_devices_gas.csv"):
        table = files[name]
        for column, header in enumerate(table[0][1:], start=1):
            device = int(header.split()[0])
            assert_column(table, column, buckets(data, DEVICE, device, HOUR), lambda t: micros(instant(t)))
    # The outage of the 10th: the two hours hold nothing (the consumption lands when reading resumes).
    by_time = {row[0]: row for row in rows[1:]}
    assert by_time["2026-03-10 10:00:00+01:00"][1] == "" and by_time["2026-03-10 11:00:00+01:00"][1] == ""
    assert number(by_time["2026-03-10 12:00:00+01:00"][1]) > 0
    costs = files["report_energy_devices_electricity_cost.csv"]
    assert costs[0][1:3] == ["1 Main meter [Peak] (EUR)", "1 Main meter [Off-peak] (EUR)"]
    for position in (0, 1):
        assert_column(costs, 1 + position, buckets(data, DEVICE, MAIN_METER, HOUR, f"cost{position}"),
                      lambda t: micros(instant(t)))


def test_daily_loads_and_groups_equal_the_database(data, tmp_path):
    epoch = datetime.date(1970, 1, 1)
    day_key = lambda t: (instant(t).date() - epoch).days  # noqa: E731
    for listed, kind in (("loads", LOAD), ("groups", GROUP)):
        files = download(data, tmp_path, "--list", listed, "--from", "2026-03-01", "--to", "2026-03-31", "--step", "1d")
        columns = [(name, column) for name, table in sorted(files.items()) for column in range(1, len(table[0]))]
        assert len(columns) == len(subjects(data, kind)), (listed, columns)
        if listed == "loads":
            assert list(files) == ["report_energy_loads.csv"]
            assert any(header.endswith("(dm3)") for header in files["report_energy_loads.csv"][0])
        ordered = iter(subjects(data, kind))  # the columns follow the ids, as the database sorts them
        for name, column in columns:
            assert len(files[name]) - 1 == 31
            assert_column(files[name], column, buckets(data, kind, next(ordered), DAY), day_key, device=False)


def sample_rows(data, device):
    """(instant, delta, gap) of a device's rows in the CSV tree: March's file, and April's, which
    opens with the sample of 1 April 00:00 closing March's last interval (docs/csv-tree.md)."""
    rows = []
    for month in ("2026-03", "2026-04"):
        with open(data / "csv" / "devices" / str(device) / f"{device}_energy_{month}.csv", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                rows.append((instant(row["date_time"]), number(row["delta_Wh"]), row["gap"] == "1"))
    return rows


def test_quarter_hours_equal_the_csv_tree_with_the_gaps(data, tmp_path):
    # The site database keeps the sample rows 400 days (docs/history.md, "Retention"): the whole
    # month at 15 minutes, its spring-forward day of 92 quarter-hours, both outages.
    files = download(data, tmp_path, "--from", "2026-03-01", "--to", "2026-03-31", "--ids", "1,2")
    rows = files["report_energy_devices_electricity.csv"]
    assert len(rows) - 1 == 31 * 96 - 4
    quarters = {}
    for moment, delta, gap in sample_rows(data, MAIN_METER):
        start = moment - US
        start = start.replace(minute=start.minute - start.minute % 15, second=0, microsecond=0)
        total, count, gaps = quarters.get(start, (0.0, 0, 0))
        quarters[start] = (total + (delta or 0.0), count + 1, gaps + (1 if gap else 0))
    gaps_seen = 0
    for row in rows[1:]:
        total, count, gaps = quarters[instant(row[0])]
        if gaps == count:
            assert row[1] == "", row
            gaps_seen += 1
        else:
            assert number(row[1]) == pytest.approx(total, abs=1e-3), row
    # 10:00-12:00 on the 10th and 09:00-10:30 on the 31st offline: the quarters whose every
    # sample was a gap are empty.
    assert gaps_seen >= 10


def test_bad_requests_name_the_field(data, tmp_path):
    out = str(tmp_path / "bad.zip")
    reversed_dates = ews("download", "--data", str(data), "--from", "2026-03-10", "--to", "2026-03-01", "-o", out)
    assert reversed_dates.returncode == 2 and "last: 2026-03-01 is before the first day 2026-03-10" in reversed_dates.stderr
    unknown = ews("download", "--data", str(data), "--from", "2026-03-01", "--to", "2026-03-02", "--ids", "1,99", "-o", out)
    assert unknown.returncode == 2 and "ids: no device 99 records a consumption" in unknown.stderr
    too_long = ews("download", "--data", str(data), "--from", "2000-01-01", "--to", "2026-03-02", "-o", out)
    assert too_long.returncode == 2 and "last:" in too_long.stderr
    station = ews("download", "--data", str(data), "--from", "2026-03-01", "--to", "2026-03-02", "--ids", "8", "-o", out)
    assert station.returncode == 2 and "ids: device 8 is a charging station" in station.stderr
    assert not (tmp_path / "bad.zip").exists()
    bad_date = ews("download", "--data", str(data), "--from", "2026-02-30", "--to", "2026-03-02", "-o", out)
    assert bad_date.returncode == 64 and "--from: 2026-02-30 does not exist" in bad_date.stderr
    detailed = ews("pdf", "--data", str(data), "--type", "detailed", "--period", "2026-03", "--devices", "99",
                   "-o", str(tmp_path / "x.pdf"))
    assert detailed.returncode == 2 and "devices: device 99" in detailed.stderr


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def month_total(data, kind, subject, column="value", device=False):
    first = (datetime.date(2026, 3, 1) - datetime.date(1970, 1, 1)).days
    values = [expected(bucket, device) for key, bucket in buckets(data, kind, subject, DAY, column).items()
              if first <= key < first + 31]
    return sum(v for v in values if v is not None)


def comma(value, decimals):
    return f"{value:.{decimals}f}".replace(".", ",")


def test_summary_pdf_titles_periods_and_totals(data, tmp_path):
    result = ews("pdf", "--data", str(data), "--period", "2026-03", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "monthly_report_2026-03.pdf"
    text = pdf_text(tmp_path / "monthly_report_2026-03.pdf")
    assert "Summary report" in text and "Monthly report 2026-03" in text and "Previous period: 2026-02" in text
    electricity = re.search(r"^Electricity\s+kWh\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", text, re.M)
    assert electricity, text
    assert electricity.group(1) == comma(month_total(data, ELECTRICITY_TOTAL, 0) / 1000, 3)
    assert electricity.group(2) == "-"  # nothing stored in February
    cost = month_total(data, ELECTRICITY_TOTAL, 0, "cost0") + month_total(data, ELECTRICITY_TOTAL, 0, "cost1")
    assert electricity.group(4) == comma(cost, 2)
    assert re.search(r"^Peak\s+" + re.escape(comma(month_total(data, ELECTRICITY_TOTAL, 0, "cost0"), 2)), text, re.M)
    yearly = ews("pdf", "--data", str(data), "--period", "2026", "--language", "fr", cwd=tmp_path)
    assert yearly.returncode == 0, yearly.stderr
    text = pdf_text(tmp_path / "yearly_report_2026.pdf")
    assert "Rapport de synthèse" in text and "Rapport annuel 2026" in text and "Période précédente: 2025" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "yearly_report_2026.pdf")], capture_output=True, text=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # every font embedded


def test_detailed_pdf_of_a_group_lists_its_devices_with_their_totals(data, tmp_path):
    out = tmp_path / "detailed.pdf"
    result = ews("pdf", "--data", str(data), "--type", "detailed", "--period", "2026-03", "--devices", "1,2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Detailed report" in text and "Monthly report 2026-03" in text
    for device, name in ((1, "Main meter"), (2, "Lighting")):
        row = re.search(rf"^{device} {name}\s+kWh\s+(\S+)", text, re.M)
        assert row, text
        assert row.group(1) == comma(month_total(data, DEVICE, device, device=True) / 1000, 3)
    assert "3 HVAC" not in text
