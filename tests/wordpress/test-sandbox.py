#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The WordPress the integration tests and `build-aux/dev wordpress` run: Debian's WordPress
with MariaDB and PHP on 127.0.0.1, checked the way Feuillet will talk to it (WORDPRESS.md):
the REST root announced in a Link header, application passwords available, the user known
with one, refused with a wrong one."""

import base64
import json
import os
import sys
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class SandboxTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def get(self, path, authorization=None):
        request = urllib.request.Request(self.wordpress.url + path)
        if authorization:
            request.add_header("Authorization", authorization)
        return urllib.request.urlopen(request, timeout=30)

    def test_rest_root_is_announced(self):
        with self.get("/") as response:
            link = response.headers.get("Link", "")
        self.assertIn(f'<{self.wordpress.url}/wp-json/>; rel="https://api.w.org/"', link)
        with self.get("/wp-json/") as response:
            root = json.load(response)
        self.assertIn("application-passwords", root["authentication"])
        self.assertIn("wp/v2", root["namespaces"])

    def test_application_password_signs_in(self):
        with self.get("/wp-json/wp/v2/users/me?context=edit",
                      basic(self.wordpress.user, self.wordpress.application_password)) as response:
            me = json.load(response)
        self.assertEqual(me["slug"], self.wordpress.user)
        self.assertIn("administrator", me["roles"])

    def test_wrong_password_is_refused(self):
        with self.assertRaises(urllib.error.HTTPError) as refused:
            self.get("/wp-json/wp/v2/users/me", basic(self.wordpress.user, "abcd efgh ijkl mnop qrst uvwx"))
        self.assertEqual(refused.exception.code, 401)
        # WORDPRESS.md: a wrong application password may also be ignored silently.
        self.assertIn(json.load(refused.exception)["code"], ("incorrect_password", "rest_not_logged_in"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
