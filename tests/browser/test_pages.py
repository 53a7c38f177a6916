"""The box's pages in a real headless browser: Debian's chromium driven by chromedriver through
Debian's python3-selenium, against `ews serve` on 127.0.0.1 (port 0, plain HTTP).

* every default role logs in (PIN+PUK on a new browser, the PIN alone after Logout, PIN+PUK
  again after Lock), sees exactly the tiles of its pages (docs/users.md), and gets the
  "no access" page, and a 403 from the API, for the pages of the other roles;
* a user added on the Users page logs in with its rights; a field error shows next to its field;
* five wrong codes lock the address out (in a server of its own, so the other tests are not
  locked out);
* the language list box changes the labels, on the login page and in the shell, and the choice
  survives a reload;
* the default-code banner shows for a default user.

Nothing is skipped: without chromium, chromedriver or selenium the tests fail (CI installs
them with tools/install-deps.sh). Screenshots of each page go to $EWS_TEST_ARTEFACTS
(default <build dir>/test-artefacts/browser), named <test>-<step number>-<step>.png.

Waits are explicit (WebDriverWait on data-test selectors, docs/web-ui.md), never sleeps.
"""
import contextlib
import itertools
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

SOURCE = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EWS = os.environ.get("EWS_BINARY", str(SOURCE / "build" / "cli" / "ews"))
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCENARIO = SOURCE / "scenarios" / "default.yaml"
UI = SOURCE / "live" / "web" / "ui"

# The pages built so far, by the data-test of their content; the others show the placeholder.
BUILT_PAGES = {"consumptions": "consumptions", "my_panel_board": "device-buttons", "green_up": "view-management",
               "reports_alarms": "alarms-total",
               "reports_data_download": "data-download"}
BUILT_PAGES["system_configuration"] = "tile-gateways"  # System configuration's section tiles
BUILT_PAGES["web_server_configuration"] = "tile-network"  # the Web Server configuration hub (docs/settings.md)

PHONE = (390, 844)
PC = (1366, 900)
WAIT = 10            # seconds, every wait for the pages
SERVER_START = 60    # seconds for `ews serve` to print its URL (the first start hashes the codes)


# ---------------------------------------------------------------------------------------------
# What the pages must show, read from the documents and the sources (no copy to drift)


def _catalogue(language):
    return json.loads((UI / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


EN, FR, DE = _catalogue("en"), _catalogue("fr"), _catalogue("de")


def _page_paths():
    """PAGE_PATHS of src/lib/pages.js: page id -> the path of the shell that opens it."""
    text = (UI / "src" / "lib" / "pages.js").read_text(encoding="utf-8")
    block = re.search(r"PAGE_PATHS = Object\.freeze\(\{(.*?)\}\)", text, re.S).group(1)
    paths = dict(re.findall(r"(\w+): '(/[^']*)'", block))
    assert len(paths) == 7, paths
    return paths


PAGE_PATHS = _page_paths()
PAGE_IDS = list(PAGE_PATHS)  # the manual's order


@dataclass(frozen=True)
class Account:
    name: str
    pin: str
    puk: str
    pages: frozenset


def _default_users():
    """The "Default users" table of docs/users.md, page titles mapped to ids by its "Pages" table."""
    text = (SOURCE / "docs" / "users.md").read_text(encoding="utf-8")

    def section(title):
        return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]

    by_title = {title.strip(): page for page, title in
                re.findall(r"^\| `\w+` \| `(\w+)` \| ([^|]+) \|", section("Pages"), re.M)}
    assert sorted(by_title.values()) == sorted(PAGE_IDS), by_title

    def page_of(title):
        if title in by_title:
            return by_title[title]
        starting = [page for full, page in by_title.items() if full.startswith(title)]
        assert len(starting) == 1, f"docs/users.md: page '{title}' is not one of {list(by_title)}"
        return starting[0]

    users = {}
    for name, pin, puk, pages in re.findall(r"^\| (\w+) \| (\d{5}) \| ([\d ]+) \| ([^|]+) \|$",
                                            section("Default users"), re.M):
        pages = pages.strip()
        ids = PAGE_IDS if pages == "all seven" else [page_of(t.strip()) for t in pages.split(", ")]
        users[name] = Account(name, pin, puk.strip(), frozenset(ids))
    assert set(users) == {"administrator", "greenUp", "installer", "user"}, users
    return users


DEFAULT_USERS = _default_users()


def manages_users(account):
    """docs/users.md: administrator and greenUp, while they hold Web Server configuration."""
    return account.name in ("administrator", "greenUp") and "web_server_configuration" in account.pages


# ---------------------------------------------------------------------------------------------
# Artefacts, the server, the browsers


@contextlib.contextmanager
def running_serve(folder, log_path, scenario=SCENARIO, speed=60):
    """`ews serve` on `scenario` (the default one) at `speed` over a new data folder; yields its
    base URL. Stops it with SIGTERM (then SIGKILL after 20 s); a clean stop exits 0."""
    assert os.access(EWS, os.X_OK), f"no ews binary at {EWS} (set EWS_BINARY)"
    command = [EWS, "serve", str(scenario), "--data", str(folder / "data"), "--speed", str(speed),
               "--listen", "127.0.0.1:0", "--plain-http"]
    log = open(log_path, "w", encoding="utf-8")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               bufsize=1)
    found = {}
    ready = threading.Event()

    def pump():  # reads to the end, so the server never blocks on a full pipe
        for line in process.stdout:
            log.write(line)
            log.flush()
            match = "url" not in found and re.search(r"pages on (http://127\.0\.0\.1:\d+) \(data in ", line)
            if match:
                found["url"] = match.group(1)
                ready.set()
        ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    hung = False
    try:
        ready.wait(SERVER_START)
        if "url" not in found:
            pytest.fail(f"`ews serve` printed no URL within {SERVER_START} s (exit status {process.poll()}); "
                        f"output ({log_path}):\n{log_path.read_text()[-4000:]}")
        yield found["url"]
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                hung = True
                process.kill()
                process.wait()
        reader.join(timeout=5)
        log.close()
    # Reached when the tests passed: the server ran to the end and stops cleanly on SIGTERM.
    assert not hung, f"`ews serve` did not stop within 20 s of SIGTERM; see {log_path}"
    assert process.returncode == 0, f"`ews serve` exited {process.returncode} (SIGTERM at the end); see {log_path}"


@pytest.fixture(scope="module")
def server(tmp_path_factory, artefacts):
    """One `ews serve` for the module (the lockout test has its own)."""
    with running_serve(tmp_path_factory.mktemp("serve"), artefacts / "serve.log") as url:
        yield url


def _test_prefix(node_name):
    name = node_name.removeprefix("test_")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


@pytest.fixture
def shot(request, artefacts):
    """shot(driver, step): a screenshot named <test>-<nn>-<step>.png."""
    prefix = _test_prefix(request.node.name)
    counter = itertools.count(1)

    def take(driver, step):
        path = artefacts / f"{prefix}-{next(counter):02d}-{step}.png"
        assert driver.save_screenshot(str(path)), f"no screenshot written to {path}"
        return path

    return take


def _chromium(size, profile):
    assert os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing: install Debian's chromium (tools/install-deps.sh)"
    assert os.access(CHROMEDRIVER, os.X_OK), \
        f"{CHROMEDRIVER} is missing: install Debian's chromium-driver (tools/install-deps.sh)"
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-quic",
                     "--password-store=basic", f"--user-data-dir={profile}",
                     f"--window-size={size[0]},{size[1]}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(WAIT)
    # The page's viewport is the size asked for: a headless window keeps room for a browser's
    # bars and is at least 500 px wide, so --window-size alone gives no phone.
    phone = size == PHONE
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "screenWidth": size[0], "screenHeight": size[1],
        "deviceScaleFactor": 1, "mobile": phone})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": phone})
    screen = driver.execute_script("return [screen.width, screen.height]")
    assert screen == list(size), f"screen {screen}, not {size}"
    return driver


@pytest.fixture
def browsers(request, artefacts):
    """browsers(size, label): a new browser (its own new profile: never unlocked, nothing stored).
    At the end: a screenshot of each when the test failed; a Content-Security-Policy violation
    or an uncaught error in any console fails the test; every browser is closed."""
    opened = []

    def open_browser(size, label):
        profile = tempfile.mkdtemp(prefix="ews-chromium-")
        try:
            driver = _chromium(size, profile)
        except BaseException:
            shutil.rmtree(profile, ignore_errors=True)
            raise
        opened.append((label, driver, profile))
        return driver

    yield open_browser

    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    problems = []
    for label, driver, profile in opened:
        try:
            if failed:
                driver.save_screenshot(str(artefacts / f"{_test_prefix(request.node.name)}-FAILED-{label}.png"))
            for entry in driver.get_log("browser"):
                message = entry.get("message", "")
                if "Content Security Policy" in message or "Uncaught" in message:
                    problems.append(f"{label}: {message}")
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
    assert not problems, "browser console:\n" + "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# Page helpers (data-test selectors of docs/web-ui.md)


def css(test):
    return f'[data-test="{test}"]'


def wait_for(driver, test, clickable=False):
    condition = EC.element_to_be_clickable if clickable else EC.visibility_of_element_located
    try:
        return WebDriverWait(driver, WAIT).until(condition((By.CSS_SELECTOR, css(test))))
    except TimeoutException:
        raise AssertionError(f"[data-test={test}] did not show within {WAIT} s on {driver.current_url}; "
                             f"page text: {_body_text(driver)!r}") from None


def wait_any(driver, *tests):
    """Waits until one of the data-test elements shows; returns its data-test."""
    def shown(d):
        for test in tests:
            for element in d.find_elements(By.CSS_SELECTOR, css(test)):
                try:
                    if element.is_displayed():
                        return test
                except StaleElementReferenceException:
                    pass
        return False
    try:
        return WebDriverWait(driver, WAIT).until(shown)
    except TimeoutException:
        raise AssertionError(f"none of {tests} showed within {WAIT} s on {driver.current_url}; "
                             f"page text: {_body_text(driver)!r}") from None


def wait_text(driver, test, expected):
    """Waits until [data-test=test] reads `expected` (a str, or a compiled regex to match)."""
    def reads(d):
        try:
            text = d.find_element(By.CSS_SELECTOR, css(test)).text
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        ok = expected.fullmatch(text) if isinstance(expected, re.Pattern) else text == expected
        return text if ok else False
    try:
        return WebDriverWait(driver, WAIT).until(reads)
    except TimeoutException:
        shown = [e.text for e in driver.find_elements(By.CSS_SELECTOR, css(test))]
        raise AssertionError(f"[data-test={test}] reads {shown!r}, not {expected!r}") from None


def wait_until(driver, what, condition):
    try:
        ignored = (NoSuchElementException, StaleElementReferenceException)
        return WebDriverWait(driver, WAIT, ignored_exceptions=ignored).until(lambda d: condition())
    except TimeoutException:
        raise AssertionError(f"{what}: not within {WAIT} s on {driver.current_url}") from None


def _body_text(driver):
    try:
        return driver.find_element(By.TAG_NAME, "body").text[:500]
    except Exception:  # noqa: BLE001 - only for a message
        return "?"


def click(driver, test):
    wait_for(driver, test, clickable=True).click()


def type_into(driver, test, text):
    """Replaces the field's text the way a user does (select all, delete, type)."""
    field = wait_for(driver, test, clickable=True)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    field.send_keys(text)
    return field


def present(driver, test):
    return bool(driver.find_elements(By.CSS_SELECTOR, css(test)))


def open_path(driver, base, path):
    driver.get(base + path)


def api_get(driver, path):
    """GET from inside the page (its cookies, its origin): [status, JSON body or None]."""
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})
          .then(async (r) => { let body = null; try { body = await r.json(); } catch (e) {} done([r.status, body]); })
          .catch((e) => done([0, String(e)]));
        """, path)


def api_login(driver, body):
    """POST /api/v1/session/login from inside the page: [status, JSON body, Retry-After]."""
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch('/api/v1/session/login', {method: 'POST', credentials: 'same-origin',
               headers: {Accept: 'application/json', 'Content-Type': 'application/json'},
               body: JSON.stringify(arguments[0])})
          .then(async (r) => { let b = null; try { b = await r.json(); } catch (e) {}
                               done([r.status, b, r.headers.get('Retry-After')]); })
          .catch((e) => done([0, String(e), null]));
        """, body)


def submit_pin(driver, pin):
    type_into(driver, "pin", pin)
    click(driver, "login-submit")


def login_with_puk(driver, account, shot=None, step="login"):
    """On a browser not unlocked: PIN, OK, then the PUK field appears, PUK, OK, the shell."""
    submit_pin(driver, account.pin)
    assert wait_any(driver, "puk", "current-user") == "puk", \
        f"{account.name} logged in with the PIN alone on a browser that was not unlocked"
    if shot:
        shot(driver, f"{step}-puk")
    type_into(driver, "puk", account.puk)
    click(driver, "login-submit")
    wait_text(driver, "current-user", account.name)


def login_pin_only(driver, account):
    """On an unlocked browser: the PIN alone opens the shell, no PUK asked."""
    submit_pin(driver, account.pin)
    assert wait_any(driver, "current-user", "puk") == "current-user", \
        f"{account.name}: the PUK was asked on a browser that was unlocked"
    wait_text(driver, "current-user", account.name)


def home_tiles(driver):
    """The page ids of the home page's tiles (home-tiles, or none on home-empty)."""
    if wait_any(driver, "home-tiles", "home-empty") == "home-empty":
        return set()
    tiles = driver.find_elements(By.CSS_SELECTOR, f'{css("home-tiles")} [data-test^="tile-"]')
    return {tile.get_attribute("data-test").removeprefix("tile-") for tile in tiles}


def nav_pages(driver):
    links = driver.find_elements(By.CSS_SELECTOR, '[data-test^="nav-"]')
    return {link.get_attribute("data-test").removeprefix("nav-") for link in links} - {"home"}


def choose_language(driver, language):
    Select(wait_for(driver, "language-select", clickable=True)).select_by_value(language)


def leave(driver, how, shot=None, step="logout"):
    """The logout icon, then Logout or Lock on the confirmation; waits for the login page's notice."""
    click(driver, "logout-icon")
    wait_for(driver, "logout-confirm")
    wait_for(driver, "lock-confirm")
    if shot:
        shot(driver, f"{step}-confirmation")
    click(driver, "logout-confirm" if how == "logout" else "lock-confirm")
    notice = EN["login.loggedOutNotice"] if how == "logout" else EN["login.lockedNotice"]
    wait_text(driver, "login-notice", notice)
    wait_for(driver, "pin")


# ---------------------------------------------------------------------------------------------
# (a) each role: PUK on a new browser, its tiles, no other role's page, Logout, Lock

ROLE_SIZES = {"administrator": PC, "greenUp": PC, "installer": PHONE, "user": PHONE}
# Each API route with a page right, checked from every role's browser (docs/api.md).
API_RIGHTS = {"/api/v1/users": "manager", "/api/v1/site/live": "my_panel_board"}
# Web Server configuration (docs/settings.md); its POST/PUT routes and the backup download are in
# tests/web (web_server_tests, web_settings_tests) and tests/browser/test_config_webserver.py.
API_RIGHTS.update({f"/api/v1/settings/{page}": "web_server_configuration"
                   for page in ("network", "modbus", "time", "language", "csv")})
API_RIGHTS.update({"/api/v1/system/info": "web_server_configuration", "/api/v1/system/version": "web_server_configuration"})
API_RIGHTS.update({"/api/v1/reports/site": "reports_data_download",
                   "/api/v1/reports/pdf?type=summary&period=2026-01": "reports_data_download",
                   "/api/v1/reports/download?first=2026-01-05&last=2026-01-05&step=1d": "reports_data_download"})
API_RIGHTS.update({f"/api/v1/notify/{s}": "web_server_configuration"  # Email and notification (docs/delivery.md)
                   for s in ("email", "telegram", "reports", "alerts", "log/email", "devices")})
API_RIGHTS.update({path: "system_configuration" for path in  # the POST routes: test_config_devices.py
                   ("/api/v1/configuration", "/api/v1/configuration/versions", "/api/v1/configuration/catalogue")})
# The Connector page (docs/api.md): Web Server configuration.
API_RIGHTS.update({"/api/v1/connector": "web_server_configuration", "/api/v1/connector/log": "web_server_configuration"})
# Link functionality (manual 8.2.3), a System configuration page: tests/browser/test_links.py.
API_RIGHTS.update({"/api/v1/links": "system_configuration"})


@pytest.mark.parametrize("role", list(ROLE_SIZES))
def test_role_logs_in_sees_its_tiles_only_logs_out_and_locks(role, server, browsers, shot):
    account = DEFAULT_USERS[role]
    driver = browsers(ROLE_SIZES[role], role)

    # A visitor without a session goes to the login page; a new browser gives the PUK too.
    open_path(driver, server, "/")
    wait_for(driver, "pin")
    assert driver.current_url == server + "/login"
    assert not present(driver, "puk")
    # The pages lay out for the size asked for (a phone's 390 px, a PC's 1366 px).
    assert driver.execute_script("return [innerWidth, innerHeight]") == list(ROLE_SIZES[role])
    shot(driver, "login-pin")
    login_with_puk(driver, account, shot)

    # Home: exactly the tiles of its pages (and the same pages in the navigation).
    assert home_tiles(driver) == set(account.pages)
    assert nav_pages(driver) == set(account.pages)
    # (e) a default user: the banner, with a link to Users for the users who manage them.
    banner = wait_for(driver, "default-code-banner")
    assert banner.text.startswith(EN["banner.defaultCode"]), banner.text
    assert present(driver, "default-code-banner-link") == manages_users(account)
    shot(driver, "home")

    # Every page by its URL: the page (its placeholder until it is built) with the right, "no
    # access" without.
    forbidden_shot = False
    for page in PAGE_IDS:
        open_path(driver, server, PAGE_PATHS[page])
        shown = BUILT_PAGES.get(page, "placeholder")
        state = wait_any(driver, shown, "forbidden")
        expected = shown if page in account.pages else "forbidden"
        assert state == expected, f"{role} on {PAGE_PATHS[page]}: {state}"
        if state == "forbidden":
            assert driver.find_element(By.CSS_SELECTOR, css("forbidden")).text == EN["forbidden.text"]
            wait_for(driver, "current-user")  # inside the shell, still logged in
            if not forbidden_shot:
                shot(driver, f"forbidden-{page}")
                forbidden_shot = True

    # The Users page (administrator's and greenUp's) by its URL, and the API behind it.
    open_path(driver, server, "/web-server/users")
    state = wait_any(driver, "users-table", "forbidden")
    assert state == ("users-table" if manages_users(account) else "forbidden"), f"{role}: {state}"
    shot(driver, "users-by-url")
    for path, right in API_RIGHTS.items():
        allowed = manages_users(account) if right == "manager" else right in account.pages
        status, body = api_get(driver, path)
        if allowed:
            assert status == 200, f"{role}: GET {path} answered {status} {body}"
        else:
            assert status == 403, f"{role}: GET {path} answered {status} {body}, not 403"
            assert body and body.get("error", {}).get("code") == "forbidden", body

    # Logout: the next login needs the PIN only.
    open_path(driver, server, "/")
    wait_for(driver, "home-tiles")
    leave(driver, "logout", shot, "logout")
    shot(driver, "logged-out")
    login_pin_only(driver, account)
    assert home_tiles(driver) == set(account.pages)

    # Lock: the next login needs the PIN and the PUK again.
    leave(driver, "lock", shot, "lock")
    shot(driver, "locked")
    login_with_puk(driver, account, shot, "after-lock")
    assert home_tiles(driver) == set(account.pages)


# ---------------------------------------------------------------------------------------------
# (b) a user added on the Users page logs in with its rights

NEW_USER = Account("visitor", "24680", "13579 24680 1357", frozenset({"consumptions", "my_panel_board"}))


def _field_holds(error, input_test):
    """The error element sits in the same field as its input, and the input names it."""
    field = error.find_element(By.XPATH, "./ancestor::*[contains(concat(' ', @class, ' '), ' field ')][1]")
    inputs = field.find_elements(By.CSS_SELECTOR, css(input_test))
    return bool(inputs) and error.get_attribute("id") in (inputs[0].get_attribute("aria-describedby") or "")


def test_user_added_on_users_page_logs_in_with_its_rights(server, browsers, shot):
    admin = browsers(PC, "administrator")
    open_path(admin, server, "/")
    login_with_puk(admin, DEFAULT_USERS["administrator"])

    # Web Server configuration -> Users: the list of the four default users, flagged.
    click(admin, "tile-web_server_configuration")
    click(admin, "tile-users")
    wait_for(admin, "users-table")
    for name in DEFAULT_USERS:
        wait_for(admin, f"user-row-{name}")
        assert present(admin, f"user-default-code-{name}"), name
        assert admin.find_element(By.CSS_SELECTOR, css(f"user-state-{name}")).text == EN["users.enabled"]
    shot(admin, "users-list")

    click(admin, "users-add")
    type_into(admin, "user-name", NEW_USER.name)
    type_into(admin, "user-puk", NEW_USER.puk)
    for page in NEW_USER.pages:
        checkbox = wait_for(admin, f"user-page-{page}", clickable=True)
        if not checkbox.is_selected():
            checkbox.click()
    assert admin.find_element(By.CSS_SELECTOR, css("user-enabled")).is_selected()

    # A 3-digit PIN: the form's own check, next to the PIN field.
    type_into(admin, "user-pin", "123")
    click(admin, "user-save")
    error = wait_for(admin, "field-error-pin")
    assert error.text == EN["users.error.pin"]
    assert _field_holds(error, "user-pin")
    shot(admin, "user-form-pin-error")

    # A PIN another user holds: the server's 422, shown next to the PIN field too.
    type_into(admin, "user-pin", DEFAULT_USERS["user"].pin)
    wait_until(admin, "the PIN error clears when the PIN is typed again", lambda: not present(admin, "field-error-pin"))
    click(admin, "user-save")
    refused = EN["error.invalid"].split("{", 1)[0]
    error = wait_for(admin, "field-error-pin")
    assert error.text.startswith(refused) and len(error.text) > len(refused), error.text
    assert _field_holds(error, "user-pin")
    assert not present(admin, "field-error-name") and not present(admin, "field-error-puk")
    shot(admin, "user-form-server-error")

    type_into(admin, "user-pin", NEW_USER.pin)
    click(admin, "user-save")
    wait_text(admin, "users-notice", EN["users.saved"])
    wait_for(admin, f"user-row-{NEW_USER.name}")
    assert admin.find_element(By.CSS_SELECTOR, css(f"user-state-{NEW_USER.name}")).text == EN["users.enabled"]
    assert not present(admin, f"user-default-code-{NEW_USER.name}")
    shot(admin, "users-list-with-new-user")

    # The new user, in another (new) browser: PIN+PUK, then exactly its pages.
    visitor = browsers(PHONE, NEW_USER.name)
    open_path(visitor, server, "/")
    login_with_puk(visitor, NEW_USER, shot, "new-user-login")
    assert home_tiles(visitor) == set(NEW_USER.pages)
    assert nav_pages(visitor) == set(NEW_USER.pages)
    assert not present(visitor, "default-code-banner")  # codes of its own
    shot(visitor, "new-user-home")
    open_path(visitor, server, "/web-server/users")
    assert wait_any(visitor, "users-table", "forbidden") == "forbidden"
    status, body = api_get(visitor, "/api/v1/users")
    assert status == 403 and body["error"]["code"] == "forbidden", (status, body)
    status, _ = api_get(visitor, "/api/v1/site/live")  # my_panel_board was given
    assert status == 200, status
    open_path(visitor, server, PAGE_PATHS["consumptions"])
    assert wait_any(visitor, BUILT_PAGES["consumptions"], "forbidden") == BUILT_PAGES["consumptions"]


# ---------------------------------------------------------------------------------------------
# (d) the language list box: login page and shell, kept across a reload


def _pin_label(driver):
    return driver.find_element(By.CSS_SELECTOR, 'label[for="login-pin"]').text


def _tile_titles(driver):
    return {tile.get_attribute("data-test").removeprefix("tile-"):
            tile.find_element(By.CSS_SELECTOR, ".tile-title").text
            for tile in driver.find_elements(By.CSS_SELECTOR, f'{css("home-tiles")} [data-test^="tile-"]')}


def _shell_reads(driver, catalogue, account):
    wait_text(driver, "page-title", catalogue["home.title"])
    wait_until(driver, "tile titles in the chosen language",
               lambda: _tile_titles(driver) == {p: catalogue[f"page.{p}"] for p in account.pages})
    brand = driver.find_element(By.CSS_SELECTOR, f'{css("brand")} .brand-name').text
    assert brand == catalogue["app.title"]
    logout_icon = driver.find_element(By.CSS_SELECTOR, css("logout-icon"))
    assert logout_icon.get_attribute("aria-label") == catalogue["logout.icon"]
    assert wait_for(driver, "default-code-banner").text.startswith(catalogue["banner.defaultCode"])


def test_language_switch_changes_the_labels_and_survives_a_reload(server, browsers, shot):
    account = DEFAULT_USERS["installer"]
    driver = browsers(PHONE, "language")
    open_path(driver, server, "/login")
    wait_text(driver, "page-title", EN["login.title"])
    assert _pin_label(driver) == EN["login.pin"]
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    # On the login page: French.
    choose_language(driver, "fr")
    wait_text(driver, "page-title", FR["login.title"])
    assert _pin_label(driver) == FR["login.pin"]
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    shot(driver, "login-fr")
    driver.refresh()
    wait_text(driver, "page-title", FR["login.title"])
    assert _pin_label(driver) == FR["login.pin"]
    assert Select(wait_for(driver, "language-select")).first_selected_option.get_attribute("value") == "fr"

    # Logged in: the shell in French.
    login_with_puk(driver, account, shot, "login-fr")
    _shell_reads(driver, FR, account)
    shot(driver, "home-fr")

    # In the shell: German, kept across a reload.
    choose_language(driver, "de")
    _shell_reads(driver, DE, account)
    driver.refresh()
    _shell_reads(driver, DE, account)
    assert Select(wait_for(driver, "language-select")).first_selected_option.get_attribute("value") == "de"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
    shot(driver, "home-de")


# ---------------------------------------------------------------------------------------------
# (e) the default-code banner


def test_default_code_banner_shows_for_a_default_user(server, browsers, shot):
    account = DEFAULT_USERS["administrator"]
    driver = browsers(PHONE, account.name)
    open_path(driver, server, "/")
    login_with_puk(driver, account)
    banner = wait_for(driver, "default-code-banner")
    assert banner.text.startswith(EN["banner.defaultCode"]), banner.text
    link = wait_for(driver, "default-code-banner-link")
    assert link.text == EN["banner.changeCodes"]
    shot(driver, "banner")
    link.click()
    wait_for(driver, "users-table")
    assert driver.current_url == server + "/web-server/users"
    wait_for(driver, f"user-default-code-{account.name}")
    wait_for(driver, "default-code-banner")  # still a default code: still the banner
    shot(driver, "users-from-banner")


# ---------------------------------------------------------------------------------------------
# (c) wrong codes lock the address out: in a server of its own (the lockout is per address)


def test_five_wrong_codes_lock_out(tmp_path, artefacts, browsers, shot):
    account = DEFAULT_USERS["user"]
    wrong_pin = "12345"
    assert wrong_pin not in {a.pin for a in DEFAULT_USERS.values()}
    locked_text = re.compile(re.escape(EN["error.lockedOut"]).replace(re.escape("{seconds}"), r"(\d+)"))

    with running_serve(tmp_path, artefacts / "serve-lockout.log") as base:
        driver = browsers(PHONE, "lockout")
        open_path(driver, base, "/")
        wait_for(driver, "pin")
        login_with_puk(driver, account)
        leave(driver, "logout")  # an unlocked browser: each wrong PIN goes to the server

        for attempt in range(1, 6):
            earlier = driver.find_elements(By.CSS_SELECTOR, css("login-error"))
            submit_pin(driver, wrong_pin)
            if earlier:
                WebDriverWait(driver, WAIT).until(EC.staleness_of(earlier[0]))
            text = wait_for(driver, "login-error").text
            if attempt < 5:
                assert text == EN["error.wrongCode"], f"attempt {attempt}: {text!r}"
                # Back at the PIN: typing before the page has emptied the field would be lost.
                wait_until(driver, "the PIN field emptied and enabled again", lambda: (
                    (field := driver.find_element(By.CSS_SELECTOR, css("pin"))).is_enabled()
                    and field.get_attribute("value") == ""))
            else:
                match = locked_text.fullmatch(text)
                assert match, f"attempt 5: {text!r} is not the lockout message"
                first = int(match.group(1))
                assert 1 <= first <= 30, text
        assert not driver.find_element(By.CSS_SELECTOR, css("pin")).is_enabled()
        assert not driver.find_element(By.CSS_SELECTOR, css("login-submit")).is_enabled()
        shot(driver, "lockout")
        # The wait counts down.
        wait_until(driver, "the lockout countdown", lambda: (
            (m := locked_text.fullmatch(driver.find_element(By.CSS_SELECTOR, css("login-error")).text))
            and int(m.group(1)) < first))

        # The server refuses the right code too, with Retry-After.
        status, body, retry_after = api_login(driver, {"pin": account.pin})
        assert status == 429, (status, body)
        assert body["error"]["code"] == "locked-out", body
        assert retry_after is not None and 0 < int(retry_after) <= 30, retry_after

        # Another new browser at the same address: the right PIN and PUK are refused as well.
        other = browsers(PHONE, "lockout-other")
        open_path(other, base, "/")
        submit_pin(other, account.pin)
        wait_for(other, "puk")
        type_into(other, "puk", account.puk)
        click(other, "login-submit")
        wait_text(other, "login-error", locked_text)
        assert not present(other, "current-user")
        shot(other, "lockout-other-browser")
