"""The Connector against a real OpenSSH server (docs/connector.md): `ews connector send` on a
data folder built by `ews run --data`, SFTP and SCP, keyword expansion in the remote tree, only
changed files sent again, a changed host key refused and logged, bad credentials and an
unreachable server logged with the answer and nothing on the box changed."""
import datetime
import hashlib
import io
import json
import os
import pathlib
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import zipfile
import zoneinfo

import pytest

from sshd_server import SshServer

EWS = os.environ.get("EWS_BINARY", str(pathlib.Path(__file__).resolve().parents[2] / "build" / "cli" / "ews"))
SOURCE = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
ZONE = zoneinfo.ZoneInfo("Europe/Paris")  # scenarios/default.yaml's time zone


def ews(*args, check=True):
    result = subprocess.run([EWS, *map(str, args)], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"ews {' '.join(map(str, args))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("connector") / "site"
    ews("run", SOURCE / "scenarios" / "default.yaml", "--data", folder, "--duration", "3h", "--quiet")
    return folder


@pytest.fixture
def site(data_folder, tmp_path):
    """A fresh copy of the data folder per test (its host keys and log start empty)."""
    copy = tmp_path / "site"
    shutil.copytree(data_folder, copy, ignore=shutil.ignore_patterns("ews.lock"))
    return copy


@pytest.fixture
def sshd():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ews-sshd-"))
    folder.chmod(0o755)  # the temporary user reaches its home and authorized_keys through it
    server = SshServer(folder, password="Corr3ct-horse")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def configure(site, **fields):
    ews("connector", "config", "--data", site, "--json", json.dumps(fields))


def send(site, check=True):
    return ews("connector", "send", "--data", site, "--timeout", 10, check=check)


def connector_log(site):
    with sqlite3.connect(site / "ews.db") as db:
        return [row[0] for row in db.execute("SELECT detail FROM events WHERE kind = 'connector' ORDER BY id")]


def tree(root, under=""):
    """{relative path: sha256} of the regular files under root/under."""
    base = pathlib.Path(root)
    return {p.relative_to(base).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((base / under).rglob("*")) if p.is_file()}


def local_names(when_before, when_after, pattern):
    """The keyword expansions possible between two instants (the send may cross a minute)."""
    names = set()
    for when in (when_before, when_after):
        local = when.astimezone(ZONE)
        names.add(pattern.replace("%date", local.strftime("%Y%m%d%H%M")).replace("%dow", local.strftime("%a").lower())
                  .replace("%day", local.strftime("%d")).replace("%hour", local.strftime("%H")))
    return names


def sftp_settings(server, **extra):
    return dict(mode="sftp", address="127.0.0.1", port=server.port, username=server.user,
                password=server.password, **extra)


def test_sftp_synchronises_the_folders_and_sends_only_what_changed(site, sshd):
    configure(site, **sftp_settings(sshd, destination="sites/%dow/backup%date", source_folders=["devices", "energy"]))
    before = datetime.datetime.now(datetime.timezone.utc)
    first = send(site)
    after = datetime.datetime.now(datetime.timezone.utc)
    # The remote folder is named by the keywords at the time of the send, under the remote home.
    candidates = local_names(before, after, "sites/%dow/backup%date")
    remote = [name for name in candidates if (sshd.home / name).is_dir()]
    assert len(remote) == 1, (candidates, list((sshd.home / "sites").rglob("*"))[:5])
    remote_root = sshd.home / remote[0]
    local = {**tree(site / "csv", "devices"), **tree(site / "csv", "energy")}
    assert local and tree(remote_root) == local  # exactly the chosen folders, byte for byte
    assert not (remote_root / "overallTotal").exists()
    assert f"{len(local)} files sent" in first.stdout and "0 unchanged" in first.stdout
    # The first connection recorded the server's key (trust on first use) and logged it.
    log = connector_log(site)
    assert any(sshd.host_fingerprint() in line and "recorded on first use" in line for line in log), log
    assert any("send now: SFTP to" in line and "started" in line for line in log)
    assert sshd.password not in "\n".join(log)

    # The same destination again (no keyword): nothing changed, nothing sent.
    configure(site, destination="sites/fixed")
    send(site)
    second = send(site)
    assert f"0 files sent (0 bytes), {len(local)} unchanged" in second.stdout, second.stdout
    # One file grows (the box appends a sample): that file only goes again.
    grown = sorted((site / "csv" / "energy").glob("devices_*.csv"))[0]
    with open(grown, "a", encoding="utf-8") as out:
        out.write("2099-01-01 00:00:00+01:00;1;2;3\n")
    os.utime(grown, (grown.stat().st_atime, grown.stat().st_mtime + 5))
    third = send(site)
    assert f"1 files sent" in third.stdout and f"{len(local) - 1} unchanged" in third.stdout, third.stdout
    assert (sshd.home / "sites/fixed" / grown.relative_to(site / "csv")).read_bytes() == grown.read_bytes()
    assert not list(sshd.home.rglob("*.part"))


def test_scp_sends_one_zip_of_the_tree_with_a_private_key(site, sshd):
    key = (sshd.client_key).read_text()
    configure(site, mode="scp", address="127.0.0.1", port=sshd.port, username=sshd.user, private_key=key,
              destination="zips/energyOf%dow")
    assert "BEGIN" not in ews("connector", "show", "--data", site).stdout  # write-only
    before = datetime.datetime.now(datetime.timezone.utc)
    result = send(site)
    after = datetime.datetime.now(datetime.timezone.utc)
    names = [name + ".zip" for name in local_names(before, after, "zips/energyOf%dow")]
    sent = [sshd.home / name for name in names if (sshd.home / name).is_file()]
    assert len(sent) == 1, (names, list(sshd.home.rglob("*")))
    with zipfile.ZipFile(sent[0]) as archive:
        unpacked = {name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()
                    if not name.endswith("/")}  # Poco also stores each folder as an entry
    assert unpacked == tree(site / "csv")  # every folder (source folders empty: all of them)
    assert "SCP to" in result.stdout and "completed" in result.stdout
    assert not list(site.glob(".connector-*.zip"))  # the temporary zip is gone from the box


def test_a_changed_host_key_is_refused_and_logged(site, sshd):
    configure(site, **sftp_settings(sshd, destination="first"))
    send(site)
    recorded = sshd.host_fingerprint()
    sshd.replace_host_key()
    configure(site, destination="second")
    result = send(site, check=False)
    assert result.returncode == 1
    assert "host key changed" in result.stderr and recorded in result.stderr and sshd.host_fingerprint() in result.stderr
    assert not (sshd.home / "second").exists()  # nothing written to the impostor
    assert any("host key changed" in line for line in connector_log(site))
    # The password never reached it: sshd logged no authentication attempt on that connection.
    assert "Accepted password" in sshd.log.read_text() and sshd.log.read_text().count("Accepted password") == 1
    # After the user forgets the key (a real re-installation), the new one is trusted.
    ews("connector", "forget-host-key", "--data", site)
    send(site)
    assert (sshd.home / "second").is_dir()


def test_bad_credentials_and_an_unreachable_server_are_logged_and_change_nothing(site, sshd):
    before = tree(site / "csv")
    configure(site, **{**sftp_settings(sshd, destination="x"), "password": "wrong-password"})
    refused = send(site, check=False)
    assert refused.returncode == 1
    assert "refused the user name or password" in refused.stderr, refused.stderr
    assert "wrong-password" not in refused.stderr and "wrong-password" not in "\n".join(connector_log(site))
    # A bound socket that does not listen: the connection is refused, deterministically.
    closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    closed.bind(("127.0.0.1", 0))
    try:
        configure(site, port=closed.getsockname()[1], password=sshd.password)
        unreachable = send(site, check=False)
    finally:
        closed.close()
    assert unreachable.returncode == 1
    assert "cannot connect" in unreachable.stderr and "refused" in unreachable.stderr.lower(), unreachable.stderr
    log = connector_log(site)
    assert sum("failed" in line for line in log) == 2, log
    assert tree(site / "csv") == before  # nothing on the box changed or deleted


def test_off_sends_nothing(site):
    result = send(site, check=False)
    assert result.returncode == 2 and "OFF" in result.stderr
