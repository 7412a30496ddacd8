#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli site … against a real WordPress (DESIGN.md, "feuillet-cli"): a site is saved
only once the site accepted its credentials; exit 4 when it refused them, 5 when it could not
be reached; the password is never in the library nor in the output.

Most runs use FEUILLET_APP_PASSWORD and no Secret Service: the session bus points nowhere,
so a run that tried the keyring would fail. KeyringTest runs through a real one: gnome-keyring
in a D-Bus session of its own."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SitesTestCase(unittest.TestCase):
    """A sandbox for the class, a library for each test."""

    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-sites-")
        self.library = os.path.join(self.tmp.name, "library.db")

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, password=None, stdin=None):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS)
        env.pop("FEUILLET_APP_PASSWORD", None)
        if password is not None:
            env["FEUILLET_APP_PASSWORD"] = password
        return subprocess.run([CLI, "--library", self.library, *args], input=stdin,
                              capture_output=True, env=env, timeout=120)

    def add(self, name, password=None, url=None, options=()):
        return self.run_cli("site", "add", name, "--url", url or self.wordpress.url,
                            "--user", self.wordpress.user, *options,
                            password=password or self.wordpress.application_password)

    def assert_exit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")

    def sites(self):
        result = self.run_cli("site", "list", "--json")
        self.assert_exit(result, 0)
        return json.loads(result.stdout)

    def library_bytes(self):
        data = b""
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.library + suffix):
                with open(self.library + suffix, "rb") as f:
                    data += f.read()
        return data

    def assert_password_nowhere(self, password, *outputs):
        secret = password.encode()
        self.assertNotIn(secret, self.library_bytes())
        self.assertNotIn(secret.replace(b" ", b""), self.library_bytes())
        for output in outputs:
            self.assertNotIn(secret, output)

class SitesTest(SitesTestCase):
    def test_add_with_environment_password(self):
        password = self.wordpress.application_password
        added = self.add("Vosges Matin")
        self.assert_exit(added, 0)
        self.assertIn(b"Connected to", added.stdout)
        self.assertIn(self.wordpress.user.encode(), added.stdout)

        listed = self.run_cli("site", "list")
        self.assert_exit(listed, 0)
        self.assertIn(b"Vosges Matin", listed.stdout)
        self.assertIn(self.wordpress.url.encode(), listed.stdout)

        [site] = self.sites()
        self.assertEqual(site["name"], "Vosges Matin")
        self.assertEqual(site["url"], self.wordpress.url)
        self.assertEqual(site["user"], self.wordpress.user)
        self.assertEqual(site["rest_root"], self.wordpress.url + "/wp-json/")
        self.assertIs(site["signature"], False)
        self.assertNotIn("password", json.dumps(site))
        self.assert_password_nowhere(password, added.stdout, added.stderr, listed.stdout)

    def test_wrong_password_saves_nothing(self):
        refused = self.add("Vosges Matin", password="abcd efgh ijkl mnop qrst uvwx")
        self.assert_exit(refused, 4)
        self.assertTrue(refused.stderr.startswith(b"feuillet-cli: "), refused.stderr)
        self.assertEqual(self.sites(), [])
        self.assert_password_nowhere("abcd efgh ijkl mnop qrst uvwx", refused.stdout, refused.stderr)

    def test_unreachable_saves_nothing(self):
        unreachable = self.add("Ailleurs", url=f"http://127.0.0.1:{closed_port()}")
        self.assert_exit(unreachable, 5)
        self.assertEqual(self.sites(), [])

    def test_duplicate_name(self):
        self.assert_exit(self.add("Vosges Matin"), 0)
        duplicate = self.add("vosges matin")
        self.assert_exit(duplicate, 1)
        self.assertIn("Vosges Matin".encode(), duplicate.stderr)
        self.assertEqual([site["name"] for site in self.sites()], ["Vosges Matin"])

    def test_password_from_stdin_needs_the_keyring(self):
        # No Secret Service here: the password cannot be kept, so the site is not saved.
        result = self.run_cli("site", "add", "Vosges Matin", "--url", self.wordpress.url,
                              "--user", self.wordpress.user, "--password-stdin",
                              stdin=(self.wordpress.application_password + "\n").encode())
        self.assert_exit(result, 1)
        self.assertIn(b"keyring", result.stderr)
        self.assertEqual(self.sites(), [])
        self.assert_password_nowhere(self.wordpress.application_password, result.stdout, result.stderr)

    def test_rename_remove(self):
        self.assert_exit(self.add("Vosges Matin"), 0)
        self.assert_exit(self.run_cli("site", "rename", "Vosges Matin", "Le Vosgien"), 0)
        self.assertEqual([site["name"] for site in self.sites()], ["Le Vosgien"])
        self.assert_exit(self.run_cli("site", "rename", "Vosges Matin", "Autre"), 1)

        self.assert_exit(self.run_cli("site", "remove", "le vosgien", password="unused"), 0)
        self.assertEqual(self.sites(), [])
        self.assert_exit(self.run_cli("site", "remove", "Le Vosgien", password="unused"), 1)

    def test_signature(self):
        """--signature at site add, then site signature NAME on|off; site list --json says
        which."""
        self.assert_exit(self.add("Vosges Matin", options=["--signature"]), 0)
        self.assert_exit(self.add("Le Vosgien"), 0)
        self.assertEqual({site["name"]: site["signature"] for site in self.sites()},
                         {"Vosges Matin": True, "Le Vosgien": False})

        off = self.run_cli("site", "signature", "vosges matin", "off")
        self.assert_exit(off, 0)
        self.assertIn(b"not signed", off.stdout)
        self.assert_exit(self.run_cli("site", "signature", "Le Vosgien", "on"), 0)
        self.assertEqual({site["name"]: site["signature"] for site in self.sites()},
                         {"Vosges Matin": False, "Le Vosgien": True})

        # A site that is not there, and a setting that is neither on nor off: nothing changes.
        self.assert_exit(self.run_cli("site", "signature", "Ailleurs", "on"), 1)
        self.assert_exit(self.run_cli("site", "signature", "Le Vosgien", "yes"), 2)
        self.assert_exit(self.run_cli("site", "signature", "Le Vosgien"), 2)
        self.assertEqual({site["name"]: site["signature"] for site in self.sites()},
                         {"Vosges Matin": False, "Le Vosgien": True})

    def test_signature_kept_when_renamed(self):
        self.assert_exit(self.add("Vosges Matin", options=["--signature"]), 0)
        self.assert_exit(self.run_cli("site", "rename", "Vosges Matin", "Le Vosgien"), 0)
        [site] = self.sites()
        self.assertEqual((site["name"], site["signature"]), ("Le Vosgien", True))


# Inside a D-Bus session of its own: an unlocked gnome-keyring, then the commands given.
KEYRING_SESSION = """
set -e
printf 'feuillet-test' | gnome-keyring-daemon --unlock --components=secrets > "$HOME/keyring.env"
eval "$(sed 's/^/export /' "$HOME/keyring.env")"
"$@"
"""


class KeyringTest(SitesTestCase):
    """The application password kept in the Secret Service, found there by the site's address
    and user, and gone with the site."""

    def in_keyring_session(self, script):
        home = os.path.join(self.tmp.name, "home")
        runtime = os.path.join(self.tmp.name, "runtime")
        os.makedirs(home, exist_ok=True)
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        env = dict(os.environ, HOME=home, XDG_RUNTIME_DIR=runtime, XDG_DATA_HOME=os.path.join(home, "data"),
                   LIBRARY=self.library, URL=self.wordpress.url, WP_USER=self.wordpress.user,
                   PASSWORD=self.wordpress.application_password, CLI=CLI)
        env.pop("FEUILLET_APP_PASSWORD", None)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        return subprocess.run(["dbus-run-session", "--", "bash", "-c", KEYRING_SESSION, "keyring", "bash", "-c", script],
                              capture_output=True, env=env, timeout=120)

    def test_password_in_secret_service(self):
        result = self.in_keyring_session("""
            printf '%s\n' "$PASSWORD" | "$CLI" --library "$LIBRARY" site add "Vosges Matin" \
                --url "$URL" --user "$WP_USER" --password-stdin
            echo "kept: $(secret-tool lookup url "$URL" user "$WP_USER")"
            "$CLI" --library "$LIBRARY" site remove "Vosges Matin"
            echo "after removal: $(secret-tool lookup url "$URL" user "$WP_USER" || true)"
        """)
        out = result.stdout.decode()
        self.assertEqual(result.returncode, 0, out + result.stderr.decode())
        self.assertIn("Connected to", out)
        self.assertIn(f"kept: {self.wordpress.application_password}\n", out)
        self.assertIn("after removal: \n", out)
        self.assert_password_nowhere(self.wordpress.application_password, out.split("kept:")[0].encode())


if __name__ == "__main__":
    unittest.main(verbosity=2)
