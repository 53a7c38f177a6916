"""The "Email and notification" pages (manual 8.6, docs/delivery.md) in headless chromium against
`ews serve`, with a real aiosmtpd SMTP server and the fake Telegram Bot API of
tests/delivery/delivery_servers.py on 127.0.0.1:

* E-mail: the sender settings are saved, the password stays write-only (the page and the API say
  only that one is set), Test sends a sample that the SMTP server receives and shows its answer,
  and the log lists it; a refused value shows the server's reason;
* Telegram: a user who sent the password to the bot appears on the page, Test reaches the
  enabled users only, the log lists it;
* Automatic reports: a report added with comma-separated recipients is saved as a list; a bad
  time is refused naming the field;
* Alert settings: the events and the e-mail recipients are saved;
* only Web Server configuration users (administrator, greenUp) open them: the others get the
  "no access" page and a 403 from each route.
"""
import pathlib
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By

from test_pages import (DEFAULT_USERS, EN, EWS, PC, PHONE, api_get, browsers, click, css,  # noqa: F401
                        login_with_puk, open_path, present, running_serve, shot, type_into, wait_any, wait_for,
                        wait_text, wait_until)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "delivery"))
from delivery_servers import FakeBotApi, SmtpServer  # noqa: E402

TOKEN = "4242:browser-test_token"


@pytest.fixture(scope="module")
def served(tmp_path_factory, artefacts):
    folder = tmp_path_factory.mktemp("serve-delivery")
    with running_serve(folder, artefacts / "serve-delivery.log") as url:
        yield url, folder / "data"


@pytest.fixture(scope="module")
def smtp():
    server = SmtpServer("plain")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def bot():
    api = FakeBotApi(TOKEN)
    yield api
    api.stop()


def open_as(driver, base, role, path):
    open_path(driver, base, "/login")
    login_with_puk(driver, DEFAULT_USERS[role])
    open_path(driver, base, path)


def log_rows(driver):
    return [row.text for row in driver.find_elements(By.CSS_SELECTOR, css("notify-log-row"))]


def test_email_page_saves_tests_and_logs(served, smtp, browsers, shot):  # noqa: F811
    base, _ = served
    driver = browsers(PC, "administrator")
    open_as(driver, base, "administrator", "/web-server")
    click(driver, "tile-notifications")
    for page in ("email", "telegram", "reports", "alerts"):
        wait_for(driver, f"tile-notify-{page}")
    shot(driver, "menu")
    click(driver, "tile-notify-email")
    assert wait_for(driver, "email-password-state").text == EN["notify.secretUnset"]

    type_into(driver, "email-sender", "not an address")
    type_into(driver, "email-server", "127.0.0.1")
    click(driver, "notify-save")
    assert "email.sender" in wait_for(driver, "notify-error").text

    type_into(driver, "email-sender", "ews@example.com")
    type_into(driver, "email-password", "s3cret-mail")
    type_into(driver, "email-port", str(smtp.port))
    driver.find_element(By.CSS_SELECTOR, css("email-security") + ' option[value="none"]').click()
    click(driver, "notify-save")
    wait_for(driver, "notify-saved")
    wait_text(driver, "email-password-state", EN["notify.secretSet"])
    status, stored = api_get(driver, "/api/v1/notify/email")
    assert status == 200 and stored["password_set"] is True and "password" not in stored
    assert stored["smtp_port"] == smtp.port and stored["security"] == "none"

    click(driver, "notify-test")
    answer = wait_for(driver, "notify-test-answer")
    wait_until(driver, "the SMTP answer", lambda: "accepted the message" in answer.text)
    assert answer.text.startswith(EN["notify.testSent"].split("{")[0])
    assert len(smtp.messages) == 1 and smtp.messages[0][1] == ["ews@example.com"]
    wait_until(driver, "the test in the log", lambda: any("test e-mail to ews@example.com: sent" in r for r in log_rows(driver)))
    assert all("s3cret-mail" not in r for r in log_rows(driver))
    shot(driver, "email-tested")


def test_telegram_page_lists_the_subscriber_and_tests_the_enabled_ones(served, bot, browsers, shot):  # noqa: F811
    base, data = served
    driver = browsers(PC, "greenUp")
    open_as(driver, base, "greenUp", "/web-server/notifications/telegram")
    wait_for(driver, "telegram-no-recipients")
    type_into(driver, "telegram-name", "site_bot")
    type_into(driver, "telegram-token", TOKEN)
    type_into(driver, "telegram-password", "letmein")
    type_into(driver, "telegram-api", bot.url)
    click(driver, "notify-save")
    wait_for(driver, "notify-saved")

    # A Telegram user sends the password to the bot; the box reads the bot's messages.
    bot.message_from(1, 5150, "letmein", first_name="Chloé")
    bot.message_from(2, 6160, "wrong")
    subprocess.run([EWS, "notify", "poll-telegram", "--data", str(data)], check=True, capture_output=True, timeout=60)
    driver.refresh()
    checkbox = wait_for(driver, "telegram-recipient-5150")
    assert checkbox.is_selected() and not present(driver, "telegram-recipient-6160")
    assert "Chloé" in checkbox.find_element(By.XPATH, "..").text

    click(driver, "notify-test")
    answer = wait_for(driver, "notify-test-answer")
    wait_until(driver, "the Bot API answer", lambda: "chat 5150 ok" in answer.text)
    tests = [m for m in bot.sent if "Test message" in m.get("text", "")]
    assert [m["chat_id"] for m in tests] == [5150]
    wait_until(driver, "the test in the log", lambda: any("test message: sent" in r for r in log_rows(driver)))
    assert all(TOKEN not in r for r in log_rows(driver))
    shot(driver, "telegram-tested")

    # Disabled: the Test reaches nobody and says so.
    click(driver, "telegram-recipient-5150")
    click(driver, "notify-test")
    wait_until(driver, "the refusal", lambda: "no enabled Telegram recipient" in
               driver.find_element(By.CSS_SELECTOR, css("notify-test-answer")).text)
    assert len([m for m in bot.sent if "Test message" in m.get("text", "")]) == 1


def test_automatic_reports_and_alert_settings_are_saved(served, browsers, shot):  # noqa: F811
    base, _ = served
    driver = browsers(PHONE, "administrator-phone")
    open_as(driver, base, "administrator", "/web-server/notifications/reports")
    wait_for(driver, "reports-none")
    click(driver, "report-add")
    type_into(driver, "report-0-recipients", "boss@example.com, data@example.com")
    type_into(driver, "report-0-time", "25:00")
    driver.find_element(By.CSS_SELECTOR, css("report-0-frequency") + ' option[value="weekly"]').click()
    click(driver, "notify-save")
    assert "reports.reports[0].time" in wait_for(driver, "notify-error").text
    type_into(driver, "report-0-time", "07:30")
    driver.find_element(By.CSS_SELECTOR, css("report-0-format") + ' option[value="csv"]').click()
    click(driver, "notify-save")
    wait_for(driver, "notify-saved")
    status, stored = api_get(driver, "/api/v1/notify/reports")
    assert status == 200
    assert stored["reports"] == [{"kind": "summary", "period": "monthly", "format": "csv", "frequency": "weekly",
                                  "devices": [], "recipients": ["boss@example.com", "data@example.com"],
                                  "enabled": True, "time": "07:30"}]
    wait_for(driver, "notify-log-empty")
    shot(driver, "reports-saved")

    open_path(driver, base, "/web-server/notifications/alerts")
    click(driver, "alert-state_change")
    click(driver, "alert-communication_error")
    click(driver, "alert-send-email")
    type_into(driver, "alert-recipients", "oncall@example.com")
    type_into(driver, "alert-subject", "Site alert")
    click(driver, "notify-save")
    wait_for(driver, "notify-saved")
    status, stored = api_get(driver, "/api/v1/notify/alerts")
    assert status == 200 and stored["send_email"] is True and stored["email_recipients"] == ["oncall@example.com"]
    assert stored["events"]["state_change"] and stored["events"]["communication_error"]
    assert not stored["events"]["measure_threshold"] and stored["email_subject"] == "Site alert"
    shot(driver, "alerts-saved")


ROUTES = ["/api/v1/notify/email", "/api/v1/notify/telegram", "/api/v1/notify/reports", "/api/v1/notify/alerts",
          "/api/v1/notify/log/email", "/api/v1/notify/devices"]


@pytest.mark.parametrize("role", ["installer", "user"])
def test_only_web_server_configuration_users_see_the_pages(role, served, browsers):  # noqa: F811
    base, _ = served
    driver = browsers(PHONE, role)
    open_as(driver, base, role, "/web-server/notifications/email")
    assert wait_any(driver, "email-sender", "forbidden") == "forbidden"
    for path in ROUTES:
        status, body = api_get(driver, path)
        assert status == 403 and body["error"]["code"] == "forbidden", (path, status, body)
