"""Read-only FTP access to the CSV tree (manual 8.4.2, docs/connector.md "FTP access") with
Python's ftplib against `ews ftp` on 127.0.0.1 and a port the kernel chose: list and download,
the password of the CSV settings, nothing written, nothing outside the tree reachable (../,
absolute paths, symbolic links), passive mode only, explicit FTPS, connections per address
bounded."""
import ftplib
import io
import json
import os
import pathlib
import re
import signal
import sqlite3
import ssl
import subprocess

import pytest

EWS = os.environ.get("EWS_BINARY", str(pathlib.Path(__file__).resolve().parents[2] / "build" / "cli" / "ews"))
SOURCE = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ftp") / "site"
    subprocess.run([EWS, "run", str(SOURCE / "scenarios" / "default.yaml"), "--data", str(folder), "--duration", "2h",
                    "--quiet"], check=True, capture_output=True, timeout=120)
    # What must stay out of reach: a link to the database beside the tree, a link to /etc.
    (folder / "csv" / "leak.db").symlink_to(folder / "ews.db")
    (folder / "csv" / "devices" / "etc").symlink_to("/etc")
    return folder


@pytest.fixture(scope="module")
def server(site):
    process = subprocess.Popen([EWS, "ftp", "--data", str(site), "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()  # "FTP on 127.0.0.1:PORT (...)"
        found = re.search(r"FTP on 127\.0\.0\.1:(\d+)", line)
        assert found, (line, process.stderr.read() if process.poll() is not None else "")
        yield int(found.group(1))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def connect(port, password="wsmeasure", user="wsmeasure"):
    ftp = ftplib.FTP()
    ftp.connect("127.0.0.1", port, timeout=10)
    ftp.login(user, password)
    return ftp


def download(ftp, path):
    data = io.BytesIO()
    ftp.retrbinary(f"RETR {path}", data.write)
    return data.getvalue()


def test_lists_and_downloads_the_tree_in_passive_mode(site, server):
    with connect(server) as ftp:
        assert ftp.pwd() == "/"
        names = ftp.nlst()
        assert {"devices", "energy", "overallTotal"} <= set(names) and "leak.db" not in names
        energy = sorted(ftp.nlst("energy"))
        local = sorted(p.name for p in (site / "csv" / "energy").iterdir())
        assert energy == local
        lines = []
        ftp.retrlines("LIST energy", lines.append)
        assert len(lines) == len(local) and all(line.startswith("-r--r--r--") for line in lines)
        ftp.cwd("energy")
        assert download(ftp, local[0]) == (site / "csv" / "energy" / local[0]).read_bytes()
        assert ftp.size(local[0]) == (site / "csv" / "energy" / local[0]).stat().st_size


def test_wrong_password_or_user_is_refused(server):
    for user, password in (("wsmeasure", "wrong"), ("root", "wsmeasure"), ("anonymous", "")):
        with pytest.raises(ftplib.error_perm, match="530"):
            connect(server, password=password, user=user)


def test_the_password_is_the_csv_settings_one(site, server):
    with sqlite3.connect(site / "ews.db") as db:  # what the CSV settings page stores (docs/users.md)
        db.execute("INSERT INTO settings(section, json, updated_at_us, author) VALUES('ftp', ?, 0, 'test')",
                   (json.dumps({"password": "S3cond-pass"}),))
    try:
        with pytest.raises(ftplib.error_perm, match="530"):
            connect(server)
        with connect(server, password="S3cond-pass") as ftp:
            assert "devices" in ftp.nlst()
    finally:
        with sqlite3.connect(site / "ews.db") as db:
            db.execute("DELETE FROM settings WHERE section = 'ftp'")


def test_nothing_can_be_written(site, server):
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    target = sorted((site / "csv" / "energy").iterdir())[0].name
    with connect(server) as ftp:
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.storbinary("STOR new.csv", io.BytesIO(b"x;y\n"))
        for command in (f"DELE energy/{target}", "MKD newfolder", "RMD energy", f"RNFR energy/{target}",
                        "APPE energy/x.csv"):
            with pytest.raises(ftplib.error_perm, match="550"):
                ftp.sendcmd(command)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_no_path_leads_outside_the_tree(server):
    with connect(server) as ftp:
        ftp.cwd("../../..")
        assert ftp.pwd() == "/"  # ".." stops at the root, as in a chroot
        for path in ("../ews.db", "/../ews.db", "/etc/passwd", "/../../../../etc/passwd", "leak.db",
                     "devices/etc/passwd"):
            with pytest.raises(ftplib.error_perm, match="550"):
                download(ftp, path)
            with pytest.raises(ftplib.error_perm, match="550"):
                ftp.size(path)
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.cwd("devices/etc")
        assert "etc" not in ftp.nlst("devices")


def test_active_mode_is_refused(server):
    with connect(server) as ftp:
        ftp.set_pasv(False)
        with pytest.raises(ftplib.error_perm, match="502"):
            ftp.nlst()


def test_explicit_ftps_protects_login_and_data(site, server):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the box's self-signed certificate
    ftps = ftplib.FTP_TLS(context=context)
    ftps.connect("127.0.0.1", server, timeout=10)
    ftps.login("wsmeasure", "wsmeasure")  # AUTH TLS first: the password travels encrypted
    ftps.prot_p()
    name = sorted((site / "csv" / "overallTotal").iterdir())[0].name
    assert download(ftps, f"overallTotal/{name}") == (site / "csv" / "overallTotal" / name).read_bytes()
    ftps.quit()


def test_connections_per_address_are_bounded(server):
    open_ones = [connect(server) for _ in range(4)]
    try:
        extra = ftplib.FTP()
        with pytest.raises(ftplib.error_temp, match="421"):
            extra.connect("127.0.0.1", server, timeout=10)
    finally:
        for ftp in open_ones:
            ftp.quit()
    with connect(server) as ftp:  # a place is free again once one is closed
        assert ftp.pwd() == "/"


def test_ews_serve_runs_the_ftp_access_beside_the_site(tmp_path):
    """`--ftp-listen` (ews serve, ews live): the same server in the site's process; the files grow
    while it serves them."""
    process = subprocess.Popen([EWS, "serve", str(SOURCE / "scenarios" / "default.yaml"), "--data", str(tmp_path / "d"),
                                "--listen", "127.0.0.1:0", "--plain-http", "--ftp-listen", "127.0.0.1:0",
                                "--speed", "600"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        for _ in range(50):  # the lines before the pages' URL (bounded: the process prints a few)
            line = process.stdout.readline()
            found = re.search(r"FTP on port (\d+)", line)
            if found:
                port = int(found.group(1))
                break
            if not line:
                break
        assert port, "ews serve printed no FTP port"
        with connect(port) as ftp:
            assert ftp.pwd() == "/"
            ftp.nlst()  # the tree may still be empty at the very start: the listing works
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0
