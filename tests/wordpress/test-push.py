#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli push against a real WordPress (DESIGN.md, invariant 4 and "feuillet-cli"): the
first push creates the post, later ones update the same post, a change made on the site since
the last push is a conflict (exit 3) and nothing is sent, a refused password is exit 4 and
nothing is recorded, an unreachable site exit 5 (the push is queued: test-outbox.py)."""

import base64
import html
import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.parse
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

    def test_french_sample_round_trip(self):
        """The newsroom's own article (tests/data/samples): what WordPress stores is exactly
        what was sent — title, chapeau as excerpt, block markup with the French typography —
        its tags are the article's, and the page WordPress renders shows the typography."""
        sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "samples",
                              "kazakhstan-vosges.md")
        self.rest_post("categories", {"name": "Economie"})
        result = self.run_cli("import", sample)
        self.assert_exit(result, 0)
        self.id = result.stdout.decode().strip()

        pushed = self.push()
        post = self.post(pushed["remote_id"])
        self.assertEqual(post["content"]["raw"], self.rendered())
        self.assertEqual(post["title"]["raw"], "Le Kazakhstan s’intéresse à l’industrie vosgienne")
        self.assertTrue(post["excerpt"]["raw"].startswith("Vendredi, l’ambassadeur du Kazakhstan"))
        # French typography was applied on the way: « with a no-break space inside, and the
        # digit groups and percentages as the desk sets them.
        self.assertIn("«\u00a0Les Vosges constituent", post["content"]["raw"])
        self.assertIn("Développer la coopération avec les PME-PMI innovantes</h2>", post["content"]["raw"])
        self.assertIn("«\u00a0Les Vosges constituent", html.unescape(post["content"]["rendered"]))
        tags = self.rest_get("tags", {"include": ",".join(map(str, post["tags"])), "per_page": 100})
        self.assertEqual(sorted(tag["name"] for tag in tags),
                         sorted(["Kazakhstan", "Vosges", "industrie", "coopération", "éco-matériaux"]))
        self.assertEqual(self.show()["remote"]["id"], pushed["remote_id"])

    def rest_get(self, route, query):
        url = f"{self.wordpress.url}/?rest_route=/wp/v2/{route}&" + urllib.parse.urlencode(query)
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        request = urllib.request.Request(url, headers={"Authorization": "Basic " + base64.b64encode(pair).decode()})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def rest_post(self, route, body):
        url = f"{self.wordpress.url}/?rest_route=/wp/v2/{route}"
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={
            "Authorization": "Basic " + base64.b64encode(pair).decode(), "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:
            if error.code == 400:  # term_exists: made by an earlier test
                return json.load(error)
            raise

    def test_permission_refused(self):
        """A contributor may not publish: WordPress refuses (403 rest_cannot_publish), the
        message quotes it, nothing is created on the site nor recorded in the library; the
        same contributor may still send a draft for review."""
        user = self.rest_post("users", {"username": "pigiste", "password": "Feuillet-pigiste-only",
                                        "email": "pigiste@example.invalid", "roles": ["contributor"]})
        if "id" not in user:  # made by an earlier run of this test in the same sandbox
            user = self.rest_get("users", {"search": "pigiste", "context": "edit"})[0]
        password = self.rest_post(f"users/{user['id']}/application-passwords", {"name": "Feuillet"})["password"]
        library = os.path.join(self.tmp.name, "pigiste.db")

        def cli(*args):
            env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS, FEUILLET_APP_PASSWORD=password)
            return subprocess.run([CLI, "--library", library, *args], capture_output=True, env=env, timeout=120)

        self.assert_exit(cli("site", "add", "vosges", "--url", self.wordpress.url, "--user", "pigiste"), 0)
        result = cli("new", "--title", "Le billet du pigiste", "--lang", "fr")
        self.assert_exit(result, 0)
        article = result.stdout.decode().strip()
        before = self.count_posts()

        refused = cli("push", article, "--as", "publish")
        self.assert_exit(refused, 1)
        self.assertIn("rest_cannot_publish", refused.stderr.decode())
        self.assertEqual(self.count_posts(), before)
        shown = json.loads(cli("show", article, "--json").stdout)
        self.assertIsNone(shown["remote"]["id"])

        pending = cli("push", article, "--as", "pending", "--json")
        self.assert_exit(pending, 0)
        self.assertEqual(self.post(json.loads(pending.stdout)["remote_id"])["status"], "pending")

    def test_several_at_once(self):
        """push ID ID ID: each article to its own post, as many pushes would, in one run (the
        writes batched); pushed again, the same posts are updated; an article that does not
        exist is an error of its own, the others still sent."""
        ids = [self.id]
        for title in ("Fête de la myrtille", "Marché de Noël"):
            result = self.run_cli("new", "--title", title, "--lang", "fr", "--tag", "Vosges")
            self.assert_exit(result, 0)
            ids.append(result.stdout.decode().strip())
        before = self.count_posts()

        result = self.run_cli("push", *ids, "--json")
        self.assert_exit(result, 0)
        answer = json.loads(result.stdout)
        self.assertEqual([str(a["id"]) for a in answer], ids)
        self.assertEqual({a["result"] for a in answer}, {"sent"})
        remote_ids = [a["remote_id"] for a in answer]
        self.assertEqual(len(set(remote_ids)), 3)
        self.assertEqual(self.count_posts(), before + 3)
        self.assertEqual(self.post(remote_ids[1])["title"]["raw"], "Fête de la myrtille")
        self.assertEqual(self.post(remote_ids[0])["content"]["raw"], self.rendered())

        again = self.run_cli("push", *ids, "999999", "--as", "pending", "--json")
        self.assert_exit(again, 1)
        answer = json.loads(again.stdout)
        self.assertEqual([a["result"] for a in answer], ["sent", "sent", "sent", "failed"])
        self.assertEqual([a["remote_id"] for a in answer[:3]], remote_ids)
        self.assertIn("999999", answer[3]["message"])
        self.assertEqual(self.count_posts(), before + 3)
        self.assertEqual({self.post(r)["status"] for r in remote_ids}, {"pending"})

    def test_usage(self):
        self.assert_exit(self.run_cli("push", self.id, "--as", "private"), 2)
        self.assert_exit(self.run_cli("push", self.id, "--site", "nowhere"), 1)
        self.assert_exit(self.run_cli("site", "add", "autre", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)
        self.assert_exit(self.run_cli("push", self.id), 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
