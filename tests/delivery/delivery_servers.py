"""Real servers for the delivery tests (docs/delivery.md), started on 127.0.0.1 with a port the
kernel picks and read back: an aiosmtpd SMTP server (plain, STARTTLS or implicit TLS, optional
AUTH) and a fake Telegram Bot API (getUpdates, sendMessage, sendDocument over http.server).
Both keep what they received for the tests to check."""
import asyncio
import email
import email.policy
import http.server
import json
import pathlib
import subprocess
import threading

from aiosmtpd.smtp import SMTP, AuthResult


class SmtpServer:
    """`mode`: "plain", "starttls" (STARTTLS offered and required) or "tls" (implicit TLS)."""

    def __init__(self, mode="plain", tls_context=None, user=None, password=None, reject_rcpt=False):
        self.messages = []  # (envelope from, [rcpt], email.message.EmailMessage)
        self.logins = []
        self._mode = mode
        self._tls = tls_context
        self._user, self._password = user, password
        self._reject_rcpt = reject_rcpt
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the SMTP server did not start")

    def _factory(self):
        server = self

        class Handler:
            async def handle_RCPT(self, _server, _session, envelope, address, _options):
                if server._reject_rcpt:
                    return "550 5.1.1 mailbox unavailable"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, _server, _session, envelope):
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                server.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
                return "250 2.0.0 queued as 42"

        def authenticate(_server, _session, _envelope, mechanism, data):
            login = data.login.decode() if isinstance(data.login, bytes) else data.login
            secret = data.password.decode() if isinstance(data.password, bytes) else data.password
            self.logins.append((mechanism, login))
            # handled=False: aiosmtpd answers 235 or 535 itself.
            return AuthResult(success=(login == self._user and secret == self._password), handled=False)

        kwargs = {}
        if self._user is not None:
            # Implicit TLS is TLS from the first byte; aiosmtpd counts only STARTTLS as such.
            kwargs.update(authenticator=authenticate, auth_require_tls=self._mode == "starttls")
        else:
            kwargs.update(auth_require_tls=False)
        if self._mode == "starttls":
            kwargs.update(tls_context=self._tls, require_starttls=True)
        return SMTP(Handler(), hostname="test-smtp", **kwargs)

    def _run(self):
        asyncio.set_event_loop(self._loop)
        ssl = self._tls if self._mode == "tls" else None
        server = self._loop.run_until_complete(
            self._loop.create_server(self._factory, host="127.0.0.1", port=0, ssl=ssl))
        self.port = server.sockets[0].getsockname()[1]
        self._server = server
        self._ready.set()
        self._loop.run_forever()
        server.close()
        self._loop.run_until_complete(server.wait_closed())
        self._loop.close()

    def stop(self):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def self_signed_certificate(folder: pathlib.Path):
    """A temporary certificate for localhost / 127.0.0.1; returns (certificate, key) paths."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class FakeBotApi:
    """Telegram's Bot API as far as the box uses it. `updates` are served with Telegram's offset
    rule (asking with offset N forgets those below N); `sent` records each sendMessage /
    sendDocument as a dict; `fail_with` (an HTTP status) makes every send fail."""

    def __init__(self, token):
        self.token = token
        self.updates = []
        self.sent = []
        self.offsets = []
        self.fail_with = None
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def _answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                prefix = f"/bot{api.token}/"
                if not self.path.startswith(prefix):
                    return self._answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                method = self.path[len(prefix):]
                if method == "getUpdates":
                    offset = json.loads(body).get("offset", 0)
                    api.offsets.append(offset)
                    api.updates = [u for u in api.updates if u["update_id"] >= offset]
                    return self._answer(200, {"ok": True, "result": api.updates})
                if api.fail_with:
                    return self._answer(api.fail_with, {"ok": False, "error_code": api.fail_with,
                                                        "description": "Too Many Requests: retry after 5"})
                if method == "sendMessage":
                    api.sent.append({"method": method, **json.loads(body)})
                    return self._answer(200, {"ok": True, "result": {"message_id": len(api.sent)}})
                if method == "sendDocument":
                    head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
                    form = email.message_from_bytes(head + body, policy=email.policy.default)
                    fields = {}
                    for part in form.iter_parts():
                        name = part.get_param("name", header="content-disposition")
                        fields[name] = part.get_content() if part.get_filename() is None else \
                            (part.get_filename(), part.get_payload(decode=True))
                    api.sent.append({"method": method, **fields})
                    return self._answer(200, {"ok": True, "result": {"message_id": len(api.sent)}})
                return self._answer(404, {"ok": False, "description": "Not Found"})

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def message_from(self, update_id, chat_id, text, first_name="Ana"):
        self.updates.append({"update_id": update_id, "message": {
            "message_id": update_id, "text": text, "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": first_name}}})

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
