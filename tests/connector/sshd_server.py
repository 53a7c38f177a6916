"""A real OpenSSH server for the connector tests, on 127.0.0.1 and a port the kernel chose.

The test binds a listening socket on port 0 and reads the port back; each connection it accepts
is served by Debian's `sshd -i` (inetd mode: one sshd per connection on the accepted socket), so
no port is picked beforehand. The server has a temporary host key and a temporary user whose
home is a temporary folder (the remote tree the tests inspect), with a password and an
authorised key. Needs root (a user is created and sshd runs as root); everything is removed
when stopped."""
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import threading

SSHD = "/usr/sbin/sshd"


def keygen(path):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ews-test", "-f", str(path)], check=True)


def fingerprint(public_key):
    out = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(public_key)], check=True,
                         capture_output=True, text=True).stdout
    return out.split()[1]  # "256 SHA256:... comment (ED25519)"


class SshServer:
    def __init__(self, folder, password):
        if os.geteuid() != 0:
            raise RuntimeError("the connector's sshd tests need root: they create a user and run sshd")
        self.folder = pathlib.Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        os.makedirs("/run/sshd", exist_ok=True)  # sshd's privilege separation folder
        self.user = f"ewsconn{os.getpid() % 100000}"
        self.home = self.folder / "home"
        self.password = password
        subprocess.run(["useradd", "--no-user-group", "--gid", "nogroup", "--home-dir", str(self.home),
                        "--create-home", "--shell", "/bin/sh", self.user], check=True)
        subprocess.run(["chpasswd"], input=f"{self.user}:{password}\n", text=True, check=True)
        self.client_key = self.folder / "client_key"
        keygen(self.client_key)
        shutil.copy(self.folder / "client_key.pub", self.folder / "authorized_keys")
        self.host_key = self.folder / "host_key"
        keygen(self.host_key)
        self.log = self.folder / "sshd.log"
        self.config = self.folder / "sshd_config"
        self.config.write_text(
            f"HostKey {self.host_key}\n"
            f"AuthorizedKeysFile {self.folder / 'authorized_keys'}\n"
            "StrictModes no\n"
            "UsePAM no\n"
            "PasswordAuthentication yes\n"
            "KbdInteractiveAuthentication no\n"
            "PermitRootLogin no\n"
            f"AllowUsers {self.user}\n"
            "Subsystem sftp internal-sftp\n"
            "PidFile none\n"
            "LogLevel VERBOSE\n")
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.processes = []
        self.connections = 0
        self.stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        with open(self.log, "ab") as log:
            while not self.stopping:
                try:
                    connection, _ = self.listener.accept()
                except OSError:
                    return
                with connection:
                    self.connections += 1
                    self.processes.append(subprocess.Popen([SSHD, "-i", "-e", "-f", str(self.config)],
                                                           stdin=connection.fileno(), stdout=connection.fileno(),
                                                           stderr=log))
                self.processes = [p for p in self.processes if p.poll() is None]

    def host_fingerprint(self):
        return fingerprint(self.folder / "host_key.pub")

    def replace_host_key(self):
        """A re-installed (or impersonated) server: a new host key for the next connections."""
        for name in ("host_key", "host_key.pub"):
            (self.folder / name).unlink()
        keygen(self.host_key)

    def stop(self):
        self.stopping = True
        self.listener.close()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        self.thread.join(timeout=5)
        subprocess.run(["userdel", self.user], check=False)
        try:
            pwd.getpwnam(self.user)
            raise RuntimeError(f"user {self.user} still exists")
        except KeyError:
            pass
