#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli push against a real WordPress (DESIGN.md, invariant 4 and "feuillet-cli"): the
first push creates the post, later ones update the same post, a change made on the site since
the last push is a conflict (exit 3) and nothing is sent, a refused password is exit 4 and
nothing is recorded, an unreachable site exit 5 (the push is queued: test-outbox.py)."""

import base64
import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"
NNBSP = "\u202f"
NBSP = "\u00a0"  # before a colon (feuillet-typography.c)

BODY = """Le conseil municipal a voté mardi soir.

## Un vote serré

« C'est une victoire », dit le maire.
"""


class PushTestCase(unittest.TestCase):
    """A sandbox for the class; for each test a library with the site and one article."""

    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-push-")
        self.library = os.path.join(self.tmp.name, "library.db")
        body = os.path.join(self.tmp.name, "body.md")
        with open(body, "w") as f:
            f.write(BODY)
        self.assert_exit(self.run_cli("site", "add", "vosges", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)
        result = self.run_cli("new", "--title", "Le maire a-t-il gagné ?", "--chapeau",
                              "Vote serré : la salle des fêtes sera rénovée.", "--lang", "fr",
                              "--body-file", body)
        self.assert_exit(result, 0)
        self.id = result.stdout.decode().strip()

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, password=None):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                   FEUILLET_APP_PASSWORD=password or self.wordpress.application_password)
        return subprocess.run([CLI, "--library", self.library, *args], capture_output=True, env=env,
                              timeout=120)

    def assert_exit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")

    def push(self, *args, code=0, password=None):
        result = self.run_cli("push", self.id, "--json", *args, password=password)
        self.assert_exit(result, code)
        return json.loads(result.stdout) if code == 0 else result

    def show(self):
        result = self.run_cli("show", self.id, "--json")
        self.assert_exit(result, 0)
        return json.loads(result.stdout)

    def rendered(self):
        result = self.run_cli("render", self.id, "--format", "blocks")
        self.assert_exit(result, 0)
        return result.stdout.decode()

    def post(self, remote_id):
        """The post as the REST API gives it to an editor."""
        url = f"{self.wordpress.url}/?rest_route=/wp/v2/posts/{remote_id}&context=edit"
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        request = urllib.request.Request(url, headers={
            "Authorization": "Basic " + base64.b64encode(pair).decode()})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def count_posts(self):
        return int(self.wordpress.sql(
            "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' "
            "AND post_status NOT IN ('auto-draft', 'inherit')").strip())

    # -- the tests --

    def test_draft_then_update_same_post(self):
        before = self.count_posts()
        pushed = self.push()
        self.assertEqual(pushed["status"], "draft")
        self.assertGreater(pushed["remote_id"], 0)
        self.assertEqual(self.count_posts(), before + 1)

        post = self.post(pushed["remote_id"])
        self.assertEqual(post["status"], "draft")
        self.assertEqual(post["title"]["raw"], f"Le maire a-t-il gagné{NNBSP}?")
        self.assertEqual(post["excerpt"]["raw"], f"Vote serré{NBSP}: la salle des fêtes sera rénovée.")
        self.assertEqual(post["content"]["raw"], self.rendered())
        self.assertIn("<!-- wp:heading -->", post["content"]["raw"])

        remote = self.show()["remote"]
        self.assertEqual(remote["site"], "vosges")
        self.assertEqual(remote["id"], pushed["remote_id"])
        self.assertEqual(remote["modified"], post["modified_gmt"])
        self.assertEqual(remote["status"], "draft")
        self.assertEqual(remote["link"], post["link"])

        # Recording the remote side is not an edit: no new revision.
        history = self.run_cli("history", self.id, "--json")
        self.assert_exit(history, 0)
        revisions = len(json.loads(history.stdout))

        self.assert_exit(self.run_cli("edit", self.id, "--title", "Le maire a gagné"), 0)
        again = self.push()
        self.assertEqual(again["remote_id"], pushed["remote_id"])
        self.assertEqual(self.count_posts(), before + 1)
        self.assertEqual(self.post(pushed["remote_id"])["title"]["raw"], "Le maire a gagné")

        history = self.run_cli("history", self.id, "--json")
        self.assertEqual(len(json.loads(history.stdout)), revisions + 1)

    def test_pending_then_publish(self):
        pushed = self.push("--as", "pending")
        self.assertEqual(self.post(pushed["remote_id"])["status"], "pending")
        published = self.push("--as", "publish")
        self.assertEqual(published["remote_id"], pushed["remote_id"])
        self.assertEqual(published["status"], "publish")
        post = self.post(pushed["remote_id"])
        self.assertEqual(post["status"], "publish")
        self.assertEqual(self.show()["remote"]["status"], "publish")

        # The human output is the post's link.
        result = self.run_cli("push", self.id, "--as", "publish")
        self.assert_exit(result, 0)
        self.assertEqual(result.stdout.decode().strip(), post["link"])

    def test_future(self):
        pushed = self.push("--as", "future", "--date", "2031-06-01T08:00:00+02:00")
        post = self.post(pushed["remote_id"])
        self.assertEqual(post["status"], "future")
        self.assertEqual(post["date_gmt"], "2031-06-01T06:00:00")
        self.assert_exit(self.run_cli("push", self.id, "--as", "future"), 2)

    def test_conflict_sends_nothing(self):
        pushed = self.push()
        remote_id = pushed["remote_id"]
        # The desk edits the post on the site.
        self.wordpress.sql(f"UPDATE wp_posts SET post_content = 'Corrigé par le secrétariat', "
                           f"post_modified_gmt = '2001-01-01 00:00:00' WHERE ID = {remote_id}")
        recorded = self.show()["remote"]

        self.assert_exit(self.run_cli("edit", self.id, "--title", "Nouvelle version"), 0)
        result = self.push(code=3)
        self.assertIn(str(remote_id), result.stderr.decode())

        post = self.post(remote_id)
        self.assertEqual(post["content"]["raw"], "Corrigé par le secrétariat")
        self.assertEqual(post["title"]["raw"], f"Le maire a-t-il gagné{NNBSP}?")
        self.assertEqual(self.show()["remote"], recorded)

    def test_same_second_change_is_a_conflict(self):
        pushed = self.push()
        remote_id = pushed["remote_id"]
        # The text changes but modified_gmt stays (edits within the same second).
        self.wordpress.sql(f"UPDATE wp_posts SET post_content = 'Autre texte' WHERE ID = {remote_id}")
        self.push(code=3)
        self.assertEqual(self.post(remote_id)["content"]["raw"], "Autre texte")

    def test_wrong_password_records_nothing(self):
        before = self.count_posts()
        result = self.push(code=4, password="xxxx xxxx xxxx xxxx xxxx xxxx")
        self.assertNotIn(b"xxxx", result.stdout + result.stderr)
        self.assertEqual(self.count_posts(), before)
        remote = self.show()["remote"]
        self.assertIsNone(remote["id"])
        self.assertIsNone(remote["site"])

    def test_unreachable(self):
        self.wordpress.stop_server()
        try:
            result = self.push(code=5)
            self.assertIn(b"queued", result.stderr)
            self.assertIn(b"feuillet-cli sync", result.stderr)
        finally:
            self.wordpress.restart_server()
        self.assertIsNone(self.show()["remote"]["id"])

    def test_usage(self):
        self.assert_exit(self.run_cli("push", self.id, "--as", "private"), 2)
        self.assert_exit(self.run_cli("push", self.id, "--site", "nowhere"), 1)
        self.assert_exit(self.run_cli("site", "add", "autre", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)
        self.assert_exit(self.run_cli("push", self.id), 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
