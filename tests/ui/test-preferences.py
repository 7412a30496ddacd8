#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first start, the preferences and the keyboard shortcuts, driven under Xvfb; the
library checked with feuillet-cli.

GSettings is the memory backend here (set below, whatever the harness chooses): every start
is a first start, and what the preferences write lives only as long as that one process, so a
test does everything in one run of the window. The test of first-run across two starts keeps
its settings in a keyfile instead.
"""

import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feuillet_ui import WindowTestCase  # noqa: E402

WELCOME_TITLE = "Welcome to Feuillet"  # the tests run in the C locale


class TestPreferences(WindowTestCase):
    def setUp(self):
        super().setUp()
        # Settings from the schema's defaults, first-run true among them.
        self.env["GSETTINGS_BACKEND"] = "memory"

    def show(self, article_id):
        return json.loads(self.cli("show", str(article_id), "--json"))

    def visible_window(self, name):
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name],
                               capture_output=True, env=self.env)
        return found.returncode == 0

    def test_first_run_then_byline(self):
        """A new library gets the welcome article at the first start; a byline typed in the
        preferences (Ctrl+comma, first row, Escape) is given to the next new article."""
        self.start()

        # (a) The welcome article, created once the library is open.
        self.wait_for(lambda: len(self.articles()) == 1, "the welcome article")
        (welcome,) = self.articles()
        self.assertEqual(welcome["title"], WELCOME_TITLE)
        before = self.show(welcome["id"])
        self.assertEqual(before["lang"], "en")
        self.assertEqual(before["category"], "Feuillet")
        self.assertEqual(before["status"], "idea")
        self.assertGreaterEqual(before["body"].count("\n## "), 1)
        self.assertTrue(before["body"].startswith("## "))
        self.assertTrue(1500 <= before["signes"] <= 2500, before["signes"])

        # (b) The preferences open with the byline row focused; every keystroke is saved.
        self.settle()
        self.keys("ctrl+comma")
        self.settle()
        self.type("Jeanne Martin, a Epinal")
        self.settle()
        self.keys("Escape")
        self.settle()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 2, "a new article")

        (new,) = [a for a in self.articles() if a["id"] != welcome["id"]]
        shown = self.show(new["id"])
        self.assertEqual(shown["byline"], "Jeanne Martin, a Epinal")
        self.assertEqual(shown["lang"], "fr")  # the schema's default-language
        # The keystrokes went to the dialog, not into the welcome article behind it.
        self.assertEqual(self.show(welcome["id"])["body"], before["body"])
        self.assertEqual(self.show(welcome["id"])["title"], WELCOME_TITLE)

        # The welcome article was made once in this run, not at every window or list reload.
        titles = [a["title"] for a in self.articles()]
        self.assertEqual(titles.count(WELCOME_TITLE), 1)

    def test_welcome_only_once(self):
        """The welcome article is made at the first start only: deleted, it does not come back
        at the next one (first-run is saved, here in a keyfile that outlives the process)."""
        config = os.path.join(self.tmp.name, "config")
        self.env["GSETTINGS_BACKEND"] = "keyfile"
        self.env["XDG_CONFIG_HOME"] = config
        self.start()
        self.wait_for(lambda: len(self.articles()) == 1, "the welcome article")
        self.settle()
        self.keys("ctrl+q")
        self.assertEqual(self.app.wait(timeout=10), 0)
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile")) as f:
            self.assertIn("first-run=false", f.read())

        (welcome,) = self.articles()
        self.cli("delete", str(welcome["id"]))
        self.start()
        self.settle()
        self.assertEqual(self.articles(), [])
        trash = json.loads(self.cli("list", "--trash", "--json"))
        self.assertEqual([a["title"] for a in trash], [WELCOME_TITLE])

    def test_keyboard_shortcuts(self):
        """Ctrl+? shows the keyboard shortcuts window (GtkApplication loads
        gtk/help-overlay.ui by itself); Escape closes it."""
        self.start()
        self.settle()
        self.keys("ctrl+question")
        self.wait_for(lambda: self.visible_window("^Keyboard Shortcuts$"),
                      "the keyboard shortcuts window")
        self.keys("Escape")
        self.wait_for(lambda: not self.visible_window("^Keyboard Shortcuts$"),
                      "the keyboard shortcuts window closing")
        self.assertIsNone(self.app.poll(), "the window quit")


if __name__ == "__main__":
    unittest.main(verbosity=2)
