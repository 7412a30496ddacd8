#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Sites page of the preferences and the "Add a Site" dialog, under Xvfb with real keys
and clicks, against a real WordPress sandbox; the library read with feuillet-cli site list,
the password looked up in a real Secret Service (gnome-keyring on the test's own bus).

Two ways to sign in: the application password pasted, and the browser. For the browser, the
test's stand-in browser records the address Feuillet asked it to open; the test then does
what a person does in a browser (signs in to WordPress, approves Feuillet: the page's script
creates the password through the REST API and goes to feuillet://authorized?…) and hands
that address to the running Feuillet as the desktop would: `feuillet ADDRESS`.

The clicks are at the places the dialog takes on the test's 1280x800 display (its window
fills 1100x720 from the corner). FEUILLET_SCREENSHOTS=DIR keeps screenshots of each step.
"""

import html
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wordpress"))
from feuillet_ui import CLI, FEUILLET, WindowTestCase  # noqa: E402
from wordpress_sandbox import WordPressSandbox  # noqa: E402

KEYRING_PASSWORD = b"feuillet-test"
WRONG_PASSWORD = "abcd efgh ijkl mnop qrst uvwx"

# Where things are, on the test's display.
SITES_TAB = (610, 115)
FIRST_SITE_ROW = (550, 256)
# Once it is open: its name, its signature switch, its remove button.
NAME_ROW = (550, 312)
SIGNATURE_ROW = (550, 366)
REMOVE_ROW = (550, 415)


WORDPRESS = None


def setUpModule():
    # One sandbox for both tests: each test has its own library, keyring and display.
    global WORDPRESS
    WORDPRESS = WordPressSandbox().start()


def tearDownModule():
    WORDPRESS.stop()


class SitesTestCase(WindowTestCase):
    @property
    def wordpress(self):
        return WORDPRESS

    def setUp(self):
        super().setUp()
        self.env.pop("FEUILLET_APP_PASSWORD", None)
        self.shots = os.environ.get("FEUILLET_SCREENSHOTS")

    def start(self):
        """The window, with an unlocked gnome-keyring on its session bus."""
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                                    stdout=subprocess.PIPE, env=self.env)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().decode().strip()
        self.addCleanup(self.bus.stdout.close)
        self.addCleanup(self.bus.wait)
        self.addCleanup(self.bus.terminate)
        keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=self.env)
        keyring.stdin.write(KEYRING_PASSWORD)
        keyring.stdin.close()
        self.addCleanup(keyring.wait)
        self.addCleanup(keyring.terminate)
        self.wait_for(lambda: subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
            capture_output=True, env=self.env).stdout.decode().strip().endswith("true"),
            "the keyring on the bus", timeout=10)

        self.app = subprocess.Popen([FEUILLET], env=self.env)
        self.wait_for(lambda: subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Feuillet"],
                                             capture_output=True, env=self.env).returncode == 0,
                      "the window", timeout=30)
        self.settle()

    # -- helpers --

    def click(self, x, y):
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=self.env, check=True)
        self.settle()

    def shot(self, name):
        if self.shots:
            subprocess.run(["import", "-window", "root", os.path.join(self.shots, name + ".png")],
                           env=self.env, check=True)

    def sites(self):
        return json.loads(self.cli("site", "list", "--json"))

    def keyring_password(self):
        found = subprocess.run(["secret-tool", "lookup", "url", self.wordpress.url, "user", self.wordpress.user],
                               capture_output=True, env=self.env, timeout=30)
        return found.stdout.decode()

    def open_sites_page(self):
        self.keys("ctrl+comma")
        self.settle()
        self.click(*SITES_TAB)

    def type_address(self):
        """The add dialog's first step: the address typed, the site's own name taken."""
        self.keys("alt+a")
        self.settle()
        self.type(self.wordpress.url)
        self.shot("add-address")
        self.keys("Return")
        time.sleep(1)
        self.settle()

    def assert_nothing_saved(self):
        self.assertEqual(self.sites(), [])
        self.assertEqual(self.keyring_password(), "")

    def library_bytes(self):
        data = b""
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.library + suffix):
                with open(self.library + suffix, "rb") as f:
                    data += f.read()
        return data


class PasteTest(SitesTestCase):
    def test_add_rename_sign_remove(self):
        """The application password pasted: a wrong one is refused and nothing is saved; the
        right one saves the site (library) and its password (keyring). Then renamed, signed
        and removed from the Sites page."""
        self.start()
        self.open_sites_page()
        self.shot("sites-empty")
        self.type_address()
        self.shot("add-sign-in")

        # (a) A wrong password: an error, nothing saved, still on the sign-in step.
        self.keys("alt+u")
        self.type(self.wordpress.user)
        self.keys("alt+w")
        self.type(WRONG_PASSWORD)
        self.keys("Return")
        time.sleep(2)
        self.settle()
        self.shot("add-wrong-password")
        self.assert_nothing_saved()

        # (b) The right one, in the same dialog.
        self.keys("alt+w", "ctrl+a")
        self.type(self.wordpress.application_password)
        self.keys("Return")
        self.wait_for(lambda: len(self.sites()) == 1, "the site in the library", timeout=20)
        [site] = self.sites()
        self.assertEqual(site["name"], "Vosges Matin (sandbox)")
        self.assertEqual(site["url"], self.wordpress.url)
        self.assertEqual(site["user"], self.wordpress.user)
        self.assertEqual(site["rest_root"], self.wordpress.url + "/wp-json/")
        self.assertIs(site["signature"], False)
        self.wait_for(lambda: self.keyring_password() == self.wordpress.application_password,
                      "the password in the keyring")
        self.assertNotIn(self.wordpress.application_password.encode(), self.library_bytes())
        self.settle()
        self.shot("sites-one")

        # (c) Opened, renamed: the name row, its text replaced, Enter.
        self.click(*FIRST_SITE_ROW)
        self.shot("site-open")
        self.click(*NAME_ROW)
        self.keys("ctrl+a")
        self.type("Le Vosgien")
        self.keys("Return")
        self.wait_for(lambda: [s["name"] for s in self.sites()] == ["Le Vosgien"], "the site renamed")

        # (d) A second site, added from the terminal, shows up; renaming the first to its
        # name is refused and changes nothing.
        added = subprocess.run([CLI, "--library", self.library, "site", "add", "Autre", "--url", self.wordpress.url,
                                "--user", self.wordpress.user],
                               env=dict(self.env, FEUILLET_APP_PASSWORD=self.wordpress.application_password),
                               capture_output=True, timeout=60)
        self.assertEqual(added.returncode, 0, added.stderr)
        time.sleep(1)
        self.settle()
        self.shot("sites-two")
        self.assertEqual(sorted(s["name"] for s in self.sites()), ["Autre", "Le Vosgien"])
        # Le Vosgien is second now, still open: its name row one row lower.
        self.click(NAME_ROW[0], NAME_ROW[1] + 55)
        self.keys("ctrl+a")
        self.type("autre")
        self.keys("Return")
        time.sleep(1)
        self.settle()
        self.shot("site-name-taken")
        self.assertEqual(sorted(s["name"] for s in self.sites()), ["Autre", "Le Vosgien"])
        self.cli("site", "remove", "Autre")  # the keyring keeps the password Le Vosgien uses
        time.sleep(1)
        self.settle()
        self.assertEqual(self.keyring_password(), self.wordpress.application_password)

        # (e) Signed: the switch row under the name.
        self.click(*SIGNATURE_ROW)
        self.wait_for(lambda: self.sites()[0]["signature"] is True, "the signature on")
        self.shot("site-signed")
        self.click(*SIGNATURE_ROW)
        self.wait_for(lambda: self.sites()[0]["signature"] is False, "the signature off")
        self.click(*SIGNATURE_ROW)
        self.wait_for(lambda: self.sites()[0]["signature"] is True, "the signature on again")

        # (f) Removed, once confirmed: the site and its password.
        self.click(*REMOVE_ROW)
        self.shot("site-remove-confirm")
        self.assertEqual(len(self.sites()), 1, "removed before the confirmation")
        self.keys("Tab", "Return")
        self.wait_for(lambda: self.sites() == [], "the site removed")
        self.wait_for(lambda: self.keyring_password() == "", "the password gone from the keyring")
        self.settle()
        self.shot("sites-empty-again")
        self.assertIsNone(self.app.poll(), "the window quit")


class BrowserTest(SitesTestCase):
    def setUp(self):
        super().setUp()
        # The stand-in browser: records the address it was asked to open.
        self.opened = os.path.join(self.tmp.name, "opened.txt")
        applications = os.path.join(self.tmp.name, ".local", "share", "applications")
        os.makedirs(applications)
        with open(os.path.join(applications, "test-browser.desktop"), "w") as f:
            f.write("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                    f"Exec=sh -c 'echo \"$1\" >> {self.opened}' sh %u\n"
                    "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n")
        with open(os.path.join(self.tmp.name, ".config", "mimeapps.list"), "w") as f:
            f.write("[Default Applications]\nx-scheme-handler/https=test-browser.desktop\n"
                    "x-scheme-handler/http=test-browser.desktop\n")

    def opened_urls(self):
        try:
            with open(self.opened) as f:
                return f.read().split()
        except FileNotFoundError:
            return []

    def hand_over(self, uri):
        """What the desktop does with a feuillet:// address: `feuillet ADDRESS`, which the
        running instance receives."""
        result = subprocess.run([FEUILLET, uri], env=self.env, capture_output=True, timeout=30)
        self.assertEqual(result.returncode, 0, result.stderr)
        # Not settle(): the waiting page's spinner keeps the window busy.
        time.sleep(1.5)

    def approve_in_browser(self, authorize_url):
        """A person in a browser: signs in to WordPress, opens the page Feuillet opened and
        approves; the page's script (wp-admin/js/auth-app.js) creates the password through the
        REST API and goes to the success address with it. Returns that address."""
        cookies = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        cookies.set_cookie(http.cookiejar.Cookie(
            0, "wordpress_test_cookie", "WP Cookie check", None, False, "127.0.0.1", False, False, "/", True,
            False, None, False, None, None, {}))
        login = urllib.parse.urlencode({"log": self.wordpress.user, "pwd": self.wordpress.password,
                                        "wp-submit": "Log In", "testcookie": "1",
                                        "redirect_to": self.wordpress.url + "/wp-admin/"}).encode()
        with browser.open(self.wordpress.url + "/wp-login.php", data=login, timeout=60) as response:
            self.assertIn("/wp-admin/", response.url)

        with browser.open(authorize_url, timeout=60) as response:
            page = response.read().decode()
        auth_app = json.loads(re.search(r"var authApp = (\{.*?\});", page).group(1))
        api_settings = json.loads(re.search(r"var wpApiSettings = (\{.*?\});", page).group(1))
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize_url).query))
        self.assertEqual(query["app_name"], "Feuillet")

        # "Yes, I approve of this connection".
        request = urllib.request.Request(
            api_settings["root"] + "wp/v2/users/me/application-passwords?_locale=user",
            data=json.dumps({"name": query["app_name"], "app_id": query["app_id"]}).encode(),
            headers={"Content-Type": "application/json", "X-WP-Nonce": api_settings["nonce"]}, method="POST")
        with browser.open(request, timeout=60) as response:
            created = json.loads(response.read())
        raw = auth_app["success"]
        return (raw + ("&" if "?" in raw else "?")
                + "site_url=" + urllib.parse.quote(auth_app["site_url"], safe="")
                + "&user_login=" + urllib.parse.quote(auth_app["user_login"], safe="")
                + "&password=" + urllib.parse.quote(created["password"], safe="")), created["password"]

    def test_sign_in_with_browser(self):
        self.start()
        self.open_sites_page()
        self.type_address()
        self.keys("alt+b")
        self.wait_for(lambda: len(self.opened_urls()) == 1, "the browser opened", timeout=10)
        time.sleep(1)
        self.shot("add-browser")
        [authorize_url] = self.opened_urls()
        self.assertTrue(authorize_url.startswith(self.wordpress.url + "/wp-admin/authorize-application.php?"),
                        authorize_url)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize_url).query))
        success = urllib.parse.urlsplit(query["success_url"])
        self.assertEqual((success.scheme, success.netloc), ("feuillet", "authorized"))
        state = dict(urllib.parse.parse_qsl(success.query))["state"]
        self.assertGreaterEqual(len(state), 32)
        self.assertEqual(query["reject_url"], "feuillet://rejected?state=" + state)

        callback, password = self.approve_in_browser(authorize_url)
        self.assertIn("state=" + state, callback)

        # A forged answer (another state, or none) is refused: nothing saved.
        self.hand_over(callback.replace("state=" + state, "state=" + "0" * len(state)))
        self.hand_over(callback.replace("state=" + state + "&", ""))
        # Nor can a page cancel the attempt with a refusal of its own.
        self.hand_over("feuillet://rejected?state=" + "0" * len(state))
        self.shot("add-browser-forged")
        self.assert_nothing_saved()
        self.assertIsNone(self.app.poll(), "the window quit")

        # The real one: the site is checked with it, then saved.
        self.hand_over(callback)
        self.wait_for(lambda: len(self.sites()) == 1, "the site in the library", timeout=20)
        [site] = self.sites()
        self.assertEqual((site["name"], site["url"], site["user"]),
                         ("Vosges Matin (sandbox)", self.wordpress.url, self.wordpress.user))
        self.wait_for(lambda: self.keyring_password() == password, "the new password in the keyring")
        self.settle()
        self.shot("sites-after-browser")

        # The same answer again, with no dialog waiting: ignored, and said in a toast.
        self.hand_over(callback)
        self.shot("answer-with-no-dialog")
        self.assertEqual(len(self.sites()), 1)
        self.assertIsNone(self.app.poll(), "the window quit")


if __name__ == "__main__":
    unittest.main(verbosity=2)
