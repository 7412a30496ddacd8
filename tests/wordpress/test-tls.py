#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A site whose https certificate is not valid is refused, never trusted anyway: nothing is
sent (the application password least of all) and nothing is saved.

The real WordPress sandbox only speaks plain http (PHP's server has no TLS), so the test puts
a TLS front in front of it, as a site's web server would be: it presents a self-signed
certificate for 127.0.0.1 and passes everything on to WordPress. That front is the stand-in
here, for the one thing a real site cannot be made to do on demand: show a bad certificate.
"""

import os
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"


def make_self_signed(directory):
    key = os.path.join(directory, "key.pem")
    cert = os.path.join(directory, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class TlsFront:
    """Accepts TLS on a port of its own and relays each connection to the plain http site;
    counts the connections that got through the handshake (and could have carried a password)."""

    def __init__(self, backend_port, cert, key):
        self.backend_port = backend_port
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.handshakes = 0
        self.requests = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        try:
            secure = self.context.wrap_socket(client, server_side=True)
        except (ssl.SSLError, OSError):
            client.close()
            return
        self.handshakes += 1
        with secure, socket.create_connection(("127.0.0.1", self.backend_port)) as backend:
            request = secure.recv(65536)
            self.requests.append(request)
            backend.sendall(request)
            while True:
                data = backend.recv(65536)
                if not data:
                    break
                secure.sendall(data)

    def close(self):
        self.listener.close()


class TlsTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()
        cls.certificates = tempfile.TemporaryDirectory(prefix="feuillet-tls-")
        cert, key = make_self_signed(cls.certificates.name)
        cls.front = TlsFront(cls.wordpress.port, cert, key)

    @classmethod
    def tearDownClass(cls):
        cls.front.close()
        cls.certificates.cleanup()
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-tls-library-")
        self.library = os.path.join(self.tmp.name, "library.db")
        self.front.handshakes = 0
        self.front.requests = []

    def tearDown(self):
        self.tmp.cleanup()

    def test_self_signed_certificate_is_refused(self):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                   FEUILLET_APP_PASSWORD=self.wordpress.application_password)
        result = subprocess.run([CLI, "--library", self.library, "site", "add", "vosges",
                                 "--url", f"https://127.0.0.1:{self.front.port}", "--user", self.wordpress.user],
                                capture_output=True, env=env, timeout=120)
        message = result.stderr.decode()
        self.assertEqual(result.returncode, 1, message)
        self.assertIn("certificate", message)
        self.assertIn("127.0.0.1", message)
        self.assertNotIn(self.wordpress.application_password, message + result.stdout.decode())
        # The handshake never completed: not one request, so no password, went out.
        self.assertEqual(self.front.handshakes, 0)
        self.assertEqual(self.front.requests, [])
        with sqlite3.connect(self.library) as db:
            self.assertEqual(db.execute("SELECT count(*) FROM sites").fetchone()[0], 0)

    def test_front_works_for_a_client_that_trusts_it(self):
        """The front itself relays to WordPress: a client told to trust its certificate gets
        the site's REST index (so the refusal above is about the certificate alone)."""
        context = ssl.create_default_context(cafile=os.path.join(self.certificates.name, "cert.pem"))
        with socket.create_connection(("127.0.0.1", self.front.port)) as raw, \
                context.wrap_socket(raw, server_hostname="127.0.0.1") as secure:
            secure.sendall(b"GET /?rest_route=/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            answer = b""
            while chunk := secure.recv(65536):
                answer += chunk
        self.assertIn(b"200 OK", answer.split(b"\r\n")[0])
        self.assertIn(b"application-passwords", answer)


if __name__ == "__main__":
    unittest.main()
