#!/usr/bin/python3
"""Writes scenarios/reference-255.yaml: the 255-device reference site of an EWS 255 (4 149 49),
and its variant scenarios/site-255.yaml.

Deterministic (a fixed seed for the few choices made at random) and standard library only, so
the committed YAML is exactly what this script prints:

    /usr/bin/python3 scenarios/tools/make_reference_255.py > scenarios/reference-255.yaml
    /usr/bin/python3 scenarios/tools/make_reference_255.py --site site-255 > scenarios/site-255.yaml

ms-slave-a and ms-slave-b are the reference site as the two slaves of scenarios/ms-master.yaml
(docs/master-slave.md): their Modbus TCP server for Master/Slave is ON and their seeds differ,
so the two buildings draw different days.

site-255 is the same site with Green'Up stations on the building boards too (each board's three
EMS state modules give way to a three-phase and two single-phase Premium stations): 35 stations
on 7 of the 8 gateways, still 255 devices, under DLM with the newer firmware's settings (load
control, control logic, hold, waiting and skip times) and two commands of the management page.

The site follows the rules of manual 7.16.1 - 7.16.2: eight Modbus RS485/IP gateways (one per
panel board, the recommended architecture), at most 32 bus addresses on each RS485 line, unique
device names, unique addresses per line (pulse counters share their concentrator's address with
distinct positions, two-sided old-range stations share theirs with sides 1 and 2, EMS CX3
modules in remote addressing use "device-interface" addresses clear of the line's own), at most
5 groups per device, at most 8 user loads, no EQ device (a Mini EWS 32 function). Every device
that measures electricity is inside another meter's measurement except the site main meter, so
all others are excluded from totals (manual 7.16.1.4) and listed as `downstream` of the meter
above them. The main meter is the Green'Up total meter for the 20 charging stations.
tests/scenario checks the output against the installation rules (validate()).
"""

import argparse
import json
import random
import re
import sys

SEED = 255
TOTAL_DEVICES = 255
MAX_BUS_ADDRESSES = 32

# Lighting, Heating, Ventilation and Power sockets are predefined loads (listing them only says
# they are enabled); the other five are user loads (at most 8).
LOADS = ["Lighting", "Heating", "Ventilation", "Power sockets", "Servers", "Kitchen", "Lifts", "Process",
         "EV charging"]
GROUPS = ["Building A", "Building B", "Building C", "Car park", "Tenant 1", "Tenant 2", "Tenant 3", "Data room"]

# Profiles: name -> (kind, payload). Daily points are (HH:MM, W); water and gas ones are L/h.
PROFILES = [
    ("base", "constant", {"power": 800, "noise": 0.02}),
    ("office-lighting", "daily", {"points": [("00:00", 120), ("07:00", 120), ("07:30", 1800), ("12:00", 1500),
                                             ("14:00", 1800), ("18:30", 1800), ("19:30", 250), ("22:00", 120)],
                                  "weekendFactor": 0.1, "noise": 0.03}),
    ("hvac", "daily", {"points": [("00:00", 1500), ("05:30", 1500), ("06:00", 6000), ("09:00", 4500),
                                  ("17:00", 4000), ("19:00", 2000)], "weekendFactor": 0.6, "noise": 0.05}),
    ("sockets", "daily", {"points": [("00:00", 300), ("07:30", 300), ("08:30", 2500), ("12:00", 2000),
                                     ("13:30", 2500), ("18:00", 2200), ("19:00", 400)],
                          "weekendFactor": 0.2, "noise": 0.08}),
    ("servers", "constant", {"power": 3500, "noise": 0.04}),
    ("kitchen", "daily", {"points": [("00:00", 80), ("11:00", 80), ("11:30", 4500), ("13:30", 4500),
                                     ("14:00", 300), ("16:00", 80)], "weekendFactor": 0.0}),
    ("lifts", "daily", {"points": [("00:00", 200), ("07:30", 200), ("08:00", 3000), ("09:30", 1200),
                                   ("12:00", 2500), ("14:00", 1200), ("17:30", 3000), ("19:00", 200)],
                        "weekendFactor": 0.3, "noise": 0.25}),
    ("process", "daily", {"points": [("00:00", 1000), ("06:00", 1000), ("06:30", 7000), ("14:00", 7000),
                                     ("14:30", 5000), ("22:00", 5000), ("22:30", 1000)],
                          "weekendFactor": 0.5, "noise": 0.05}),
    ("car-park-lighting", "daily", {"points": [("00:00", 900), ("08:30", 900), ("09:00", 0), ("17:00", 0),
                                               ("17:30", 900)]}),
    ("ventilation", "daily", {"points": [("00:00", 600), ("07:00", 600), ("07:30", 2200), ("19:00", 2200),
                                         ("19:30", 600)], "weekendFactor": 0.5}),
    ("water-draw", "daily", {"points": [("00:00", 2), ("07:00", 2), ("08:00", 120), ("12:00", 250),
                                        ("14:00", 90), ("18:00", 40), ("19:00", 2)], "noise": 0.2}),
    ("gas-boiler", "daily", {"points": [("00:00", 300), ("05:00", 300), ("06:00", 1800), ("10:00", 900),
                                        ("17:00", 900), ("19:00", 400)], "weekendFactor": 0.7, "noise": 0.05}),
]

# The load and profile a measuring device is given, by load name.
LOAD_PROFILE = {"Lighting": "office-lighting", "Heating": "hvac", "Power sockets": "sockets", "Servers": "servers",
                "Kitchen": "kitchen", "Lifts": "lifts", "Process": "process", "Ventilation": "ventilation"}
BOARD_LOADS = ["Lighting", "Heating", "Power sockets", "Lighting", "Power sockets", "Servers", "Kitchen", "Lifts",
               "Process"]
# EMS CX3 measuring modules with a supply (current direction) setting (manual 7.16.1.3).
EMS_WITH_SUPPLY = {"4 149 19", "4 149 20", "4 149 23"}

# The scenarios this script writes: what differs between them.
SITES = {
    "reference-255": dict(
        header="The 255-device reference site of an EWS 255: 8 RS485/IP gateways, 20 Green'Up stations under DLM.",
        description="Reference site for the EWS 255 - 255 devices on 8 gateways, 20 charging stations, one day.",
        site="Reference site 255", building_stations=False, stations=20),
    "site-255": dict(
        header="The reference site with stations on the building boards too: 35 Green'Up stations on 7 gateways.",
        description="255 devices on 8 gateways, 35 charging stations on 7 of them under DLM, one day.",
        site="Site 255", building_stations=True, stations=35),
    "ms-slave-a": dict(
        header="Slave A of scenarios/ms-master.yaml: the reference site, serving its masters (Modbus TCP server ON).",
        description="Campus building A - the 255-device reference site as a Master/Slave slave, one day.",
        site="Campus building A", building_stations=False, stations=20, tcp_server=True, seed=101),
    "ms-slave-b": dict(
        header="Slave B of scenarios/ms-master.yaml: the reference site, serving its masters (Modbus TCP server ON).",
        description="Campus building B - the 255-device reference site as a Master/Slave slave, one day.",
        site="Campus building B", building_stations=False, stations=20, tcp_server=True, seed=202),
}

_PLAIN = re.compile(r"^([A-Za-z][A-Za-z0-9 ._'/-]*|[0-9.]+kWh)$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def q(value):
    """A YAML scalar: plain when unambiguous, else a JSON (= YAML double-quoted) string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text)


def flow_list(items, indent=0, width=110):
    """A flow list; when long, wrapped onto continuation lines indented by `indent` + 1."""
    parts = [q(i) for i in items]
    lines, line = [], "["
    for n, part in enumerate(parts):
        piece = part + (", " if n + 1 < len(parts) else "]")
        # The first line follows its key, which starts `indent` columns in; the others hold their indent.
        limit = width - indent if line.startswith("[") else width
        if len(line) + len(piece) > limit and line != "[":
            lines.append(line.rstrip())
            line = " " * (indent + 1)
        line += piece
    if not parts:
        line += "]"
    lines.append(line)
    return "\n".join(lines)


class Gateway:
    def __init__(self, name, ip, board, description):
        self.name, self.ip, self.board, self.description = name, ip, board, description
        self.devices = []
        self.bus_addresses = set()

    def add(self, **device):
        # Bus addresses this device occupies: its own, or both parts of "device-interface".
        address = device["address"]
        parts = [int(p) for p in str(address).split("-")]
        self.bus_addresses.update(parts)
        assert len(self.bus_addresses) <= MAX_BUS_ADDRESSES, (self.name, len(self.bus_addresses))
        self.devices.append(device)
        return device


def measuring(name, family, model, address, load, groups, profile=None, scale=None, **extra):
    device = dict(name=name, family=family, model=model, address=address, load=load, groups=groups,
                  excludeFromTotals=True, **extra)
    sim = {}
    if profile:
        sim["profile"] = profile
    if scale is not None:
        sim["scale"] = scale
    device["sim"] = sim
    return device


def build_site(rng, building_stations=False):
    gateways = []

    # --- Five building boards: an incomer meter over energy counters, EMS CX3 modules, pulse
    # concentrators, generic meters and RCD add-on modules. 34 devices, 29 addresses each.
    buildings = [("A", 1, "Building A", "Tenant 1"), ("A", 2, "Building A", "Tenant 1"),
                 ("B", 1, "Building B", "Tenant 2"), ("B", 2, "Building B", "Tenant 2"),
                 ("C", 1, "Building C", "Tenant 3")]
    for index, (letter, floor, building, tenant) in enumerate(buildings):
        code = f"{letter}{floor}"
        gw = Gateway(f"Gateway {code}", f"10.0.{index + 2}.10", f"Board {code}",
                     f"{building}, floor {floor} technical room")
        # No EQ device: the manual offers that function on the Mini EWS 32 (4 149 48) only.
        gw.add(name=f"{code} incomer", family="multifunction-meter",
               model="4 120 53" if index % 2 == 0 else "0 146 69", address=1,
               load="Power sockets", groups=[building, tenant], excludeFromTotals=True,
               sim={"profile": "base", "scale": round(0.5 + 0.1 * index, 2)})
        address = 2
        energy_models = ["4 120 74", "4 120 91", "4 120 41", "4 120 81", "4 120 68"]
        for n in range(12):
            load = BOARD_LOADS[n % len(BOARD_LOADS)]
            groups = [building, tenant] + (["Data room"] if load == "Servers" else [])
            gw.add(**measuring(f"{code} {load.split()[-1].lower()} {n + 1:02d}", "energy-counter",
                               energy_models[n % len(energy_models)], address, load, groups,
                               LOAD_PROFILE[load], round(rng.uniform(0.6, 1.4), 2)))
            address += 1
        # EMS CX3 measure modules; on the B1 board they sit behind an EMS interface in remote
        # addressing (manual 7.16.1.3): "device-interface", with interface address 31.
        ems_models = ["4 149 20", "4 149 18", "4 149 23", "4 149 22"]
        for n in range(6):
            load = ["Heating", "Lighting", "Kitchen"][n % 3]
            ems_address = f"{address}-31" if code == "B1" else address
            model = ems_models[n % len(ems_models)]
            extra = {"supply": "upstream" if n % 2 == 0 else "downstream"} if model in EMS_WITH_SUPPLY else {}
            gw.add(**measuring(f"{code} EMS {load.lower()} {n + 1:02d}", "ems-measure", model, ems_address, load,
                               [building], LOAD_PROFILE[load], round(rng.uniform(0.3, 0.9), 2), **extra))
            address += 1
        for n, model in enumerate(["4 149 29", "4 149 30", "4 149 31"]):
            if building_stations:
                # A three-phase (0 590 14) and two single-phase (0 590 10) Premium stations.
                phase = {} if n == 0 else {"phase": ["L1", "L2", "L3"][(index + n) % 3]}
                gw.add(name=f"{code} station {n + 1}", family="charging-station",
                       model="0 590 14" if n == 0 else "0 590 10", address=address, **phase,
                       load="EV charging", groups=[building], excludeFromTotals=True, sim={})
            else:
                gw.add(name=f"{code} state module {n + 1}", family="ems-state-control", model=model,
                       address=address, groups=[building])
            address += 1
        # Two pulse concentrators (4 120 65, 4 149 26), one device per input position.
        concentrators = [("4 120 65", ["electricity", "electricity", "water", "gas"]),
                         ("4 149 26", ["electricity", "water", "gas"])]
        for model, media in concentrators:
            for position, medium in enumerate(media, start=1):
                name = f"{code} {medium} pulse {address}-{position}"
                if medium == "electricity":
                    device = measuring(name, "pulse-counter", "4 120 90", address, "Process", [building],
                                       "process", round(rng.uniform(0.1, 0.4), 2),
                                       position=position, medium=medium, concentrator=model)
                else:
                    profile = "water-draw" if medium == "water" else "gas-boiler"
                    # Water and gas are not electricity: no load (assigned automatically), no totals flag.
                    device = dict(name=name, family="pulse-counter", model=f"{medium.capitalize()} counter",
                                  address=address, position=position, medium=medium, concentrator=model,
                                  groups=[building],
                                  sim={"profile": profile, "scale": round(rng.uniform(0.5, 1.5), 2)})
                gw.add(**device)
            address += 1
        for n in range(2):
            gw.add(**measuring(f"{code} generic meter {n + 1}", "generic-modbus", "Generic Modbus meter",
                               address, "Process", [building, tenant], "process", round(rng.uniform(0.2, 0.5), 2),
                               generic={"function": 3 + n, "register": f"0x{0x0100 + 0x10 * n:04X}",
                                        "words": 2, "multiplier": 0.1}))
            address += 1
        for n in range(3):
            gw.add(**measuring(f"{code} RCD {n + 1}", "breaker", "4 106 59", address, "Power sockets", [building],
                               "sockets", round(rng.uniform(0.2, 0.6), 2), supply="upstream"))
            address += 1
        gateways.append(gw)

    # --- Two car park boards: 20 Green'Up stations in all, Premium and old range.
    car_park_a = Gateway("Gateway P1", "10.0.7.10", "Board P1", "Car park, level -1")
    car_park_b = Gateway("Gateway P2", "10.0.8.10", "Board P2", "Car park, level -2")
    for gw in (car_park_a, car_park_b):
        gw.add(name=f"{gw.board[-2:]} incomer", family="multifunction-meter", model="4 120 53",
               address=1, load="EV charging", groups=["Car park"], excludeFromTotals=True,
               sim={"profile": "car-park-lighting", "scale": 0.5})
    phases = ["L1", "L2", "L3"]
    # P1: 6 Premium single-phase (0 590 10), 4 Premium three-phase (0 590 14), one old-range
    # two-sided single-phase station (0 590 32) at address 12, sides 1 and 2.
    for n in range(6):
        car_park_a.add(name=f"P1 station {n + 1:02d}", family="charging-station", model="0 590 10",
                       address=2 + n, phase=phases[n % 3], load="EV charging", groups=["Car park"],
                       excludeFromTotals=True, sim={})
    for n in range(4):
        car_park_a.add(name=f"P1 station {n + 7:02d}", family="charging-station", model="0 590 14",
                       address=8 + n, load="EV charging", groups=["Car park"], excludeFromTotals=True, sim={})
    for side in (1, 2):
        car_park_a.add(name=f"P1 station 12-{side}", family="charging-station", model="0 590 32",
                       address=12, side=side, phase=phases[side], load="EV charging", groups=["Car park"],
                       excludeFromTotals=True, sim={})
    for n in range(4):
        car_park_a.add(**measuring(f"P1 lighting {n + 1:02d}", "ems-measure", "4 149 20", 13 + n, "Lighting",
                                   ["Car park"], "car-park-lighting", 1.0, supply="upstream"))
    for n in range(10):
        car_park_a.add(**measuring(f"P1 ventilation {n + 1:02d}", "energy-counter", "4 120 74", 17 + n, "Ventilation",
                                   ["Car park"], "ventilation", round(rng.uniform(0.5, 1.2), 2)))
    # P2: two old-range two-sided three-phase stations (0 590 96), 4 Premium three-phase.
    for address in (2, 3):
        for side in (1, 2):
            car_park_b.add(name=f"P2 station {address}-{side}", family="charging-station", model="0 590 96",
                           address=address, side=side, load="EV charging", groups=["Car park"],
                           excludeFromTotals=True, sim={})
    for n in range(4):
        car_park_b.add(name=f"P2 station {n + 5:02d}", family="charging-station", model="0 590 14",
                       address=4 + n, load="EV charging", groups=["Car park"], excludeFromTotals=True, sim={})
    for n, model in enumerate(["0 261 36", "0 288 12"]):
        car_park_b.add(name=f"P2 supervision {n + 1}", family="power-supervision", model=model,
                       address=8 + n, groups=["Car park"])
    for n in range(17):
        car_park_b.add(**measuring(f"P2 ventilation {n + 1:02d}", "energy-counter", "4 120 91", 10 + n, "Ventilation",
                                   ["Car park"], "ventilation", round(rng.uniform(0.3, 1.0), 2)))

    # --- The main LV board: the site main meter (Green'Up total meter), the feeders of the
    # other boards, and the circuits of the technical rooms.
    main = Gateway("Gateway main", "10.0.1.10", "Main LV board", "Main low-voltage board, basement")
    main.add(name="Site main meter", family="multifunction-meter", model="4 120 53", address=1,
             groups=["Building A", "Building B", "Building C", "Car park"], sim={"profile": "base"})
    boards = gateways + [car_park_a, car_park_b]
    for n, board_gw in enumerate(boards):
        # A DPX3 feeder measures exactly what its board's incomer measures.
        incomer = board_gw.devices[0]
        main.add(name=f"Feeder {board_gw.board}", family="breaker", model="DPX3 630 electronic with measurement",
                 address=2 + n,
                 supply="upstream", excludeFromTotals=True, groups=incomer["groups"][:1],
                 sim={"downstream": [incomer["name"]]})
    main.add(name="Main DMX3", family="breaker", model="0 288 00", address=10, groups=["Building A"])
    main.add(name="Main supervision 1", family="power-supervision", model="0 261 36", address=11)
    main.add(name="Main supervision 2", family="power-supervision", model="0 288 12", address=12)
    address = 13
    for n in range(10):
        main.add(**measuring(f"Main RCD {n + 1:02d}", "breaker", "4 106 59", address, "Power sockets", ["Building A"],
                             "sockets", round(rng.uniform(0.2, 0.6), 2), supply="upstream"))
        address += 1
    for n, load in enumerate(["Servers", "Lifts", "Heating", "Lighting", "Servers", "Lifts", "Kitchen", "Heating",
                              "Lighting"]):
        groups = ["Building A"] + (["Data room"] if load == "Servers" else [])
        main.add(**measuring(f"Main {load.split()[-1].lower()} {n + 1:02d}", "energy-counter", "4 120 41", address, load,
                             groups, LOAD_PROFILE[load], round(rng.uniform(0.5, 1.5), 2)))
        address += 1

    all_gateways = [main] + boards
    # Each meter with a `downstream` list measures the electricity of the devices under it.
    for gw in boards:
        incomer = gw.devices[0]
        incomer["sim"]["downstream"] = [d["name"] for d in gw.devices[1:]
                                        if "sim" in d and d.get("medium") in (None, "electricity")]
    main.devices[0]["sim"]["downstream"] = [d["name"] for d in main.devices[1:]
                                            if "sim" in d and d["name"].startswith(("Feeder", "Main "))]
    return all_gateways


def build_sessions(rng, stations):
    """One to three sessions per station on 2026-01-06, in order, never overlapping."""
    sessions = []
    for station in stations:
        three_phase = station["model"] in ("0 590 14", "0 590 96")
        minute = rng.randrange(6 * 60 + 30, 9 * 60)
        for _ in range(rng.choice([1, 2, 2, 3])):
            stay = rng.randrange(90, 8 * 60)
            departure = minute + stay
            if departure >= 23 * 60 + 50:
                break
            battery = rng.choice([40, 52, 60, 77, 82]) if three_phase else rng.choice([24, 40, 52])
            soc = rng.randrange(10, 60)
            room = battery * (100 - soc) / 100
            wanted = round(min(room, rng.uniform(5, 35)), 1)
            sessions.append(dict(station=station["name"], arrival=_clock(minute), departure=_clock(departure),
                                 energyWanted=f"{wanted}kWh", battery=battery, initialSoc=soc))
            minute = departure + rng.randrange(10, 120)
    return sessions


def _clock(minute_of_day):
    return f"2026-01-06T{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def emit(gateways, sessions, out, site):
    w = out.write
    stations = [d for gw in gateways for d in gw.devices if d["family"] == "charging-station"]
    devices = [d for gw in gateways for d in gw.devices]
    assert len(devices) == TOTAL_DEVICES, len(devices)
    names = [d["name"] for d in devices]
    assert len(names) == len(set(names)), "device names must be unique"
    assert all(len(d.get("groups", [])) <= 5 for d in devices)

    w("# GENERATED by scenarios/tools/make_reference_255.py - edit the script, not this file.\n")
    w(f"# {site['header']}\n")
    w(f"name: {site['name']}\n")
    w(f"description: {site['description']}\n\n")
    w("ews:\n  variant: \"255\"\n  timezone: Europe/Paris\n  sampleRate: 10min\n  currency: EUR\n")
    if site.get("tcp_server"):
        w("  modbus: {tcpServer: true, tcpServerPort: 502}\n")
    w("\n")
    w(f"run:\n  start: \"2026-01-06T00:00:00\"\n  duration: 1d\n  seed: {site.get('seed', 42)}\n  clock: virtual\n"
      "  controlPeriod: 1s\n\n")
    w(f"installation:\n  site: {site['site']}\n")
    w("  panelBoards:\n")
    for gw in gateways:
        w(f"    - {{name: {q(gw.board)}, description: {q(gw.description)}}}\n")
    w("  loads:\n")
    for load in LOADS:
        w(f"    - {{name: {q(load)}}}\n")
    w("  groups:\n")
    for group in GROUPS:
        w(f"    - {{name: {q(group)}}}\n")
    w("  gateways:\n")
    key_order = ["name", "family", "model", "address", "position", "side", "phase", "medium", "concentrator",
                 "generic",
                 "supply", "load", "groups", "excludeFromTotals", "sim"]
    for gw in gateways:
        w(f"    - name: {q(gw.name)}\n      kind: physical\n      ip: {gw.ip}\n      port: 502\n")
        w(f"      panelBoard: {q(gw.board)}\n      devices:\n")
        for d in gw.devices:
            fields = []
            for key in key_order:
                if key not in d:
                    continue
                value = d[key]
                if key == "groups":
                    fields.append(f"groups: {flow_list(value)}")
                elif key == "generic":
                    fields.append("generic: {" + ", ".join(f"{k}: {q(v) if k != 'register' else v}"
                                                           for k, v in value.items()) + "}")
                elif key == "sim":
                    if "downstream" in value:
                        # Long lists read better as a block map under `sim:`.
                        lines = [f"{k}: {q(v)}" for k, v in value.items() if k != "downstream"]
                        lines.append("downstream: " + flow_list(value["downstream"], indent=24))
                        fields.append("sim:\n" + "\n".join("            " + line for line in lines))
                    else:
                        fields.append("sim: {" + ", ".join(f"{k}: {q(v)}" for k, v in value.items()) + "}")
                elif key == "address" and isinstance(value, str):
                    fields.append(f"address: {json.dumps(value)}")
                else:
                    fields.append(f"{key}: {q(value)}")
            w("        - " + fields[0] + "\n")
            for field in fields[1:]:
                w("          " + field + "\n")
    w("\nloadProfiles:\n")
    for name, kind, payload in PROFILES:
        w(f"  - name: {name}\n    kind: {kind}\n")
        if kind == "constant":
            w(f"    power: {payload['power']}\n")
        else:
            pairs = [f"[\"{t}\", {p}]" for t, p in payload["points"]]
            text = "["
            for n, pair in enumerate(pairs):
                piece = pair + (", " if n + 1 < len(pairs) else "]")
                if len(text.rsplit("\n", 1)[-1]) + len(piece) > 100:
                    text = text.rstrip() + "\n" + " " * 13
                text += piece
            w(f"    points: {text}\n")
        for key in ("weekendFactor", "noise"):
            if key in payload:
                w(f"    {key}: {payload[key]}\n")
    w("\nsessions:\n")
    for s in sessions:
        w("  - {" + ", ".join(f"{k}: {json.dumps(v) if k in ('arrival', 'departure') else q(v)}"
                              for k, v in s.items()) + "}\n")
    w("\nfaults:\n")
    w("  - {kind: gateway-down, target: Gateway P2, from: \"2026-01-06T14:00\", to: \"2026-01-06T14:05\"}\n")
    w("  - {kind: timeout, target: A1 lighting 01, from: \"2026-01-06T09:00\", to: \"2026-01-06T10:00\","
      " probability: 0.02}\n")
    w("  - {kind: exception, target: C1 generic meter 2, from: \"2026-01-06T16:00\", to: \"2026-01-06T16:20\","
      " probability: 0.5, exceptionCode: 2}\n")
    priority = [stations[0]["name"], stations[6]["name"], stations[12]["name"]]
    w("\ndlm:\n  on: true\n  totalMeter: Site main meter\n  scope: whole-site\n  maxCurrent: 1000\n"
      "  maxChargingCurrent: 900\n  hysteresis: 2\n  firstStep: 75\n  secondStep: 50\n  minCharge: 32\n")
    w(f"  priorityStations: {flow_list(priority)}\n")
    if site["building_stations"]:
        w("  loadControl: true\n  controlLogic: true\n  holdTime: 60s\n  waitingTime: 90s\n  skipTime: 300s\n"
          "  settleTime: 5s\n")
        # Management page commands (8.3.2) half an hour into two building stations' first sessions.
        first = {}
        for session in sessions:
            first.setdefault(session["station"], session)
        w("  overrides:\n")
        for name, command in (("A1 station 2", "priority: priority"), ("B2 station 1", "startWait: wait")):
            arrival = first[name]["arrival"]
            minute = int(arrival[11:13]) * 60 + int(arrival[14:16]) + 30
            w(f"    - {{at: {json.dumps(_clock(minute))}, station: {q(name)}, {command}}}\n")


def main():
    parser = argparse.ArgumentParser(description="Prints a 255-device scenario on stdout.")
    parser.add_argument("--site", choices=sorted(SITES), default="reference-255")
    name = parser.parse_args().site
    site = dict(SITES[name], name=name)
    rng = random.Random(SEED)
    gateways = build_site(rng, site["building_stations"])
    stations = [d for gw in gateways for d in gw.devices if d["family"] == "charging-station"]
    assert len(stations) == site["stations"], len(stations)
    emit(gateways, build_sessions(rng, stations), sys.stdout, site)


if __name__ == "__main__":
    main()
