"""The Connector page (manual 7.12, docs/connector.md) in headless chromium against `ews serve`:
the administrator fills the server and upload settings and saves them (the password stays
write-only), "Send now" copies the CSV tree to a real OpenSSH server started by the test
(tests/connector/sshd_server.py: sshd -i on a kernel-chosen port, a temporary user; needs
root), and the Log shows the transfer with its first-use host key. The roles without Web Server
configuration get 403 from the connector routes (tests/browser/test_pages.py, API_RIGHTS)."""
import pathlib
import shutil
import sys
import tempfile

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_pages import (DEFAULT_USERS, EN, PC, api_get, browsers, click, css,  # noqa: F401
                        login_with_puk, open_path, running_serve, shot, type_into, wait_for, wait_text)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "connector"))
from sshd_server import SshServer  # noqa: E402

TRANSFER_WAIT = 60  # seconds for Send now's outcome to reach the log (the log refreshes every 3 s)


@pytest.fixture(scope="module")
def served(tmp_path_factory, artefacts):
    folder = tmp_path_factory.mktemp("serve-connector")
    with running_serve(folder, artefacts / "serve-connector.log") as url:
        yield url, folder / "data"


@pytest.fixture
def sshd():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ews-sshd-"))
    folder.chmod(0o755)
    server = SshServer(folder, password="Pag3-password")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def log_lines(driver):
    return [row.text for row in driver.find_elements(By.CSS_SELECTOR, css("connector-log-line"))]


def test_connector_page_saves_sends_now_and_shows_its_log(served, sshd, browsers, shot):  # noqa: F811
    server, data = served
    driver = browsers(PC, "administrator")
    open_path(driver, server, "/login")
    login_with_puk(driver, DEFAULT_USERS["administrator"])
    open_path(driver, server, "/web-server")
    click(driver, "tile-connector")
    wait_for(driver, "connector-log-empty")
    shot(driver, "empty")

    type_into(driver, "connector-address", "127.0.0.1")
    type_into(driver, "connector-port", str(sshd.port))
    type_into(driver, "connector-username", sshd.user)
    type_into(driver, "connector-password", sshd.password)
    Select(wait_for(driver, "connector-mode")).select_by_value("sftp")
    type_into(driver, "connector-folders", "energy, overallTotal")
    type_into(driver, "connector-destination", "fromPage/%dow")
    type_into(driver, "connector-day", "*")
    type_into(driver, "connector-hour", "*")
    click(driver, "connector-save")
    wait_text(driver, "connector-notice", EN["connector.saved"])

    # Stored, and the password write-only: the API says only that one is set.
    status, settings = api_get(driver, "/api/v1/connector")
    assert status == 200, settings
    assert settings["mode"] == "sftp" and settings["port"] == sshd.port and settings["password_set"] is True
    assert settings["source_folders"] == ["energy", "overallTotal"] and settings["hour"] == "*"
    assert "password" not in settings and sshd.password not in str(settings)
    driver.refresh()
    assert wait_for(driver, "connector-destination").get_attribute("value") == "fromPage/%dow"
    assert wait_for(driver, "connector-password").get_attribute("value") == ""
    shot(driver, "saved")

    # A wrong value is refused with the server's reason, nothing stored.
    type_into(driver, "connector-destination", "../outside")
    click(driver, "connector-save")
    error = wait_for(driver, "connector-error")
    assert "'..'" in error.text, error.text
    assert api_get(driver, "/api/v1/connector")[1]["destination"] == "fromPage/%dow"
    driver.refresh()
    wait_for(driver, "connector-send")

    click(driver, "connector-send")
    wait_text(driver, "connector-notice", EN["connector.sendQueued"])
    try:
        WebDriverWait(driver, TRANSFER_WAIT).until(lambda d: any("completed" in line for line in log_lines(d)))
    except TimeoutException:
        raise AssertionError(f"no completed transfer in the log: {log_lines(driver)}") from None
    lines = log_lines(driver)
    assert any("recorded on first use" in line and sshd.host_fingerprint() in line for line in lines), lines
    shot(driver, "sent")
    # The remote tree: the chosen folders under fromPage/<weekday>, byte for byte.
    remote = [p for p in (sshd.home / "fromPage").iterdir() if p.is_dir()]
    assert len(remote) == 1 and remote[0].name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"), remote
    sent = sorted(p.relative_to(remote[0]).as_posix() for p in remote[0].rglob("*") if p.is_file())
    assert sent and all(name.split("/")[0] in ("energy", "overallTotal") for name in sent), sent
    for name in sent:
        local = data / "csv" / name
        # The box goes on appending while it runs: the copy is a prefix of the file at most.
        assert local.read_bytes().startswith((remote[0] / name).read_bytes()), name
    # The recorded host key shows, and can be forgotten.
    driver.refresh()
    assert sshd.host_fingerprint() in wait_for(driver, "connector-host-key").text
    click(driver, "connector-forget-key")
    wait_text(driver, "connector-notice", EN["connector.keyForgotten"])
    assert api_get(driver, "/api/v1/connector")[1]["host_key"] is None
