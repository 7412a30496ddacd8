#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window driven as a person would: real key events under Xvfb (xdotool), then the
library checked with feuillet-cli."""

import json
import os
import re
import subprocess
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feuillet_ui import SAMPLE, WindowTestCase  # noqa: E402


class TestWriting(WindowTestCase):
    def test_new_article_survives_kill(self):
        """Ctrl+N, type title, chapeau and body, kill -9 one second later: all of it is in
        the library (DESIGN.md invariant 1)."""
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 1, "a new article")
        time.sleep(0.3)
        self.type("Gerardmer sous la neige")
        self.keys("Return")
        self.type("Premieres chutes sur les Hautes-Vosges.")
        self.keys("Return")
        self.type("Le froid est la, la station ouvre samedi.")
        time.sleep(1.0)
        self.app.send_signal(signal.SIGKILL)
        self.app.wait()

        (article,) = self.articles()
        shown = json.loads(self.cli("show", str(article["id"]), "--json"))
        self.assertEqual(shown["title"], "Gerardmer sous la neige")
        self.assertEqual(shown["chapeau"], "Premieres chutes sur les Hautes-Vosges.")
        self.assertEqual(shown["body"], "Le froid est la, la station ouvre samedi.")

    def test_formatting_shortcuts(self):
        """Ctrl+B, Ctrl+1 and Ctrl+Shift+Q write Markdown in the body; Ctrl+Z undoes one."""
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 1, "a new article")
        time.sleep(0.3)
        self.type("Formats")
        self.keys("Return")
        self.keys("Return")
        self.type("un mot gras")
        self.keys("shift+ctrl+Left", "ctrl+b", "End", "Return", "Return", "ctrl+1")
        self.type("Intertitre")
        self.keys("Return", "Return", "ctrl+shift+q")
        self.type("Citation")
        self.keys("Return", "Return", "ctrl+2", "ctrl+z")
        self.type("fin")
        article_id = str(self.articles()[0]["id"])
        expected = "un mot **gras**\n\n## Intertitre\n\n> Citation\n\nfin"
        self.wait_for(lambda: json.loads(self.cli("show", article_id, "--json"))["body"] == expected,
                      "the formatted body in the library")

    def test_close_flushes(self):
        """Typing then closing at once with Ctrl+Q: the last words are saved first."""
        self.cli("import", SAMPLE)
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 2, "a new article")
        time.sleep(0.3)
        self.type("Dernier mot")
        self.keys("ctrl+q")
        self.assertEqual(self.app.wait(timeout=10), 0)
        self.assertEqual(self.articles()[0]["title"], "Dernier mot")

    def test_reopens_last_article(self):
        """Started again, the window shows the article it was showing, title included (a short
        article once came back with an invisible title and chapeau)."""
        self.cli("new", "--title", "Court", "--chapeau", "Un chapeau", "--body-file", "-", stdin=b"Un corps.")
        self.start()
        self.keys("ctrl+f", "Tab")
        time.sleep(0.5)
        self.keys("Return")
        time.sleep(1)
        self.keys("ctrl+q")
        self.app.wait(timeout=10)
        self.start()
        time.sleep(1)
        # The title's place in the editor (the window sits at the display's corner).
        shot = os.path.join(self.tmp.name, "title.png")
        subprocess.run(["import", "-window", "root", "-crop", "400x40+330+70", shot], env=self.env, check=True)
        spread = subprocess.run(["convert", shot, "-format", "%[fx:standard_deviation]", "info:"],
                                capture_output=True, env=self.env, check=True).stdout.decode()
        self.assertGreater(float(spread), 0.05, "nothing is drawn where the title should be")

    def test_search_opens_article(self):
        """Ctrl+F, a word without its accents, Tab, Enter: the article that has it opens, and
        typing goes into it."""
        self.cli("import", SAMPLE)
        self.cli("new", "--title", "Conseil municipal", "--body-file", "-", stdin=b"Le budget est vote.")
        self.cli("new", "--title", "Gerardmer sous la neige")
        self.start()
        self.keys("ctrl+f")
        self.type("cooperation")
        time.sleep(1)
        self.keys("Tab")
        time.sleep(0.5)
        self.keys("Return")
        time.sleep(1)
        self.keys("ctrl+Home")
        self.type("EXCLUSIF ")
        kazakhstan = [a for a in self.articles() if a["title"].endswith("industrie vosgienne")]
        self.wait_for(lambda: any(a["title"].startswith("EXCLUSIF Le Kazakhstan") for a in self.articles()),
                      "the searched article being the one edited")
        self.assertEqual(len(kazakhstan), 1)
        self.assertIn("Conseil municipal", [a["title"] for a in self.articles()])

    def test_details_category_and_tags(self):
        """F9 shows the details; a category and two tags typed there are saved, the tag the
        library already knows under another case keeping its first spelling."""
        self.cli("new", "--title", "Ancien", "--tag", "Vosges")
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 2, "a new article")
        time.sleep(0.3)
        self.type("Avec des etiquettes")
        self.keys("F9")
        time.sleep(1.5)
        # The details panel's rows, at the window's right (the window sits at the corner).
        subprocess.run(["xdotool", "mousemove", "930", "89", "click", "1"], env=self.env, check=True)
        time.sleep(0.3)
        self.type("Sport")
        subprocess.run(["xdotool", "mousemove", "930", "558", "click", "1"], env=self.env, check=True)  # "Add a Tag"
        time.sleep(0.3)
        self.type("Remiremont, vosges")
        self.keys("Return")
        article_id = str(self.articles()[0]["id"])

        def saved():
            shown = json.loads(self.cli("show", article_id, "--json"))
            return shown["category"] == "Sport" and shown["tags"] == ["Remiremont", "Vosges"]

        self.wait_for(saved, "the category and tags in the library")

    def test_spell_check_underlines(self):
        """A word no dictionary knows is underlined in red in the body, once typed; the
        newsroom's own words (signes, feuillets) are not, even in English."""
        with open(os.path.join(self.tmp.name, ".config", "glib-2.0", "settings", "keyfile"), "a") as f:
            f.write("default-language='en'\n")
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 1, "a new article")
        time.sleep(0.3)
        self.type("Orthographe")
        self.keys("Return", "Return")
        self.type("Feuillet signes feuillets chapeau xqzwvkj ")
        time.sleep(1.5)

        def red_pixels(name, crop):
            shot = os.path.join(self.tmp.name, name)
            subprocess.run(["import", "-window", "root", "-crop", crop, shot], env=self.env, check=True)
            # Reddish pixels: the underline is thin and antialiased.
            fraction = subprocess.run(["convert", shot, "-fx", "(r>0.6 && g<0.6 && b<0.6) ? 1 : 0",
                                       "-format", "%[fx:mean]", "info:"],
                                      capture_output=True, env=self.env, check=True).stdout.decode()
            return float(fraction.split()[-1])

        # The body's first line, below the title and chapeau (the window at the corner).
        self.assertGreater(red_pixels("body.png", "700x60+320+150"), 0.0005, "no red underline in the body")
        # The first 33 characters, the newsroom's words, at about 9.6 px each.
        self.assertEqual(red_pixels("newsroom.png", "300x60+320+150"), 0.0, "a newsroom word is flagged")
        self.assertEqual(red_pixels("title.png", "700x50+320+65"), 0.0, "the title is not spell-checked")

    def open_long_article_at_its_end(self, paragraph):
        """A French article of 120 times PARAGRAPH, opened, the cursor at the end of its body
        (the window at the display's corner)."""
        body = os.path.join(self.tmp.name, "long.md")
        with open(body, "w") as f:
            f.write((paragraph + "\n\n") * 120)
        self.cli("new", "--title", "Long", "--lang", "fr", "--body-file", body)
        self.start()
        time.sleep(1.5)
        subprocess.run(["xdotool", "mousemove", "140", "120", "click", "1"], env=self.env, check=True)
        time.sleep(1)
        subprocess.run(["xdotool", "mousemove", "600", "400", "click", "1"], env=self.env, check=True)
        self.keys("ctrl+End")

    def red_underlines(self):
        """The spell-checker's red underlines in the editor's text area: their share of its
        pixels, and where the lowest is, from its top (0.0) to its foot (1.0), or None."""
        shot = os.path.join(self.tmp.name, "editor.png")
        subprocess.run(["import", "-window", "root", "-crop", "760x615+320+60", shot], env=self.env, check=True)
        # The red pixels' bounding box (%@: WIDTHxHEIGHT+X+Y) and their share of the image.
        box, mean = subprocess.run(["convert", shot, "-fx", "(r>0.6 && g<0.6 && b<0.6) ? 1 : 0",
                                    "-format", "%@ %[fx:mean]", "info:"],
                                   capture_output=True, env=self.env, check=True).stdout.decode().split()[-2:]
        if float(mean) == 0.0:
            return 0.0, None
        height, top = re.fullmatch(r"\d+x(\d+)\+\d+\+(\d+)", box).groups()
        return float(mean), (int(top) + int(height)) / 615

    def lowest_red_row(self):
        return self.red_underlines()[1]

    def test_cursor_stays_in_sight(self):
        """In a long article, Ctrl+End and typing keep the cursor in sight, and Ctrl+Home goes
        back up: the word typed at the end (underlined red, the only unknown word) shows, then
        scrolls away."""
        self.open_long_article_at_its_end("le conseil municipal a voté le budget des travaux de la route "
                                          "et de l'école pour la commune des Vosges, le maire a dit oui.")
        self.type(" xqzwvkj ")
        time.sleep(1.5)

        # The spell-checker reaches the end of a long text in a moment.
        self.wait_for(lambda: self.red_underlines()[0] > 0.00005, "the word typed at the end, underlined, in sight")
        self.keys("ctrl+Home")
        time.sleep(1)
        self.assertEqual(self.red_underlines()[0], 0.0, "Ctrl+Home left the view at the end")

    def test_writing_at_the_end_stays_in_the_upper_half(self):
        """Writing at the end of a long article, the line being written does not stick to the
        foot of the window: Ctrl+End shows the end in the middle, and when the new lines reach
        the foot, the text moves up to bring the line being written to the middle again."""
        self.open_long_article_at_its_end("le conseil municipal a voté le budget des travaux de la route.")

        self.type(" xqzwvkj ")
        self.wait_for(lambda: self.lowest_red_row() is not None, "the word typed at the end, underlined")
        self.assertLess(self.lowest_red_row(), 0.7, "Ctrl+End left the end of the text at the foot")

        # The word taken away again, then twenty new lines, more than the room left under it,
        # typed as a person types, and a word at their end.
        self.keys(*["BackSpace"] * len("xqzwvkj "))
        self.wait_for(lambda: self.lowest_red_row() is None, "the first word gone")
        subprocess.run(["xdotool", "key", "--delay", "150", *["Return", "o", "u", "i"] * 20], env=self.env, check=True)
        self.type(" zqxwvkj ")
        self.wait_for(lambda: self.lowest_red_row() is not None, "the last word typed, underlined, in sight")
        self.assertLess(self.lowest_red_row(), 0.7, "the line being written went down to the foot of the window")
        article = self.articles()[0]
        self.assertTrue(self.cli("show", str(article["id"])).rstrip().endswith("zqxwvkj"))

    def test_article_list_width(self):
        """The article list has the width kept in the settings; the preferences' "+" widens it
        at once, and the new width is kept."""
        keyfile = os.path.join(self.tmp.name, ".config", "glib-2.0", "settings", "keyfile")
        with open(keyfile, "a") as f:
            f.write("sidebar-width=260\n")
        self.start()
        time.sleep(1.5)

        def pixel(x, y):
            shot = os.path.join(self.tmp.name, "width.png")
            subprocess.run(["import", "-window", "root", shot], env=self.env, check=True)
            return subprocess.run(["convert", shot, "-format", f"%[pixel:p{{{x},{y}}}]", "info:"],
                                  capture_output=True, env=self.env, check=True).stdout.decode()

        # Below the list's rows, the sidebar's background; the editor's margin is lighter.
        sidebar = pixel(20, 650)
        self.assertEqual(pixel(250, 650), sidebar, "the list is narrower than 260 px")
        self.assertNotEqual(pixel(272, 650), sidebar, "the list is wider than 260 px")
        self.keys("ctrl+comma")
        time.sleep(1.5)
        # The "+" of the Article List Width row (the window at the display's corner).
        subprocess.run(["xdotool", "mousemove", "784", "467", "click", "1"], env=self.env, check=True)
        time.sleep(0.5)
        self.keys("Escape")
        time.sleep(1)
        self.assertEqual(pixel(272, 650), sidebar, "the list did not widen")

        def kept():
            with open(keyfile) as f:
                return "sidebar-width=280" in f.read()

        self.wait_for(kept, "the new width in the settings")

    def test_restore_from_trash(self):
        """Ctrl+Shift+F opens the filters; their trash button lists the trash; choosing an
        article there brings it back."""
        self.cli("import", SAMPLE)
        article_id = str(self.articles()[0]["id"])
        self.cli("delete", article_id)
        self.start()
        # The filters' popover, then the last control in it: the trash (its mnemonic).
        self.keys("ctrl+shift+f")
        time.sleep(0.7)
        self.keys("alt+t")
        time.sleep(0.5)
        self.keys("Escape")
        time.sleep(1)
        self.keys("ctrl+f", "Tab")
        time.sleep(0.5)
        self.keys("Return")
        self.wait_for(lambda: len(self.articles()) == 1, "the article coming back from the trash")
        self.assertEqual(json.loads(self.cli("list", "--trash", "--json")), [])

    def test_changes_from_cli_show(self):
        """feuillet-cli changes the open article: the window shows it within 2 s, and typing
        then goes on from the new text."""
        self.cli("import", SAMPLE)
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 2, "a new article")
        time.sleep(0.3)
        self.type("Titre")
        time.sleep(1.5)
        article_id = str(self.articles()[0]["id"])
        self.cli("edit", article_id, "--title", "Titre du desk")
        time.sleep(2.0)
        # The cursor stayed at the end of "Titre": what follows lands after the desk's text.
        self.keys("End")
        self.type(" corrige")
        self.wait_for(lambda: json.loads(self.cli("show", article_id, "--json"))["title"]
                      == "Titre du desk corrige", "the window saving over the desk's title")

    def test_trash_from_list(self):
        """Delete in the article list sends the selected article to the trash."""
        self.cli("import", SAMPLE)
        self.start()
        self.keys("ctrl+n")
        self.wait_for(lambda: len(self.articles()) == 2, "a new article")
        time.sleep(0.3)
        self.type("A jeter")
        self.keys("ctrl+f", "Tab", "Delete")
        self.wait_for(lambda: len(self.articles()) == 1, "the article going to the trash")
        trash = json.loads(self.cli("list", "--trash", "--json"))
        self.assertEqual([a["title"] for a in trash], ["A jeter"])

        # Undo, from the keyboard, while the toast shows.
        self.keys("ctrl+z")
        self.wait_for(lambda: len(self.articles()) == 2, "the article coming back with Ctrl+Z")
        self.assertEqual(json.loads(self.cli("list", "--trash", "--json")), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
