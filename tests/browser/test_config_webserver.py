"""Web Server configuration in Debian's headless chromium against `ews serve` (docs/settings.md):
the rights first (an installer given the Web Server configuration page sees the settings but
gets 403 on users and backups; the user sees no configuration page), then an administrator
changes the CSV separators (a refused FTP password first) and the default language, runs
Optimize, makes and downloads a backup, restores a corrupted archive (refused with what is
wrong; the history, users and configuration versions in the database unchanged) and then the
good one: the box restarts on it and the database holds the backup's history.

The history is compared in the site database itself (sqlite3, read-only): sample rows are never
rewritten once stored, so every sample row present before a refused restore must be there with
the same value after it, and every sample row of the archive's database must be in the restored
one."""
import re
import sqlite3
import time
import zipfile

import pytest

from test_pages import (DEFAULT_USERS, PC, PHONE, browsers, click, css, login_pin_only,  # noqa: F401
                        login_with_puk, open_path, present, running_serve, shot, type_into, wait_any, wait_for,
                        wait_text, wait_until, api_get)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

RESTART_WAIT = 90  # seconds for the box to restore and serve again


@pytest.fixture(scope="module")
def serve(tmp_path_factory, artefacts):
    """One `ews serve` of the default scenario at 60x; yields (url, data folder)."""
    folder = tmp_path_factory.mktemp("serve-config")
    with running_serve(folder, artefacts / "serve-config.log") as url:
        yield url, folder / "data"


def db_rows(data, sql, args=()):
    """A query on the site database through a read-only connection of the test's own."""
    connection = sqlite3.connect(f"file:{data / 'ews.db'}?mode=ro", uri=True, timeout=10)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def sample_rows(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return {(k, s, key): v for k, s, key, v in connection.execute(
            "SELECT kind, subject, key, value FROM buckets WHERE resolution = 0")}
    finally:
        connection.close()


def api_call(driver, method, path, body=None, raw=None):
    """A change from inside the page with its session's CSRF token: [status, JSON body or None]."""
    return driver.execute_async_script(
        """
        const [method, path, body, raw, done] = arguments;
        fetch('/api/v1/session', {credentials: 'same-origin'}).then((r) => r.json()).then((s) =>
          fetch(path, {method, credentials: 'same-origin',
                       headers: {Accept: 'application/json', 'Content-Type': 'application/json',
                                 'X-CSRF-Token': s.csrfToken || ''},
                       body: raw !== null ? raw : (body === null ? undefined : JSON.stringify(body))}))
          .then(async (r) => { let b = null; try { b = await r.json(); } catch (e) {} done([r.status, b]); })
          .catch((e) => done([0, String(e)]));
        """, method, path, body, raw)


def save_settings(driver):
    """The manual's two clicks: Save, then Confirm."""
    click(driver, "settings-save")
    wait_for(driver, "settings-confirm-hint")
    click(driver, "settings-save")


def choose(driver, test, value):
    Select(wait_for(driver, test, clickable=True)).select_by_value(value)


def latest_devices_version(data):
    versions = [int(p.stem.removeprefix("devices_v")) for p in (data / "csv" / "settings").glob("devices_v*.csv")]
    return max(versions, default=0)


def test_installer_sees_the_settings_but_not_users_or_backups_and_the_user_no_configuration(serve, browsers, shot):
    url, _ = serve
    admin = browsers(PC, "administrator")
    open_path(admin, url, "/")
    login_with_puk(admin, DEFAULT_USERS["administrator"])
    pages = ["web_server_configuration", "system_configuration", "my_panel_board", "consumptions", "reports_alarms"]
    status, body = api_call(admin, "PUT", "/api/v1/users/installer", {"pages": pages})
    assert status == 200, body

    installer = browsers(PHONE, "installer")
    open_path(installer, url, "/")
    login_with_puk(installer, DEFAULT_USERS["installer"])
    open_path(installer, url, "/web-server")
    wait_for(installer, "tile-csv")
    for tile in ("tile-network", "tile-modbus", "tile-time", "tile-language", "tile-system"):
        assert present(installer, tile), tile
    assert not present(installer, "tile-backup") and not present(installer, "tile-users")
    shot(installer, "installer-hub")
    open_path(installer, url, "/web-server/network")
    wait_for(installer, "setting-address")
    open_path(installer, url, "/web-server/backup")
    assert wait_any(installer, "forbidden", "backup-make") == "forbidden"
    shot(installer, "installer-backup-forbidden")
    for path in ("/api/v1/settings/csv", "/api/v1/settings/network", "/api/v1/system/info"):
        assert api_get(installer, path)[0] == 200, path
    for path in ("/api/v1/users", "/api/v1/backup/database.zip"):
        assert api_get(installer, path)[0] == 403, path
    assert api_call(installer, "POST", "/api/v1/backup", {})[0] == 403
    assert api_call(installer, "POST", "/api/v1/restore", raw="PK")[0] == 403

    user = browsers(PHONE, "user")
    open_path(user, url, "/")
    login_with_puk(user, DEFAULT_USERS["user"])
    for path in ("/web-server", "/web-server/csv", "/web-server/system", "/web-server/backup"):
        open_path(user, url, path)
        assert wait_any(user, "forbidden", "settings-csv", "system-optimize", "tile-csv") == "forbidden", path
    shot(user, "user-forbidden")
    assert api_get(user, "/api/v1/settings/csv")[0] == 403
    assert api_call(user, "PUT", "/api/v1/settings/csv", {"password": "sneaky-one"})[0] == 403


def test_administrator_changes_settings_optimizes_backs_up_and_restores(serve, browsers, shot, tmp_path):
    url, data = serve
    admin = browsers(PC, "administrator")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    admin.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    open_path(admin, url, "/")
    login_with_puk(admin, DEFAULT_USERS["administrator"])
    open_path(admin, url, "/web-server")
    wait_for(admin, "tile-backup")
    version = wait_for(admin, "software-version").text
    shot(admin, "hub")

    # CSV and other settings: a refused password first (nothing stored), then the separators.
    open_path(admin, url, "/web-server/csv")
    wait_for(admin, "setting-decimal_separator")
    assert Select(wait_for(admin, "setting-decimal_separator")).first_selected_option.get_attribute("value") == "comma"
    versions_before = db_rows(data, "SELECT count(*) FROM config_versions")[0][0]
    choose(admin, "setting-decimal_separator", "point")
    choose(admin, "setting-field_separator", "comma")
    wait_for(admin, "setting-password").send_keys("abc")
    save_settings(admin)
    error = wait_for(admin, "setting-password-error")
    assert "csv.password" in error.text, error.text
    shot(admin, "csv-password-refused")
    assert db_rows(data, "SELECT count(*) FROM config_versions")[0][0] == versions_before
    assert db_rows(data, "SELECT count(*) FROM settings WHERE section = 'ftp'")[0][0] == 0
    tree_version = latest_devices_version(data)
    type_into(admin, "setting-password", "")  # as a user empties it (clear() fires no input event)
    save_settings(admin)
    wait_for(admin, "settings-notice")
    shot(admin, "csv-saved")
    assert db_rows(data, "SELECT count(*) FROM config_versions")[0][0] == versions_before + 1
    stored = db_rows(data, "SELECT scenario FROM config_versions ORDER BY version DESC LIMIT 1")[0][0]
    assert re.search(r'decimalSeparator: "?point"?', stored) and re.search(r'fieldSeparator: "?comma"?', stored), stored
    # Manual 8.4.3: the tree's next version, its files written with the new separators.
    next_settings = data / "csv" / "settings" / f"devices_v{tree_version + 1}.csv"
    wait_until(admin, f"{next_settings} written", next_settings.exists)
    assert next_settings.read_text().startswith("id,name,gateway"), next_settings.read_text()[:80]
    open_path(admin, url, "/web-server/csv")
    assert Select(wait_for(admin, "setting-decimal_separator")).first_selected_option.get_attribute("value") == "point"

    # Default language (manual 7.11.1): the login page's from now on.
    open_path(admin, url, "/web-server/language")
    choose(admin, "setting-language", "fr")
    save_settings(admin)
    wait_for(admin, "settings-notice")
    assert api_get(admin, "/api/v1/session")[1]["defaultLanguage"] == "fr"
    assert re.search(r'language: "?fr"?', db_rows(data, "SELECT scenario FROM config_versions ORDER BY version DESC LIMIT 1")[0][0])

    # System information and Optimize (manual 8.8).
    open_path(admin, url, "/web-server/system")
    assert wait_for(admin, "system-version").text == version.split()[-1]
    click(admin, "system-optimize")
    wait_for(admin, "system-optimized")
    wait_until(admin, "last optimisation shown", lambda: any(c.isdigit() for c in admin.find_element(
        By.CSS_SELECTOR, css("system-last-optimize")).text))
    assert db_rows(data, "SELECT count(*) FROM meta WHERE key = 'last_optimize_us'")[0][0] == 1
    shot(admin, "system-optimized")

    # Backup (manual 9.1) and its download.
    open_path(admin, url, "/web-server/backup")
    click(admin, "backup-make")
    wait_for(admin, "backup-made")
    shot(admin, "backup-made")
    click(admin, "backup-download")
    downloaded = downloads / "database.zip"
    wait_until(admin, "database.zip downloaded", lambda: downloaded.exists() and
               not list(downloads.glob("*.crdownload")))
    assert downloaded.read_bytes() == (data / "database.zip").read_bytes()
    with zipfile.ZipFile(downloaded) as archive:
        archive.extract("ews.db", tmp_path / "archived")
    archived_samples = sample_rows(tmp_path / "archived" / "ews.db")
    assert archived_samples, "the backup holds sample rows"

    # A corrupted archive: refused from the page, the data untouched.
    corrupt = tmp_path / "corrupt" / "database.zip"
    corrupt.parent.mkdir()
    payload = bytearray(downloaded.read_bytes())
    payload[len(payload) // 3] ^= 0x5A
    corrupt.write_bytes(bytes(payload))
    samples_before = sample_rows(data / "ews.db")
    users_before = db_rows(data, "SELECT name, pages, enabled FROM users ORDER BY name")
    versions_before = db_rows(data, "SELECT version, scenario FROM config_versions ORDER BY version")
    wait_for(admin, "restore-file").send_keys(str(corrupt))
    click(admin, "restore-start")
    wait_for(admin, "restore-confirm-hint")
    click(admin, "restore-start")
    refused = wait_for(admin, "restore-refused")
    assert "database.zip: " in refused.text, refused.text
    shot(admin, "restore-refused")
    samples_after = sample_rows(data / "ews.db")
    assert all(samples_after.get(key) == value for key, value in samples_before.items()), \
        "a stored sample row changed or vanished after a refused restore"
    assert db_rows(data, "SELECT name, pages, enabled FROM users ORDER BY name") == users_before
    assert db_rows(data, "SELECT version, scenario FROM config_versions ORDER BY version") == versions_before
    assert not [p.name for p in data.iterdir() if p.name.startswith((".restore", ".before-restore"))]

    # The good one: the box restarts on it; the login page comes back.
    admin.find_element(By.CSS_SELECTOR, css("restore-file")).send_keys(str(downloaded))
    click(admin, "restore-start")
    wait_for(admin, "restore-confirm-hint")
    click(admin, "restore-start")
    wait_for(admin, "restore-restarting")
    shot(admin, "restore-restarting")
    deadline = time.monotonic() + RESTART_WAIT
    while time.monotonic() < deadline and not present(admin, "pin"):
        time.sleep(0.5)
    assert present(admin, "pin"), "the login page did not come back after the restore"
    shot(admin, "restored-login")
    assert [p for p in data.iterdir() if p.name.startswith(".before-restore")], "the previous data is kept"
    restored = sample_rows(data / "ews.db")
    assert all(restored.get(key) == value for key, value in archived_samples.items()), \
        "the restored database lacks a sample row of the backup"
    events = db_rows(data, "SELECT detail, author FROM events WHERE kind = 'restore'")
    assert events and events[-1][1] == "administrator" and "database.zip restored" in events[-1][0], events
    # The restored box runs and serves: log in again (this browser was unlocked before the backup).
    account = DEFAULT_USERS["administrator"]
    wait_for(admin, "pin").send_keys(account.pin)
    click(admin, "login-submit")
    if wait_any(admin, "puk", "current-user") == "puk":
        wait_for(admin, "puk").send_keys(account.puk)
        click(admin, "login-submit")
    wait_text(admin, "current-user", account.name)
    open_path(admin, url, "/web-server/csv")
    assert Select(wait_for(admin, "setting-decimal_separator")).first_selected_option.get_attribute("value") == "point"
    shot(admin, "after-restore")
