#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The history dialog driven as a person would, under Xvfb: Ctrl+H on the open article, the
arrow keys (End: the oldest version), Ctrl+R or the Restore button, Escape to leave; the
library checked with feuillet-cli.

Each test builds a history with feuillet-cli first (every edit from the command line is a
revision of its own), then opens the article through the search, which finds it whatever else
the library holds (a first start may add the welcome article)."""

import json
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feuillet_ui import SAMPLE, WindowTestCase  # noqa: E402

NEW_TITLE = "Le Kazakhstan regarde vers les Vosges"


class TestHistory(WindowTestCase):
    def show(self, article_id):
        return json.loads(self.cli("show", article_id, "--json"))

    def history(self, article_id):
        return json.loads(self.cli("history", article_id, "--json"))

    def make_history(self):
        """The sample imported (revision 1), its title and body rewritten (2), then marked
        ready (3). Returns the id and the article as imported."""
        article_id = self.cli("import", SAMPLE).split()[0]
        original = self.show(article_id)
        with tempfile.NamedTemporaryFile("w", suffix=".md", dir=self.tmp.name, delete=False) as f:
            f.write("Premier paragraphe reecrit.\n\n" + original["body"].split("\n\n", 1)[1][:400])
        self.cli("edit", article_id, "--title", NEW_TITLE, "--body-file", f.name)
        self.cli("edit", article_id, "--status", "ready")
        self.assertEqual([r["reason"] for r in self.history(article_id)], ["imported", "edit", "status"])
        return article_id, original

    def open_article(self):
        """Ctrl+F, a word of the title, Tab to the results, Enter opens the article."""
        self.settle()
        self.keys("ctrl+f")
        self.type("Kazakhstan")
        time.sleep(0.5)
        self.keys("Tab", "Return")
        self.settle()

    def open_history(self):
        self.keys("ctrl+h")
        self.settle()

    def test_restore_oldest(self):
        """Ctrl+H, End selects the oldest version, Ctrl+R restores it: the library has the
        imported text back, and the restore is a revision of its own."""
        article_id, original = self.make_history()
        self.start()
        self.open_article()
        self.open_history()
        self.keys("End")
        self.settle()
        self.keys("ctrl+r")

        self.wait_for(lambda: self.show(article_id)["title"] == original["title"],
                      "the oldest version coming back")
        restored = self.show(article_id)
        self.assertEqual(restored["body"], original["body"])
        self.assertEqual(restored["chapeau"], original["chapeau"])
        self.assertEqual(restored["status"], original["status"])
        reasons = [r["reason"] for r in self.history(article_id)]
        self.assertEqual(reasons, ["imported", "edit", "status", "restore"])

        # The window shows the restored text and does not save its old text over it.
        time.sleep(2.0)
        self.assertEqual(self.show(article_id)["body"], original["body"])
        self.assertEqual(len(self.history(article_id)), 4)
        self.assertIsNone(self.app.poll(), "the window quit")

    def test_escape_then_undo_restore(self):
        """Escape leaves without restoring anything; a restore is itself undone from the
        history: opened again, the dialog starts on the newest version that differs from the
        text of now (the one the restore replaced), and its Restore button brings it back."""
        article_id, original = self.make_history()
        self.start()
        self.open_article()

        self.open_history()
        self.keys("End", "Escape")
        self.settle()
        time.sleep(1.0)
        self.assertEqual(len(self.history(article_id)), 3)
        self.assertEqual(self.show(article_id)["title"], NEW_TITLE)

        self.open_history()
        self.keys("End")
        self.settle()
        self.keys("ctrl+r")
        self.wait_for(lambda: self.show(article_id)["title"] == original["title"],
                      "the oldest version coming back")
        self.settle()

        # This time with the button: from the list, Tab goes to the changes, then to it.
        self.open_history()
        self.keys("Tab", "Tab", "Return")
        self.wait_for(lambda: self.show(article_id)["title"] == NEW_TITLE, "the restore undone")
        undone = self.show(article_id)
        self.assertTrue(undone["body"].startswith("Premier paragraphe reecrit."), undone["body"])
        self.assertEqual(undone["status"], "ready")
        reasons = [r["reason"] for r in self.history(article_id)]
        self.assertEqual(reasons, ["imported", "edit", "status", "restore", "restore"])
        self.assertIsNone(self.app.poll(), "the window quit")


if __name__ == "__main__":
    unittest.main(verbosity=2)
