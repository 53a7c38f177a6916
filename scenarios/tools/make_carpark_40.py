#!/usr/bin/python3
"""Writes the office car park scenario: scenarios/carpark-40.yaml and its two data files,
scenarios/data/carpark-40-building.csv (the building's load recorded as 15-minute means over a
week) and scenarios/data/carpark-40-sessions.csv (the week's EV sessions).

Deterministic (a fixed seed) and standard library only, so the committed files are exactly what
this script writes (tests/scenario checks it):

    /usr/bin/python3 scenarios/tools/make_carpark_40.py            # into scenarios/
    /usr/bin/python3 scenarios/tools/make_carpark_40.py --out DIR  # into DIR/ (and DIR/data/)

The site: an office building on a 250 A three-phase supply (EWS 255, 4 149 49). Its whole-site
total meter measures the building and the 40 Green'Up stations of the car park (`downstream`);
the stations sit on two RS485/IP gateways of 20 (at most 32 addresses per line): per gateway 8
Premium three-phase 22 kW stations (0 590 14, 32 A) and 12 Premium single-phase stations
(0 590 10) spread over L1, L2 and L3. Green'Up DLM keeps the site under 250 A (manual 7.16.5.1's
example: maximum current 250 A, 230 A for the charging).

The building curve is a plausible office in January: a base load at night and at weekends
(servers, ventilation, security lighting), heating and ventilation starting before 07:00,
occupancy from 08:00 to 18:00 with a lunch peak in the kitchen, and a ramp down in the evening;
every day draws its own levels and every quarter hour a little noise. Cars arrive on weekdays
between 07:00 and 10:00, leave between 16:00 and 19:00 and want 10 to 40 kWh.
"""

import argparse
import math
import pathlib
import random
import sys
from datetime import date, datetime, timedelta

sys.dont_write_bytecode = True  # importing the sibling script leaves no __pycache__ in the tree
from make_reference_255 import flow_list, q  # noqa: E402  (YAML scalars and wrapped flow lists)

SEED = 40
START = date(2026, 1, 5)  # a Monday
DAYS = 7
QUARTER_HOURS_PER_DAY = 96
GATEWAY_STATIONS = 20
THREE_PHASE_PER_GATEWAY = 8
PHASES = ["L1", "L2", "L3"]
OCCUPANCY = 0.85  # share of stations used on a weekday

BUILDING_CSV = "data/carpark-40-building.csv"
SESSIONS_CSV = "data/carpark-40-sessions.csv"
SESSION_COLUMNS = ["station", "arrival", "departure", "energy_kWh", "battery_kWh", "initial_soc_pct",
                   "target_soc_pct", "max_power_kW", "phases"]


def stations():
    """(name, gateway index, address, model, phase or None) of the 40 stations."""
    out = []
    for gateway in range(2):
        for slot in range(GATEWAY_STATIONS):
            number = gateway * GATEWAY_STATIONS + slot + 1
            three_phase = slot < THREE_PHASE_PER_GATEWAY
            phase = None if three_phase else PHASES[(slot - THREE_PHASE_PER_GATEWAY) % 3]
            out.append((f"CP {number:02d}", gateway, slot + 1, "0 590 14" if three_phase else "0 590 10", phase))
    return out


def smooth(x, start, end):
    """0 before `start`, 1 after `end` (hours), a cosine ramp between."""
    if x <= start:
        return 0.0
    if x >= end:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * (x - start) / (end - start))


def building_day(rng, weekday):
    """96 quarter-hour means (W) of one day."""
    hours = [(quarter + 0.5) / 4 for quarter in range(QUARTER_HOURS_PER_DAY)]  # mid-interval
    base = rng.uniform(16000, 20000)
    if weekday >= 5:
        setback = rng.uniform(5000, 8000)  # heating kept at a lower set point
        return [base + setback * smooth(h, 7, 9) * (1 - smooth(h, 18, 20)) for h in hours]
    hvac = rng.uniform(14000, 18000)
    occupancy = rng.uniform(30000, 38000)
    kitchen = rng.uniform(8000, 12000)
    arrival = rng.uniform(7.5, 8.5)
    leaving = rng.uniform(17.5, 18.5)
    return [base
            + hvac * smooth(h, 5.5, 7.0) * (1 - smooth(h, 19.0, 20.5))
            + occupancy * smooth(h, arrival - 1, arrival + 1) * (1 - smooth(h, leaving - 0.5, leaving + 1.5))
            + kitchen * smooth(h, 11.0, 11.75) * (1 - smooth(h, 13.5, 14.25))
            for h in hours]


def building_series(rng):
    rows = []
    for day in range(DAYS):
        current = START + timedelta(days=day)
        for quarter, power in enumerate(building_day(rng, current.weekday())):
            stamp = datetime(current.year, current.month, current.day) + timedelta(minutes=15 * quarter)
            noisy = power * (1 + rng.gauss(0, 0.03))
            rows.append((stamp.strftime("%Y-%m-%dT%H:%M"), round(noisy)))
    return rows


def sessions(rng):
    """One row per car: weekdays, one car per station at most, in order of arrival."""
    rows = []
    for day in range(DAYS):
        current = START + timedelta(days=day)
        if current.weekday() >= 5:
            continue
        midnight = datetime(current.year, current.month, current.day)
        for name, _gateway, _address, model, _phase in stations():
            if rng.random() >= OCCUPANCY:
                continue
            arrival = midnight + timedelta(minutes=rng.randrange(7 * 60, 10 * 60))
            departure = midnight + timedelta(minutes=rng.randrange(16 * 60, 19 * 60))
            energy = round(rng.uniform(10, 40), 1)
            battery = rng.choice([52, 60, 77, 82]) if model == "0 590 14" else rng.choice([40, 52, 60, 77])
            room_pct = 100 - 100 * energy / battery
            initial = rng.randrange(5, max(6, int(room_pct) - 5))
            target = 80 if rng.random() < 0.2 and initial + 100 * energy / battery <= 80 else ""
            if model == "0 590 14":
                # Three-phase cars at 11 or 22 kW, and some single-phase 7.4 kW ones.
                power, phases = rng.choice([(22, ""), (11, ""), (11, ""), (7.4, 1)])
            else:
                power, phases = 7.4, ""  # the station's single phase (16 A: 3.7 kW at most)
            rows.append((arrival, [name, arrival.strftime("%Y-%m-%dT%H:%M"), departure.strftime("%Y-%m-%dT%H:%M"),
                                   energy, battery, initial, target, power, phases]))
    rows.sort(key=lambda row: row[0])
    return [cells for _arrival, cells in rows]


def write_csv(path, header_comment, columns, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(header_comment)
        out.write(",".join(columns) + "\n")
        for row in rows:
            out.write(",".join(str(cell) for cell in row) + "\n")


def in_progress(rows, station_phase, at):
    """The first session, in file order, of a station on `station_phase` (None: three-phase)
    that is in progress at `at` (a datetime), as (station, arrival)."""
    phases = {name: phase for name, _g, _a, _m, phase in stations()}
    for row in rows:
        arrival = datetime.fromisoformat(row[1])
        departure = datetime.fromisoformat(row[2])
        if phases[row[0]] == station_phase and arrival < at < departure:
            return row[0]
    raise AssertionError(f"no session in progress at {at}")


def emit_yaml(out, session_rows):
    w = out.write
    all_stations = stations()
    names = [s[0] for s in all_stations]
    w("# GENERATED by scenarios/tools/make_carpark_40.py - edit the script, not this file.\n")
    w("# An office car park: 40 Green'Up stations on a 250 A site, one week; the building load is a\n")
    w(f"# recorded 15-minute series ({BUILDING_CSV}), the EV sessions are replayed from\n")
    w(f"# {SESSIONS_CSV}. Single-phase Premium stations are rated 16 A (manual 7.16.5.1), so a\n")
    w("# 7.4 kW car draws 3.7 kW at them.\n")
    w("name: carpark-40\n")
    w("description: Office car park - 40 Green'Up stations under DLM on a 250 A supply, one week.\n\n")
    w("ews:\n  variant: \"255\"\n  timezone: Europe/Paris\n  sampleRate: 15min\n  currency: EUR\n\n")
    w(f"run:\n  start: \"{START.isoformat()}T00:00:00\"   # a Monday\n  duration: {DAYS}d\n  seed: {SEED}\n"
      "  clock: virtual\n  controlPeriod: 1s\n\n")
    w("installation:\n  site: Office car park\n")
    w("  panelBoards:\n    - {name: Main LV board, description: Basement technical room}\n"
      "    - {name: Car park board, description: \"Car park, level -1\"}\n")
    w("  loads:\n    - {name: EV charging}\n")
    w("  groups:\n    - {name: Building}\n    - {name: Car park}\n")
    w("  gateways:\n")
    w("    - name: Main board gateway\n      kind: physical\n      ip: 10.0.10.10\n      port: 502\n"
      "      panelBoard: Main LV board\n      devices:\n")
    w("        - name: Site main meter\n          family: multifunction-meter\n          model: \"4 120 53\"\n"
      "          address: 1\n          groups: [Building, Car park]\n          sim:\n"
      "            profile: office-building    # what the building draws; the stations come on top\n"
      f"            downstream: {flow_list(names, indent=24)}\n")
    for gateway, letter in enumerate("AB"):
        w(f"    - name: Car park gateway {letter}\n      kind: physical\n      ip: 10.0.10.{11 + gateway}\n"
          "      port: 502\n      panelBoard: Car park board\n      devices:\n")
        for name, station_gateway, address, model, phase in all_stations:
            if station_gateway != gateway:
                continue
            fields = [f"name: {q(name)}", "family: charging-station", f"model: {q(model)}", f"address: {address}"]
            if phase:
                fields.append(f"phase: {phase}")
            fields += ["load: EV charging", "groups: [Car park]", "excludeFromTotals: true", "sim: {}"]
            w("        - {" + ", ".join(fields) + "}\n")
    w("\nloadProfiles:\n")
    w(f"  - {{name: office-building, kind: trace, file: {BUILDING_CSV}, interpolation: linear}}"
      "   # loops weekly\n")
    w(f"\nsessionsFile: {SESSIONS_CSV}\n")
    # Two commands of the management page (8.3.2) on sessions the CSV has in progress then.
    wednesday_noon = datetime.combine(START + timedelta(days=2), datetime.min.time()) + timedelta(hours=11)
    thursday_morning = datetime.combine(START + timedelta(days=3), datetime.min.time()) + timedelta(hours=10, minutes=30)
    w("\ndlm:\n  on: true\n  totalMeter: Site main meter\n  scope: whole-site\n"
      "  maxCurrent: 250A           # the supply: yellow/red threshold\n"
      "  maxChargingCurrent: 230A   # green/yellow threshold\n"
      "  hysteresis: 2%\n  firstStep: 75%\n  secondStep: 50%\n  minCharge: 32Ah\n"
      f"  priorityStations: {flow_list([names[0], names[GATEWAY_STATIONS]])}   # the pool cars\n"
      "  loadControl: true\n  controlLogic: true\n"
      "  holdTime: 60s\n  waitingTime: 90s\n  skipTime: 300s\n  settleTime: 5s\n")
    w("  overrides:\n")
    w(f"    - {{at: \"{wednesday_noon.strftime('%Y-%m-%dT%H:%M')}\", "
      f"station: {q(in_progress(session_rows, 'L2', wednesday_noon))}, priority: priority}}\n")
    w(f"    - {{at: \"{thursday_morning.strftime('%Y-%m-%dT%H:%M')}\", "
      f"station: {q(in_progress(session_rows, None, thursday_morning))}, startWait: wait}}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent,
                        help="directory of carpark-40.yaml (data files go to its data/)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    building = building_series(rng)
    session_rows = sessions(rng)
    (args.out / "data").mkdir(parents=True, exist_ok=True)
    write_csv(args.out / BUILDING_CSV,
              "# GENERATED by scenarios/tools/make_carpark_40.py: office building, 15-minute means, W\n",
              ["time", "power_W"], building)
    write_csv(args.out / SESSIONS_CSV,
              "# GENERATED by scenarios/tools/make_carpark_40.py: one EV session per row\n",
              SESSION_COLUMNS, session_rows)
    with open(args.out / "carpark-40.yaml", "w", encoding="utf-8", newline="\n") as out:
        emit_yaml(out, session_rows)


if __name__ == "__main__":
    main()
