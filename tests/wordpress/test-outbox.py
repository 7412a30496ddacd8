#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The outbox against a real WordPress (DESIGN.md, "sync" and exit code 5): a push to a site
that cannot be reached is queued (exit 5) and nothing is sent; "feuillet-cli sync" sends it
once the site is back, exactly once, and removes the row; while the site is away, sync exits 5
and keeps the row; a second push of a queued article replaces its row."""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"
TITLE = "Outbox la fanfare défile sous la pluie"


class OutboxTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-outbox-")
        self.library = os.path.join(self.tmp.name, "library.db")
        self.assert_exit(self.run_cli("site", "add", "vosges", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)
        # One title per test: the sandbox's posts stay from one test to the next.
        self.title = f"{TITLE} {self._testMethodName.replace('_', ' ')}"
        result = self.run_cli("new", "--title", self.title, "--chapeau", "Le défilé a eu lieu.",
                              "--lang", "fr")
        self.assert_exit(result, 0)
        self.id = result.stdout.decode().strip()
        self.server_stopped = False

    def tearDown(self):
        if self.server_stopped:
            self.start_server()
        self.tmp.cleanup()

    def stop_server(self):
        self.wordpress.stop_server()
        self.server_stopped = True

    def start_server(self):
        self.wordpress.restart_server()
        self.server_stopped = False

    def run_cli(self, *args):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                   FEUILLET_APP_PASSWORD=self.wordpress.application_password)
        return subprocess.run([CLI, "--library", self.library, *args], capture_output=True, env=env,
                              timeout=120)

    def assert_exit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")

    def outbox(self):
        with sqlite3.connect(self.library) as db:
            return db.execute("SELECT article_id, site, action, status, state FROM outbox "
                              "ORDER BY rowid").fetchall()

    def posts(self):
        """The ids and statuses of the posts with the article's title."""
        rows = self.wordpress.sql(
            "SELECT ID, post_status FROM wp_posts WHERE post_type = 'post' "
            f"AND post_status NOT IN ('auto-draft', 'inherit') AND post_title = '{self.title}'").strip()
        return [tuple(line.split("\t")) for line in rows.splitlines()]

    def show(self):
        result = self.run_cli("show", self.id, "--json")
        self.assert_exit(result, 0)
        return json.loads(result.stdout)

    def test_queued_then_synced(self):
        self.stop_server()
        result = self.run_cli("push", self.id, "--as", "pending")
        self.assert_exit(result, 5)
        self.assertIn(b"queued", result.stdout + result.stderr)
        self.assertEqual(self.outbox(), [(int(self.id), "vosges", "create", "pending", "queued")])
        self.assertEqual(self.posts(), [])

        # Still away: sync keeps the row.
        result = self.run_cli("sync", "--json")
        self.assert_exit(result, 5)
        answer = json.loads(result.stdout)
        self.assertEqual([(a["id"], a["result"]) for a in answer], [(int(self.id), "unreachable")])
        self.assertEqual(self.outbox(), [(int(self.id), "vosges", "create", "pending", "queued")])
        self.assertEqual(self.posts(), [])

        self.start_server()
        result = self.run_cli("sync", "--json")
        self.assert_exit(result, 0)
        answer = json.loads(result.stdout)
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer[0]["result"], "sent")
        self.assertEqual(answer[0]["status"], "pending")
        posts = self.posts()
        self.assertEqual(len(posts), 1)
        self.assertEqual(posts[0][1], "pending")
        remote = self.show()["remote"]
        self.assertEqual(remote["id"], int(posts[0][0]))
        self.assertEqual(remote["id"], answer[0]["remote_id"])
        self.assertEqual(remote["site"], "vosges")
        self.assertEqual(self.outbox(), [])

        # Nothing left to do.
        result = self.run_cli("sync", "--json")
        self.assert_exit(result, 0)
        self.assertEqual(json.loads(result.stdout), [])
        result = self.run_cli("sync")
        self.assert_exit(result, 0)
        self.assertEqual(len(self.posts()), 1)

    def test_many_queued_go_out_in_batches(self):
        """Thirty pushes queued while the site was away go out in one sync: each post once,
        with its tags — new ones shared between articles, created once — through WordPress's
        /batch/v1 rather than one request each."""
        names = ["Fanfare", "Défilé", "Harmonie municipale", "Kiosque", "Majorettes"]
        ids = []
        self.stop_server()
        for i in range(30):
            tags = [arg for name in (names[i % 5], names[(i + 2) % 5]) for arg in ("--tag", name)]
            result = self.run_cli("new", "--title", f"{self.title} {i}", "--lang", "fr", *tags)
            self.assert_exit(result, 0)
            ids.append(int(result.stdout))
            self.assert_exit(self.run_cli("push", str(ids[-1])), 5)
        self.start_server()
        log = os.path.join(self.wordpress.directory, "php.log")
        offset = os.path.getsize(log)

        result = self.run_cli("sync", "--json")
        self.assert_exit(result, 0)
        answer = json.loads(result.stdout)
        # The first queued (the class's article of setUp was not pushed) to the last, all sent.
        self.assertEqual([a["id"] for a in answer], ids)
        self.assertEqual({a["result"] for a in answer}, {"sent"})
        self.assertEqual(len({a["remote_id"] for a in answer}), 30)
        self.assertEqual(self.outbox(), [])

        rows = self.wordpress.sql(
            "SELECT p.ID, GROUP_CONCAT(t.name ORDER BY t.name SEPARATOR '|') FROM wp_posts p "
            "JOIN wp_term_relationships r ON r.object_id = p.ID "
            "JOIN wp_term_taxonomy tt ON tt.term_taxonomy_id = r.term_taxonomy_id AND tt.taxonomy = 'post_tag' "
            "JOIN wp_terms t ON t.term_id = tt.term_id "
            f"WHERE p.post_type = 'post' AND p.post_title LIKE '{self.title} %' GROUP BY p.ID").strip().splitlines()
        self.assertEqual(len(rows), 30)
        by_remote = {int(line.split("\t")[0]): line.split("\t")[1] for line in rows}
        for i, a in enumerate(answer):
            self.assertEqual(by_remote[a["remote_id"]], "|".join(sorted({names[i % 5], names[(i + 2) % 5]})))
        for name in names:
            count = self.wordpress.sql(
                "SELECT COUNT(*) FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id "
                f"WHERE tt.taxonomy = 'post_tag' AND t.name = '{name}'").strip()
            self.assertEqual(count, "1", f"the tag {name} was made {count} times")

        with open(log, encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            requests = f.read()
        self.assertIn("batch/v1", requests)
        major, minor = (int(part) for part in self.wordpress.version.split(".")[:2])
        if (major, minor) >= (6, 0):
            self.assertLess(requests.count("/wp/v2/posts"), 5, "the posts did not go in batches")
        else:
            # WordPress 5.7 refuses posts and terms in a batch (rest_batch_not_allowed): they
            # went one by one, and all arrived.
            self.assertEqual(requests.count("/wp/v2/posts"), 30)

    def test_trashed_while_queued(self):
        """An article sent to the trash while its push waited is not published by the next
        sync, which takes the push out of the outbox and says so, once."""
        self.stop_server()
        self.assert_exit(self.run_cli("push", self.id), 5)
        self.assert_exit(self.run_cli("delete", self.id), 0)
        self.start_server()

        result = self.run_cli("sync")
        self.assert_exit(result, 1)
        self.assertIn(b"trash", result.stderr)
        self.assertEqual(self.outbox(), [])
        self.assertEqual(self.posts(), [])
        again = self.run_cli("sync")
        self.assert_exit(again, 0)
        self.assertIn(b"outbox is empty", again.stdout)

    def test_second_push_replaces_queued(self):
        self.stop_server()
        self.assert_exit(self.run_cli("push", self.id), 5)
        self.assert_exit(self.run_cli("push", self.id, "--as", "publish"), 5)
        self.assertEqual(self.outbox(), [(int(self.id), "vosges", "create", "publish", "queued")])
        self.start_server()
        result = self.run_cli("sync", "--site", "VOSGES")
        self.assert_exit(result, 0)
        self.assertIn(self.id.encode(), result.stdout)
        posts = self.posts()
        self.assertEqual(len(posts), 1)
        self.assertEqual(posts[0][1], "publish")
        self.assertEqual(self.outbox(), [])

    def test_queued_update(self):
        self.assert_exit(self.run_cli("push", self.id), 0)
        remote_id = self.show()["remote"]["id"]
        self.stop_server()
        self.assert_exit(self.run_cli("push", self.id, "--as", "publish"), 5)
        self.assertEqual(self.outbox(), [(int(self.id), "vosges", "update", "publish", "queued")])
        self.start_server()
        self.assert_exit(self.run_cli("sync"), 0)
        self.assertEqual(self.posts(), [(str(remote_id), "publish")])
        self.assertEqual(self.outbox(), [])

    def test_in_flight_create_keeps_fingerprint(self):
        # A create that went out and whose answer was lost, then the site went away.
        with sqlite3.connect(self.library) as db:
            db.execute("INSERT INTO outbox (article_id, site, action, status, state, sent, attempts, "
                       "marker, fingerprint) VALUES (?, 'vosges', 'create', 'draft', 'sending', "
                       "1700000000000000, 1, 'm', 'abc')", (int(self.id),))
        self.stop_server()
        self.assert_exit(self.run_cli("push", self.id, "--as", "pending"), 5)
        with sqlite3.connect(self.library) as db:
            self.assertEqual(db.execute("SELECT status, state, sent, fingerprint FROM outbox").fetchall(),
                             [("pending", "queued", 1700000000000000, "abc")])
        self.start_server()
        self.assert_exit(self.run_cli("sync"), 0)
        self.assertEqual(len(self.posts()), 1)
        self.assertEqual(self.outbox(), [])

    def test_sync_usage(self):
        self.assert_exit(self.run_cli("sync", "extra"), 2)
        self.assert_exit(self.run_cli("sync", "--site", "nowhere"), 1)
        result = self.run_cli("sync")
        self.assert_exit(result, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
