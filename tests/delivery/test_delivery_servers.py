"""E-mail and Telegram against real servers on 127.0.0.1 (docs/delivery.md): `ews notify` sends
the pages' tests through aiosmtpd (plain, STARTTLS, implicit TLS with a temporary self-signed
certificate, AUTH) and the fake Bot API; a subscriber is found by the password; failures come
back with the server's answer, logged without the secrets; and `ews run --data` over simulated
weeks across the spring DST change sends its automatic reports at their local times, with the
PDF and reportdata.zip of reports/export attached."""
import datetime
import io
import json
import os
import pathlib
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import zipfile
import zoneinfo

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from delivery_servers import FakeBotApi, SmtpServer, self_signed_certificate  # noqa: E402

EWS = os.environ["EWS_BINARY"]
SOURCE = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TOKEN = "123456:TEST-token_abc"


def ews(*args, check=True):
    result = subprocess.run([EWS, *map(str, args)], capture_output=True, text=True, timeout=240)
    if check and result.returncode != 0:
        raise AssertionError(f"ews {' '.join(map(str, args))}: {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def settings(data, section, **fields):
    return json.loads(ews("notify", "settings", "--data", data, "--section", section, "--json",
                          json.dumps(fields)).stdout)


def events(data, kind):
    with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
        return db.execute("SELECT at_us, detail, author FROM events WHERE kind = ? ORDER BY id", (kind,)).fetchall()


def all_event_text(data):
    with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
        return "\n".join(row[0] for row in db.execute("SELECT detail FROM events"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A data folder of the default scenario (one simulated hour), copied by each test."""
    folder = tmp_path_factory.mktemp("seed") / "site"
    ews("run", SOURCE / "scenarios/default.yaml", "--data", folder, "--duration", "1h", "--quiet")
    return folder


@pytest.fixture
def data(seeded, tmp_path):
    folder = tmp_path / "site"
    subprocess.run(["cp", "-r", str(seeded), str(folder)], check=True)
    return folder


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    cert, key = self_signed_certificate(tmp_path_factory.mktemp("tls"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def test_plain_smtp_test_mail_reaches_the_sender_and_is_logged(data):
    smtp = SmtpServer("plain")
    try:
        shown = settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=smtp.port,
                         security="none")
        assert shown["smtp_port"] == smtp.port and "password" not in shown
        out = ews("notify", "test-mail", "--data", data).stdout
        assert out.startswith("sent: ") and f"127.0.0.1:{smtp.port} accepted the message for ews@example.com" in out
        assert len(smtp.messages) == 1
        sender, recipients, message = smtp.messages[0]
        assert sender == "ews@example.com" and recipients == ["ews@example.com"]
        assert message["Subject"].startswith("Energy Web Server test message")
        assert "the sender settings work" in message.get_body(("plain",)).get_content()
        logged = events(data, "email")
        assert len(logged) == 1 and "test e-mail to ews@example.com: sent" in logged[0][1] and logged[0][2] == "cli"
    finally:
        smtp.stop()


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_tls_with_login_verifies_the_certificate_and_never_logs_the_password(data, certificate, mode):
    cert, context = certificate
    smtp = SmtpServer(mode, tls_context=context, user="ews-user", password="p4ss-w0rd!")
    try:
        settings(data, "email", sender="ews@example.com", user="ews-user", password="p4ss-w0rd!",
                 smtp_server="127.0.0.1", smtp_port=smtp.port, security=mode)
        # Without the certificate trusted, the handshake is refused: nothing is sent.
        refused = ews("notify", "test-mail", "--data", data, check=False)
        assert refused.returncode != 0 and refused.stdout.startswith("failed: ") and not smtp.messages
        out = ews("notify", "test-mail", "--data", data, "--ca-file", cert).stdout
        assert out.startswith("sent: "), out
        assert smtp.logins == [("PLAIN", "ews-user")]
        assert smtp.messages[0][1] == ["ews@example.com"]
        # A wrong password: the server's refusal is reported, the password is nowhere.
        settings(data, "email", password="wrong-secret")
        failed = ews("notify", "test-mail", "--data", data, "--ca-file", cert, check=False)
        assert failed.returncode != 0 and "535" in failed.stdout, failed.stdout
        text = all_event_text(data)
        assert "535" in text and "p4ss-w0rd!" not in text and "wrong-secret" not in text
        assert "wrong-secret" not in failed.stdout + failed.stderr
    finally:
        smtp.stop()


def test_starttls_is_required_when_set_never_a_silent_downgrade(data):
    smtp = SmtpServer("plain")
    try:
        settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=smtp.port,
                 security="starttls")
        failed = ews("notify", "test-mail", "--data", data, check=False)
        assert failed.returncode != 0 and "does not offer STARTTLS" in failed.stdout
        assert not smtp.messages
    finally:
        smtp.stop()


def test_an_unreachable_server_or_a_refused_recipient_is_reported_with_the_answer(data):
    smtp = SmtpServer("plain", reject_rcpt=True)
    try:
        settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=smtp.port,
                 security="none")
        failed = ews("notify", "test-mail", "--data", data, check=False)
        assert failed.returncode != 0 and "550" in failed.stdout
    finally:
        smtp.stop()
    failed = ews("notify", "test-mail", "--data", data, check=False)  # the server is gone
    assert failed.returncode != 0 and "Connection refused" in failed.stdout, failed.stdout


def test_telegram_subscription_by_password_and_test_to_the_enabled_only(data):
    bot = FakeBotApi(TOKEN)
    try:
        settings(data, "telegram", bot_name="site_bot", token=TOKEN, password="letmein", api_url=bot.url)
        bot.message_from(10, 42, "hello")
        bot.message_from(11, 77, " letmein ", first_name="Bruno")
        assert "1 new subscriber(s), 1 in all" in ews("notify", "poll-telegram", "--data", data).stdout
        shown = settings(data, "telegram")
        assert shown["recipients"] == [{"chat_id": 77, "name": "Bruno", "enabled": True}]
        assert shown["token_set"] and "token" not in shown and "password" not in shown
        assert bot.sent[0]["chat_id"] == 77 and bot.offsets == [0]
        # The same password again from the same chat adds nothing.
        bot.message_from(12, 77, "letmein")
        assert "0 new subscriber(s), 1 in all" in ews("notify", "poll-telegram", "--data", data).stdout
        assert bot.offsets == [0, 12]  # the offset is kept: each update is read once

        settings(data, "telegram", recipients=[{"chat_id": 77, "name": "Bruno", "enabled": False},
                                               {"chat_id": -100, "name": "Group", "enabled": True}])
        out = ews("notify", "test-telegram", "--data", data).stdout
        assert out.startswith("sent: ")
        tests = [m for m in bot.sent if "Test message" in m.get("text", "")]
        assert [m["chat_id"] for m in tests] == [-100]

        bot.fail_with = 429
        failed = ews("notify", "test-telegram", "--data", data, check=False)
        assert failed.returncode != 0 and "HTTP 429: Too Many Requests" in failed.stdout
        settings(data, "telegram", token="999:other")
        failed = ews("notify", "poll-telegram", "--data", data)
        assert TOKEN not in all_event_text(data) and "999:other" not in all_event_text(data)
        assert "Unauthorized" in all_event_text(data)
    finally:
        bot.stop()


def test_a_simulated_fortnight_sends_its_reports_at_their_local_times_across_the_dst_change(tmp_path):
    """Virtual time: `ews run --data` from 2026-03-20 00:01 to 2026-04-02 00:01 (Paris changes to summer
    time on 2026-03-29 at 02:00): a daily Summary PDF at 06:00 and a daily csv at 02:30, the
    time the change skips that day (sent at 03:30 then), to a real SMTP server."""
    scenario = (SOURCE / "scenarios/default.yaml").read_text()
    scenario = scenario.replace('start: "2026-01-05T00:00:00"', 'start: "2026-03-20T00:00:00"')
    # Its EV sessions and faults are dated in January: left out.
    scenario = scenario[:scenario.index("\nsessions:")] + scenario[scenario.index("\ntariffs:"):]
    (tmp_path / "march.yaml").write_text(scenario)
    data = tmp_path / "site"
    ews("run", tmp_path / "march.yaml", "--data", data, "--duration", "1min", "--quiet")
    smtp = SmtpServer("plain")
    try:
        settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=smtp.port,
                 security="none")
        settings(data, "reports", reports=[
            {"kind": "summary", "period": "monthly", "format": "pdf", "frequency": "daily", "time": "06:00",
             "recipients": ["boss@example.com", "accounting@example.com"]},
            {"kind": "summary", "period": "monthly", "format": "csv", "frequency": "daily", "time": "02:30",
             "recipients": ["data@example.com"]}])
        ews("run", "--data", data, "--duration", "13d", "--quiet")
    finally:
        smtp.stop()

    sent = events(data, "report")
    assert all(": sent (" in detail for _, detail, _ in sent), sent
    local = sorted(datetime.datetime.fromtimestamp(at / 1e6, PARIS).strftime("%m-%d %H:%M%z") for at, _, _ in sent)
    expected = sorted([f"03-{d:02} 06:00{'+0100' if d < 29 else '+0200'}" for d in range(20, 32)] +
                      ["04-01 06:00+0200"] +
                      [f"03-{d:02} 02:30+0100" for d in range(20, 29)] + ["03-29 03:30+0200"] +
                      [f"03-{d:02} 02:30+0200" for d in range(30, 32)] + ["04-01 02:30+0200"])
    assert local == expected

    pdfs = [m for m in smtp.messages if m[1] == ["boss@example.com", "accounting@example.com"]]
    zips = [m for m in smtp.messages if m[1] == ["data@example.com"]]
    assert len(pdfs) == 13 and len(zips) == 13 and len(smtp.messages) == 26
    # Each covers the month of the day before it was sent: March, up to 1 April's.
    assert {next(m[2].iter_attachments()).get_filename() for m in pdfs} == {"monthly_report_2026-03.pdf"}
    for _, _, message in pdfs:
        attachment = next(message.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_payload(decode=True).startswith(b"%PDF")
    archive = zipfile.ZipFile(io.BytesIO(next(zips[-1][2].iter_attachments()).get_payload(decode=True)))
    assert "report_energy_devices_electricity.csv" in archive.namelist()


def _flapping_site(tmp_path, exclude):
    """The live pages' site with its EMS CX3 control module ("Fan control") dropping off the bus
    four times in 40 minutes; `exclude` sets its "Exclude alerts"."""
    text = (SOURCE / "tests/browser/scenarios/live-pages.yaml").read_text()
    faults = "".join(f'  - {{kind: device-offline, target: Fan control, from: "2026-01-05T08:{m}:00", '
                     f'to: "2026-01-05T08:{m + 4}:00"}}\n' for m in (10, 20, 30, 40))
    text = text.replace("faults:\n", "faults:\n" + faults, 1)
    if exclude:
        text = text.replace('model: "4 149 31"          # EMS CX3 control module',
                            'model: "4 149 31"\n          excludeAlerts: true', 1)
    (tmp_path / "site.yaml").write_text(text)
    data = tmp_path / "site"
    ews("run", tmp_path / "site.yaml", "--data", data, "--duration", "1min", "--quiet")
    return data


@pytest.mark.parametrize("exclude", [False, True])
def test_a_flapping_ems_device_alerts_by_email_throttled_and_excluded_devices_never(tmp_path, exclude):
    data = _flapping_site(tmp_path, exclude)
    smtp = SmtpServer("plain")
    try:
        settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=smtp.port,
                 security="none")
        settings(data, "alerts", events={"communication_error": True, "state_change": True}, send_email=True,
                 email_recipients=["oncall@example.com"], email_subject="Site alert")
        ews("run", "--data", data, "--duration", "2h", "--quiet")
    finally:
        smtp.stop()
    with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
        fan = db.execute("SELECT device FROM events WHERE kind = 'status' AND detail LIKE '%Communication error%' "
                         "AND device != 0 GROUP BY device").fetchall()
        drops = db.execute("SELECT at_us FROM events WHERE kind = 'status' AND detail LIKE '%-> Communication error%' "
                           "AND device = (SELECT device FROM events WHERE kind = 'alert' LIMIT 1)").fetchall()
    alerts = events(data, "alert")
    if exclude:
        assert fan, "the devices went to communication error"
        assert alerts == [] and smtp.messages == []
        return
    # Only the EMS CX3 module alerts (the offline HVAC meter is no EMS CX3, DPX3 or DMX3 device).
    assert all("'Fan control'" in detail and ": sent (" in detail for _, detail, _ in alerts), alerts
    assert len(drops) == 4, drops
    # The flood rule: at most one message per 15 min for the device and event type (the log
    # lines carry the instants they were sent at), so fewer messages than drops, the ones held
    # back counted in the next: drops at 08:10, 08:20, 08:30, 08:40 send at 08:10, then the
    # 08:20 one when its window ends, then the 08:40 one saying one more was held.
    times = [at for at, _, _ in alerts]
    assert len(alerts) == 3, alerts
    assert all(b - a >= 15 * 60 * 1_000_000 for a, b in zip(times, times[1:])), times
    assert "held back" not in alerts[1][1] and "(1 more of this kind on this device" in alerts[2][1]
    assert len(smtp.messages) == len(alerts)
    for sender, recipients, message in smtp.messages:
        assert sender == "ews@example.com" and recipients == ["oncall@example.com"]
        assert message["Subject"] == "Site alert"
        body = message.get_body(("plain",)).get_content()
        assert "Communication error on 'Fan control'" in body, body


def test_an_alert_not_sent_before_the_box_stops_is_sent_once_after_the_restart(tmp_path):
    """The outbox survives a restart: the SMTP server is down when the EMS CX3 module drops off
    at 08:10, the attempt fails and the box is killed (kill -9) while it waits to retry; the
    delivery is a row of the database without the account's password. Started again with the
    server up, the box sends it once, logging in with the password read from the settings."""
    data = _flapping_site(tmp_path, exclude=False)
    with socket.socket() as probe:  # a port nothing listens on: bound by the kernel, then closed
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    password = "s3cret-Outbox-pw"
    settings(data, "email", sender="ews@example.com", smtp_server="127.0.0.1", smtp_port=closed_port,
             security="none", user="ews", password=password)
    settings(data, "alerts", events={"communication_error": True}, send_email=True,
             email_recipients=["oncall@example.com"], email_subject="Site alert")
    def last_sample_us():
        with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
            return int(db.execute("SELECT value FROM meta WHERE key = 'last_sample_us'").fetchone()[0])

    # Killed once its 15 simulated minutes are stored: a kill before would make the next run
    # simulate the drop again (the twin resumes at the last stored sample) and alert anew.
    run_end_us = last_sample_us() + 15 * 60 * 1_000_000
    box = subprocess.Popen([EWS, "run", "--data", str(data), "--duration", "15min", "--quiet"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # 60 s at most for the first attempt to fail and the span to be stored
            failed = any("attempt 1 of 8 failed" in detail for _, detail, _ in events(data, "alert"))
            if failed and last_sample_us() >= run_end_us:
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"no failed attempt or span not stored: {events(data, 'alert')}")
    finally:
        box.kill()
        box.wait(30)
    with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
        kept = db.execute("SELECT kind, recipients, subject, body, attempts, next_attempt_us FROM outbox").fetchall()
        stored = "\n".join(str(value) for row in db.execute("SELECT * FROM outbox") for value in row)
        stored += "\n".join(str(row) for row in db.execute("SELECT * FROM outbox_files"))
    assert len(kept) == 1, kept
    assert kept[0][:3] == ("alert", "oncall@example.com", "Site alert") and kept[0][4] == 1, kept
    assert "Communication error on 'Fan control'" in kept[0][3]
    assert password not in stored and "s3cret" not in stored

    smtp = SmtpServer("plain", user="ews", password=password)
    try:
        settings(data, "email", smtp_port=smtp.port)
        # Three simulated minutes, no new drop: what goes out is the kept alert, when its
        # next attempt comes (a minute after the failure, waited for at the end of the run).
        ews("run", "--data", data, "--duration", "3min", "--quiet")
    finally:
        smtp.stop()
    bodies = [message.get_body(("plain",)).get_content() for _, _, message in smtp.messages]
    assert len(smtp.messages) == 1, "\n".join(map(str, [*bodies, *events(data, "alert"), *events(data, "status")]))
    sender, recipients, message = smtp.messages[0]
    assert recipients == ["oncall@example.com"] and message["Subject"] == "Site alert"
    assert "Communication error on 'Fan control'" in message.get_body(("plain",)).get_content()
    assert smtp.logins == [("PLAIN", "ews")]
    details = [detail for _, detail, _ in events(data, "alert")]
    assert any("resumed after a restart (1 attempt(s) so far)" in d for d in details), details
    assert ": sent (" in details[-1], details
    with sqlite3.connect(f"file:{data}/ews.db?mode=ro", uri=True) as db:
        assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM outbox_files").fetchone()[0] == 0
    assert password not in all_event_text(data)
