#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli terms: the site's categories and tags, fetched (all pages) into the library,
then read from it without asking the site; --refresh fetches again; a site that cannot be
reached changes nothing kept."""

import base64
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"


class TermsTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()
        # More tags than one page of the list holds.
        cls.wordpress.sql(
            "INSERT INTO wp_terms (name, slug, term_group) "
            "SELECT CONCAT('Commune ', LPAD(seq, 3, '0')), CONCAT('commune-', LPAD(seq, 3, '0')), 0 "
            "FROM seq_1_to_120; "
            "INSERT INTO wp_term_taxonomy (term_id, taxonomy, description, parent, count) "
            "SELECT term_id, 'post_tag', '', 0, 0 FROM wp_terms WHERE slug LIKE 'commune-%'")

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-terms-")
        self.library = os.path.join(self.tmp.name, "library.db")
        self.assert_exit(self.run_cli("site", "add", "vosges", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                   FEUILLET_APP_PASSWORD=self.wordpress.application_password)
        return subprocess.run([CLI, "--library", self.library, *args], capture_output=True, env=env,
                              timeout=120)

    def assert_exit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")

    def rest(self, route, body):
        url = f"{self.wordpress.url}/?rest_route=/wp/v2/{route}"
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        headers = {"Authorization": "Basic " + base64.b64encode(pair).decode(),
                   "Content-Type": "application/json"}
        request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def terms(self, *args, code=0):
        result = self.run_cli("terms", "--json", *args)
        self.assert_exit(result, code)
        return json.loads(result.stdout) if code == 0 else result

    def test_fetched_once_then_from_the_library(self):
        category = self.rest("categories", {"name": "Société"})
        first = self.terms()
        self.assertEqual(first["site"], "vosges")
        categories = {term["name"]: term["id"] for term in first["categories"]}
        self.assertEqual(categories["Société"], category["id"])
        self.assertIn("Uncategorized", categories)
        names = [term["name"] for term in first["tags"]]
        # Every page: 120 tags, more than the 100 of one page.
        self.assertEqual(len([name for name in names if name.startswith("Commune ")]), 120)
        self.assertIn("Commune 120", names)
        self.assertEqual(names, sorted(names, key=str.casefold))

        # A tag the desk adds on the site: not in the library until it is fetched again.
        self.rest("tags", {"name": "Épinal"})
        cached = self.terms()
        self.assertNotIn("Épinal", [term["name"] for term in cached["tags"]])
        self.assertEqual(cached["fetched"], first["fetched"])
        refreshed = self.terms("--refresh")
        self.assertIn("Épinal", [term["name"] for term in refreshed["tags"]])

        # The text output lists them too.
        result = self.run_cli("terms")
        self.assert_exit(result, 0)
        self.assertIn("Société", result.stdout.decode())
        self.assertIn("Épinal", result.stdout.decode())

    def test_unreachable_site_keeps_the_library_as_it_was(self):
        self.terms()
        with sqlite3.connect(self.library) as db:
            before = db.execute("SELECT count(*) FROM site_terms").fetchone()[0]
        self.assertGreater(before, 120)
        self.wordpress.stop_server()
        try:
            result = self.terms("--refresh", code=5)
            self.assertIn(b"127.0.0.1", result.stderr)
        finally:
            self.wordpress.restart_server()
        with sqlite3.connect(self.library) as db:
            after = db.execute("SELECT count(*) FROM site_terms").fetchone()[0]
        self.assertEqual(after, before)

    def test_unknown_site(self):
        result = self.terms("--site", "ailleurs", code=1)
        self.assertIn("ailleurs", result.stderr.decode())


if __name__ == "__main__":
    unittest.main()
