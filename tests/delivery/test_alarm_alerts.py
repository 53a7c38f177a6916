"""Measure-threshold and installation-error alerts from the stack (docs/delivery.md "Alert
settings"): a simulated DPX3 whose phase current crosses its `alarmCurrent` and an EMS CX3
module under an `installation-error` fault raise their alarm bits; the recorder turns them into
`threshold` and `configuration-error` events (Reports: alarms), and `ews run --data` mails the
alerts to a real aiosmtpd server. A breaker set to "Exclude alerts" crosses its limit too but
sends nothing, and so does the Feeder once it is set to "Exclude alerts"."""
import json
import os
import pathlib
import sqlite3
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from delivery_servers import SmtpServer  # noqa: E402

EWS = os.environ["EWS_BINARY"]

# Feeder and Excluded draw 0 W until 08:00 local, then ramp to 23 kW at 08:10 (35 A per phase
# at PF 0.95), crossing their 20 A limit at about 08:06, and stay there. Heating reports an
# installation error from 08:20 to 08:40.
SCENARIO = """
name: alarm-alerts
ews: {variant: "255", timezone: Europe/Paris, sampleRate: 10min}
run: {start: "2026-01-05T07:00:00", duration: 1d, seed: 7, clock: virtual, controlPeriod: 1s}
installation:
  site: Alarm site
  gateways:
    - name: GW
      ip: 10.0.0.1
      devices:
        - {name: Feeder, family: breaker, model: DPX3 250 electronic with measurement, address: 2,
           sim: {profile: morning, alarmCurrent: 20A}}
        - {name: Excluded, family: breaker, model: DPX3 250 electronic with measurement, address: 3,
           excludeAlerts: true, sim: {profile: morning, alarmCurrent: 20A}}
        - {name: Heating, family: ems-measure, model: "4 149 20", address: 5, sim: {profile: small}}
loadProfiles:
  - {name: morning, kind: daily, points: [["00:00", 0], ["08:00", 0], ["08:10", 23kW], ["23:00", 23kW],
     ["23:59", 0]]}
  - {name: small, kind: constant, power: 500}
faults:
  - {kind: installation-error, target: Heating, from: "2026-01-05T08:20:00", to: "2026-01-05T08:40:00"}
"""


def ews(*args):
    result = subprocess.run([EWS, *map(str, args)], capture_output=True, text=True, timeout=240)
    if result.returncode != 0:
        raise AssertionError(f"ews {' '.join(map(str, args))}: {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def settings(data, section, **fields):
    ews("notify", "settings", "--data", data, "--section", section, "--json", json.dumps(fields))


def rows(data, sql, *args):
    with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def _run_with_alerts(tmp_path, scenario):
    """Seeds the site from `scenario`, sets e-mail alerts for measure thresholds and
    installation errors to a real aiosmtpd, runs two simulated hours; returns the data folder
    and the messages received."""
    (tmp_path / "site.yaml").write_text(scenario)
    data = tmp_path / "site"
    ews("run", tmp_path / "site.yaml", "--data", data, "--duration", "1min", "--quiet")
    smtp = SmtpServer("plain")
    try:
        settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=smtp.port,
                 security="none")
        settings(data, "alerts", events={"measure_threshold": True, "configuration_error": True}, send_email=True,
                 email_recipients=["oncall@example.com"], email_subject="Site alarm")
        ews("run", "--data", data, "--duration", "2h", "--quiet")
    finally:
        smtp.stop()
    return data, smtp.messages


def test_a_feeder_set_to_exclude_alerts_sends_no_threshold_alert(tmp_path):
    scenario = SCENARIO.replace("address: 2,\n", "address: 2, excludeAlerts: true,\n", 1)
    assert scenario != SCENARIO
    data, messages = _run_with_alerts(tmp_path, scenario)
    assert len(rows(data, "SELECT device FROM events WHERE kind = 'threshold'")) == 2
    alerts = [detail for (detail,) in rows(data, "SELECT detail FROM events WHERE kind = 'alert'")]
    assert len(alerts) == 1 and "Configuration or installation error on 'Heating'" in alerts[0], alerts
    assert len(messages) == 1 and "Measure threshold" not in messages[0][2].get_body(("plain",)).get_content()


def test_a_crossed_threshold_and_an_installation_error_alert_by_email_except_excluded_devices(tmp_path):
    data, messages = _run_with_alerts(tmp_path, SCENARIO)

    # The installation's stable device ids follow the scenario's order.
    ids = {"Feeder": 1, "Excluded": 2, "Heating": 3}
    # The events list (what Reports: alarms shows): one threshold event per breaker, naming the
    # quantity, its value and the limit, read back from the device's registers.
    thresholds = rows(data, "SELECT device, detail FROM events WHERE kind = 'threshold' ORDER BY id")
    assert sorted(device for device, _ in thresholds) == sorted([ids["Feeder"], ids["Excluded"]]), thresholds
    for _, detail in thresholds:
        assert detail.startswith("current above the measure threshold: current.L"), detail
        value = float(detail.split("current.L")[1].split()[1])
        # The current read with the alarm bit (a poll may read it a moment before the bit).
        assert 19.5 < value < 36.0 and detail.endswith("limit 20 A"), detail
    errors = rows(data, "SELECT device, detail FROM events WHERE kind = 'configuration-error'")
    assert errors == [(ids["Heating"], "Duplicated function: the device reports a configuration or installation error")]
    cleared = rows(data, "SELECT device FROM events WHERE kind = 'configuration-error-cleared'")
    assert cleared == [(ids["Heating"],)]
    assert rows(data, "SELECT count(*) FROM events WHERE kind = 'threshold-cleared'") == [(0,)]

    # The alerts: Feeder's threshold and Heating's error, sent; nothing about Excluded.
    alerts = [detail for (detail,) in rows(data, "SELECT detail FROM events WHERE kind = 'alert' ORDER BY id")]
    assert len(alerts) == 2 and all(": sent (" in a for a in alerts), alerts
    assert any(f"on 'Feeder' (device {ids['Feeder']})" in a for a in alerts), alerts
    assert any(f"on 'Heating' (device {ids['Heating']})" in a for a in alerts), alerts
    assert len(messages) == 2
    bodies = []
    for sender, recipients, message in messages:
        assert sender == "ews@example.com" and recipients == ["oncall@example.com"]
        assert message["Subject"] == "Site alarm"
        bodies.append(message.get_body(("plain",)).get_content())
    threshold = next(b for b in bodies if "Measure threshold" in b)
    assert "Measure threshold on 'Feeder'" in threshold and "limit 20 A" in threshold, threshold
    assert "08:0" in threshold  # crossed between 08:06 and 08:07 local, seen at the next tick
    error = next(b for b in bodies if "Configuration or installation error" in b)
    assert "on 'Heating'" in error and "Duplicated function" in error and "08:20" in error, error
    assert not any("Excluded" in b for b in bodies)
