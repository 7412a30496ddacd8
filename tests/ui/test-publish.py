#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Publishing from the window against a real WordPress: an article typed in the window goes
to the site as a draft (Ctrl+Shift+S), then Publish Now (Ctrl+Shift+Return, confirmed) makes
the same post public; a post changed on the site meanwhile brings the conflict dialog, and
Overwrite Anyway puts the journalist's version on the site. Checked through the site's own
REST API, with the application password."""

import base64
import datetime
import json
import os
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "wordpress"))
from feuillet_ui import CLI, WindowTestCase  # noqa: E402
from wordpress_sandbox import WordPressSandbox  # noqa: E402

NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"
SCREENSHOTS = os.environ.get("FEUILLET_SCREENSHOTS")

TITLE = "Gerardmer sous la neige"
CHAPEAU = "Premieres chutes sur les Hautes-Vosges."
BODY = "Le froid est la, la station ouvre samedi."


class TestPublish(WindowTestCase):
    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        super().setUp()
        # The password for this run only: the keyring is neither read nor written.
        self.env["FEUILLET_APP_PASSWORD"] = self.wordpress.application_password
        self.env["DBUS_SESSION_BUS_ADDRESS"] = NO_BUS
        self.existing = set()
        self.existing = {p["id"] for p in self.posts()}

    # -- the site, through its REST API --

    def rest(self, method, route, body=None):
        credentials = f"{self.wordpress.user}:{self.wordpress.application_password}"
        request = urllib.request.Request(
            f"{self.wordpress.url}/?rest_route=/{route}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def posts(self):
        """The site's posts, but for those it had before the test (WordPress's "Hello world!")."""
        posts = self.rest("GET", "wp/v2/posts&context=edit&status=draft,pending,future,publish,private&per_page=100")
        return [p for p in posts if p["id"] not in self.existing]

    def post(self, post_id):
        return self.rest("GET", f"wp/v2/posts/{post_id}&context=edit")

    def wait_for_post(self, predicate, what, timeout=30):
        found = []

        def check():
            found[:] = [p for p in self.posts() if predicate(p)]
            return len(found) > 0
        self.wait_for(check, what, timeout=timeout)
        return found[0]

    def screenshot(self, name):
        """With FEUILLET_SCREENSHOTS=DIR, the screen as it is now, to look at."""
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            subprocess.run(["import", "-window", "root", os.path.join(SCREENSHOTS, name + ".png")],
                           env=self.env, check=False)

    # -- the window --

    def write_article(self):
        self.cli("site", "add", "vosges", "--url", self.wordpress.url, "--user", self.wordpress.user)
        self.start()
        self.settle()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 1, "a new article")
        self.settle()
        self.type(TITLE)
        self.keys("Return")
        self.type(CHAPEAU)
        self.keys("Return")
        self.type(BODY)
        (article,) = self.articles()
        return article["id"]

    def show(self, article_id):
        return json.loads(self.cli("show", str(article_id), "--json"))

    def publish_now(self):
        """Ctrl+Shift+Return asks first; Tab from the default response (Cancel) to Publish."""
        self.keys("ctrl+shift+Return")
        self.settle()
        self.screenshot("publish-confirmation")
        self.keys("Tab", "Return")

    def test_draft_then_publish(self):
        article_id = self.write_article()

        # (a) Send as Draft: one post, a draft, with the words typed in the window.
        self.settle()
        self.keys("ctrl+shift+s")
        post = self.wait_for_post(lambda p: p["title"]["raw"] == TITLE, "the draft on the site")
        self.assertEqual(post["status"], "draft")
        self.assertIn(BODY, post["content"]["raw"])
        self.assertIn(CHAPEAU, post["excerpt"]["raw"])
        self.wait_for(lambda: self.show(article_id)["remote"]["id"] == post["id"],
                      "the post recorded in the library")
        self.assertEqual(self.show(article_id)["remote"]["status"], "draft")
        self.settle()
        self.screenshot("publish-toast")

        # (b) The Publish menu opens from its button (Alt+P), as a user would find it.
        self.keys("alt+p")
        self.settle()
        self.screenshot("publish-menu")
        self.keys("Escape")
        self.settle()

        # (c) Publish Now, confirmed: the same post becomes public; no second post.
        self.publish_now()
        self.wait_for(lambda: self.post(post["id"])["status"] == "publish", "the post published", timeout=30)
        self.assertEqual(len(self.posts()), 1)
        self.wait_for(lambda: self.show(article_id)["remote"]["status"] == "publish",
                      "the published status recorded")
        self.assertIsNone(self.app.poll(), "the window quit")

    def test_outbox_goes_out_at_start(self):
        """A push kept in the outbox while the site was away (feuillet-cli, exit 5) goes out
        by itself when the window starts, with no one asking: the post is on the site and
        the article knows it."""
        self.cli("site", "add", "vosges", "--url", self.wordpress.url, "--user", self.wordpress.user)
        article_id = self.cli("new", "--title", "Sortie de la boite d'envoi").strip()
        self.wordpress.stop_server()
        try:
            queued = subprocess.run([CLI, "--library", self.library, "push", article_id], capture_output=True,
                                    env=self.env, timeout=60)
        finally:
            self.wordpress.restart_server()
        self.assertEqual(queued.returncode, 5, queued.stderr.decode())
        self.assertEqual(self.posts(), [])

        self.start()
        post = self.wait_for_post(lambda p: p["title"]["raw"] == "Sortie de la boite d’envoi",
                                  "the queued post on the site")
        self.assertEqual(post["status"], "draft")
        self.wait_for(lambda: self.show(article_id)["remote"]["id"] == post["id"],
                      "the post recorded in the library", timeout=10)
        self.assertEqual(len(self.posts()), 1)

    def test_site_categories_offered(self):
        """The details panel offers the site's categories (fetched into the library): the
        article's category, which the site does not have, is replaced by one chosen from the
        site's list, and the push then goes through with it."""
        for name in ("Faits divers", "Vie locale"):
            try:
                self.rest("POST", "wp/v2/categories", {"name": name})
            except urllib.error.HTTPError:
                pass  # made by an earlier test: term_exists
        self.cli("site", "add", "vosges", "--url", self.wordpress.url, "--user", self.wordpress.user)
        self.cli("terms", "--refresh")
        article_id = self.cli("new", "--title", "Le chien du facteur", "--category", "Chiens ecrases").strip()
        self.start()
        self.settle()
        subprocess.run(["xdotool", "mousemove", "100", "115", "click", "1"], env=self.env, check=True)
        self.settle()
        self.keys("F9")
        self.settle()
        # The list button at the end of the Category row (the window at the display's corner).
        subprocess.run(["xdotool", "mousemove", "1051", "89", "click", "1"], env=self.env, check=True)
        self.settle()
        self.screenshot("site-categories")
        self.keys("Return")  # the first of the site's categories, by name
        self.wait_for(lambda: self.show(article_id)["category"] == "Faits divers",
                      "the site's category chosen and saved")
        self.settle()
        self.keys("ctrl+shift+s")
        post = self.wait_for_post(lambda p: p["title"]["raw"] == "Le chien du facteur", "the post on the site")
        category = self.rest("GET", "wp/v2/categories&search=Faits")[0]
        self.assertEqual(post["categories"], [category["id"]])

    def test_choose_site(self):
        """With two sites, the menu lists them; the one chosen there is where the article goes
        (the first, epinal, would be taken otherwise)."""
        self.cli("site", "add", "epinal", "--url", self.wordpress.url, "--user", self.wordpress.user)
        article_id = self.write_article()
        self.settle()
        self.keys("alt+p")
        self.settle()
        self.screenshot("publish-menu-sites")
        self.keys("Down", "Down", "Down", "Down", "Down", "Return")  # the last item: vosges
        self.settle()
        self.keys("ctrl+shift+s")
        self.wait_for(lambda: self.show(article_id)["remote"]["site"] is not None,
                      "the post recorded in the library", timeout=30)
        self.assertEqual(self.show(article_id)["remote"]["site"], "vosges")

    def test_cancelled_confirmation_sends_nothing(self):
        """Publish Now answered with Escape: nothing goes to the site."""
        self.write_article()
        self.settle()
        self.keys("ctrl+shift+Return")
        self.settle()
        self.keys("Escape")
        time.sleep(2)
        self.assertEqual(self.posts(), [])

    def test_schedule(self):
        """Publish, Schedule…: the dialog offers tomorrow at 8:00 (local time); Schedule sends
        the post as future with that date."""
        self.write_article()
        self.settle()
        self.keys("alt+p")
        self.settle()
        self.keys("s")
        self.settle()
        self.screenshot("publish-schedule")
        self.keys("alt+s")
        post = self.wait_for_post(lambda p: p["title"]["raw"] == TITLE, "the scheduled post")
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        expected = datetime.datetime(tomorrow.year, tomorrow.month, tomorrow.day, 8, 0).astimezone()
        self.assertEqual(post["status"], "future")
        self.assertEqual(post["date_gmt"],
                         expected.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"))

    def make_conflict(self):
        """A draft sent from the window, changed on the site by an editor, then a sentence
        added in the window and pushed again: the conflict dialog is up. Returns the post."""
        article_id = self.write_article()
        self.settle()
        self.keys("ctrl+shift+s")
        post = self.wait_for_post(lambda p: p["title"]["raw"] == TITLE, "the draft on the site")
        self.wait_for(lambda: self.show(article_id)["remote"]["id"] == post["id"],
                      "the post recorded in the library")

        time.sleep(1.1)  # modified_gmt counts seconds
        self.rest("POST", f"wp/v2/posts/{post['id']}", {"content": "<p>Version du desk.</p>"})
        self.settle()
        self.keys("ctrl+End")
        self.type(" Les pistes rouvrent.")
        self.settle()
        self.keys("ctrl+shift+s")
        time.sleep(3)
        self.settle()
        self.screenshot("publish-conflict")
        # Nothing sent: the desk's version is still there.
        self.assertIn("Version du desk.", self.post(post["id"])["content"]["raw"])
        return post

    def test_conflict_overwrite(self):
        """Overwrite Anyway (Alt+O) puts the window's version on the site, same post."""
        post = self.make_conflict()
        self.keys("alt+o")
        self.wait_for(lambda: "Les pistes rouvrent." in self.post(post["id"])["content"]["raw"],
                      "the window's version on the site", timeout=30)
        self.assertNotIn("Version du desk.", self.post(post["id"])["content"]["raw"])
        self.assertEqual(len(self.posts()), 1)

    def test_conflict_save_copy(self):
        """Save Mine as a New Draft (Alt+S): the site's post stays as the editor left it; a
        second article in the library goes to the site as a new draft with the window's words."""
        post = self.make_conflict()
        self.keys("alt+s")
        copy = self.wait_for_post(lambda p: p["id"] != post["id"], "the copy on the site")
        self.assertEqual(copy["status"], "draft")
        self.assertIn("Les pistes rouvrent.", copy["content"]["raw"])
        self.assertIn("Version du desk.", self.post(post["id"])["content"]["raw"])
        self.assertEqual(len(self.posts()), 2)
        self.wait_for(lambda: len(self.articles()) == 2, "the copy in the library")


if __name__ == "__main__":
    unittest.main(verbosity=2)
