#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The live preview, driven with real key events under Xvfb: it shows what is typed, runs no
script from the article, fetches nothing from the network, and sends links to the browser.

The window writes the page's title, address and text to a file after each update of the
preview (FEUILLET_DUMP_PREVIEW), which is how these tests read it."""

import http.server
import json
import os
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feuillet_ui import WindowTestCase  # noqa: E402

HOSTILE_BODY = """Premier paragraphe du texte.

<script>document.title = 'pwned'; document.body.textContent = 'pwned by script';</script>

<img src="missing.png" onerror="document.body.textContent = 'pwned by onerror'">

<p onclick="document.title = 'pwned'">Un paragraphe en HTML.</p>

Dernier paragraphe."""


class Recorder(http.server.BaseHTTPRequestHandler):
    """A web server on loopback that only counts what is asked of it."""
    requests = []

    def do_GET(self):
        Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


class PreviewTestCase(WindowTestCase):
    # Wide enough for the text and the preview side by side (the display is 1280 px wide).
    width = 1280

    def setUp(self):
        super().setUp()
        self.settings(window_width=self.width, window_height=780, sidebar_width=220,
                      preview_visible="false")
        self.dump = os.path.join(self.tmp.name, "preview.txt")
        self.env["FEUILLET_DUMP_PREVIEW"] = self.dump

    def start(self):
        # WebKit's web process inherits G_DEBUG, and warns when it finds no accessibility bus
        # (there is none under Xvfb): warnings are not fatal here. Instead the window's own
        # messages are read from its stderr, and a warning of its own fails the test.
        self.env["G_DEBUG"] = "gc-friendly,fatal-criticals"
        self.log = os.path.join(self.tmp.name, "stderr.txt")
        # In the test's folder, where "Print to File" writes by default.
        cwd = os.getcwd()
        os.chdir(self.tmp.name)
        saved = os.dup(2)
        with open(self.log, "ab") as log:
            os.dup2(log.fileno(), 2)
        try:
            super().start()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.chdir(cwd)

    def tearDown(self):
        try:
            if self.app is not None:
                with open(self.log, errors="replace") as f:
                    log = f.read()
                own = [line for line in log.splitlines()
                       if "(feuillet:" in line and ("WARNING" in line or "CRITICAL" in line)]
                self.assertEqual(own, [], log)
        finally:
            super().tearDown()

    def click(self, x, y):
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=self.env,
                       check=True)

    def wait_preview(self, predicate, what, timeout=10):
        try:
            self.wait_for(lambda: predicate(self.preview()), what, timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}; the preview shows:\n{self.preview()}") from None

    def settings(self, **keys):
        keyfile = os.path.join(self.tmp.name, ".config", "glib-2.0", "settings", "keyfile")
        with open(keyfile, "a") as f:
            for key, value in keys.items():
                f.write(f"{key.replace('_', '-')}={value}\n")

    def preview(self):
        """The page as the preview last showed it: title, address, then the text."""
        try:
            with open(self.dump, encoding="utf-8") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def open_only_article(self):
        self.start()
        self.settle()
        self.keys("ctrl+f", "Tab")
        time.sleep(0.5)
        self.keys("Return")
        time.sleep(1)
        self.settle()

    def show_preview(self, expected):
        self.keys("ctrl+shift+p")
        self.wait_preview(lambda text: expected in text, f"“{expected}” in the preview",
                          timeout=20)

    def go_to_body_end(self):
        # The title has the focus once an article opens; Enter moves on to the chapeau, then
        # to the body.
        self.keys("Return", "Return", "ctrl+End")
        time.sleep(0.3)


class TestPreview(PreviewTestCase):
    def test_typing_shows_and_no_script_runs(self):
        """Ctrl+Shift+P shows the preview beside the text; words typed in the body appear in
        it; the article's scripts, inline or in event handlers, never run."""
        self.cli("new", "--title", "Essai du rendu", "--chapeau", "Un chapeau",
                 "--category", "Vosges", "--tag", "Remiremont", "--body-file", "-",
                 stdin=HOSTILE_BODY.encode())
        self.open_only_article()
        self.show_preview("Premier paragraphe du texte.")
        self.go_to_body_end()
        self.type(" Ajout tape au clavier")
        self.wait_preview(lambda text: "Dernier paragraphe. Ajout tape au clavier" in text,
                      "the typed words in the preview")
        self.keys("Return", "Return")
        self.type("Nouveau paragraphe")
        self.wait_preview(lambda text: "Nouveau paragraphe" in text,
                          "a new paragraph in the preview")

        title, address, text = self.preview().split("\n", 2)
        self.assertEqual(title, "Essai du rendu")
        self.assertEqual(address, "file:///")
        self.assertNotIn("pwned", self.preview())
        for shown in ("VOSGES", "Un chapeau", "Un paragraphe en HTML.", "Remiremont"):
            self.assertIn(shown, text)
        # Blocks before the one edited are still there, in order.
        self.assertLess(text.index("Premier paragraphe"), text.index("Un paragraphe en HTML."))
        self.assertLess(text.index("Un paragraphe en HTML."), text.index("Nouveau paragraphe"))

    def test_title_and_chapeau_follow(self):
        """The title and the chapeau typed in the editor show in the preview as they are
        typed, with the article's typography."""
        self.cli("new", "--title", "Titre", "--lang", "fr", "--body-file", "-", stdin=b"Le corps.")
        self.open_only_article()
        self.show_preview("Le corps.")
        self.keys("End")
        self.type(" : suite")
        # French typography: a no-break space before the colon.
        self.wait_preview(lambda text: text.startswith("Titre\u00a0: suite\n"),
                          "the new title in the preview")
        self.keys("Return")
        self.type("Chapeau neuf")
        self.wait_preview(lambda text: "Chapeau neuf" in text, "the chapeau in the preview")

    def test_nothing_from_the_network(self):
        """Images, frames and stylesheets the article points at on the web are not fetched:
        a server on loopback sees no request."""
        server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        article = os.path.join(self.tmp.name, "web.md")
        with open(article, "w") as f:
            f.write(f"---\ntitle: Sur le web\nfeatured_image: {base}/featured.jpg\n---\n\n"
                    f"Avant les images.\n\n![Une image]({base}/image.jpg)\n\n"
                    f"<iframe src=\"{base}/frame.html\"></iframe>\n\n"
                    f"<link rel=\"stylesheet\" href=\"{base}/style.css\">\n\n"
                    f"<div style=\"background: url('{base}/background.png')\">Fond</div>\n\n"
                    "Apres les images.\n")
        self.cli("import", article)
        self.open_only_article()
        self.show_preview("Apres les images.")
        self.go_to_body_end()
        self.type(" Fin.")
        self.wait_preview(lambda text: "Apres les images. Fin." in text,
                          "the typed words in the preview")
        time.sleep(1)
        self.assertEqual(Recorder.requests, [])

    def test_links_open_in_the_browser(self):
        """A click on a link in the preview opens it in the user's browser; the preview stays
        on the article."""
        opened = os.path.join(self.tmp.name, "opened.txt")
        applications = os.path.join(self.tmp.name, ".local", "share", "applications")
        os.makedirs(applications)
        with open(os.path.join(applications, "test-browser.desktop"), "w") as f:
            f.write("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                    f"Exec=sh -c 'echo \"$1\" >> {opened}' sh %u\n"
                    "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n")
        with open(os.path.join(self.tmp.name, ".config", "mimeapps.list"), "w") as f:
            f.write("[Default Applications]\nx-scheme-handler/https=test-browser.desktop\n"
                    "x-scheme-handler/http=test-browser.desktop\n")
        # A link as tall as the page, so that a click anywhere below the title lands on it.
        body = ("Avant le lien.\n\n"
                "<a href=\"https://example.org/feuillet-lien\""
                " style=\"display: block; height: 3000px\">Le lien</a>\n\n"
                "Apres le lien.")
        self.cli("new", "--title", "Lien", "--body-file", "-", stdin=body.encode())
        self.open_only_article()
        self.show_preview("Apres le lien.")
        # The preview is the right half of the window, at the display's corner.
        self.click(1000, 650)

        def opened_urls():
            try:
                with open(opened) as f:
                    return f.read().split()
            except FileNotFoundError:
                return []

        self.wait_for(lambda: opened_urls() == ["https://example.org/feuillet-lien"],
                      "the link opened outside")
        # Still the article: the next update finds the same page.
        self.click(400, 400)
        self.keys("ctrl+End")
        self.type(" Fin")
        self.wait_preview(lambda text: "Apres le lien. Fin" in text,
                          "the typed words in the preview")
        self.assertEqual(self.preview().split("\n")[:2], ["Lien", "file:///"])

    def test_print_to_pdf(self):
        """Ctrl+P prints the preview, shown or not, through GTK's print dialog: "Print to
        File" makes the PDF proof."""
        self.cli("new", "--title", "Epreuve", "--body-file", "-", stdin=b"Le texte a imprimer.")
        self.open_only_article()
        self.keys("ctrl+p")
        time.sleep(3)
        self.settle()
        # The dialog at the display's corner: "Print to File", then Print.
        self.click(85, 95)
        time.sleep(0.5)
        self.click(603, 477)
        proof = os.path.join(self.tmp.name, "output.pdf")

        def printed():
            try:
                with open(proof, "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                return False
            return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")

        self.wait_for(printed, "the PDF proof", timeout=20)
        # The preview's serif, not a blank page.
        with open(proof, "rb") as f:
            self.assertIn(b"Serif", f.read())

    def test_export_html_and_markdown(self):
        """The article menu exports the article as it is written, saved or not: a web page
        with its stylesheet inside, and Markdown that imports again."""
        self.cli("new", "--title", "Export", "--category", "Vosges", "--body-file", "-",
                 stdin=b"Le texte.")
        self.open_only_article()
        self.go_to_body_end()
        self.type(" Ajout")
        for item, name in ((188, "export.html"), (220, "export.md")):
            # The article menu, then its item (the window at the display's corner).
            self.click(1058, 27)
            time.sleep(1)
            self.click(1040, item)
            time.sleep(2)
            self.settle()
            # The file dialog's name, typed over the one it proposes.
            self.keys("ctrl+a")
            self.type(os.path.join(self.tmp.name, name))
            self.keys("Return")
            path = os.path.join(self.tmp.name, name)
            self.wait_for(lambda: os.path.exists(path), f"{name} written")
            time.sleep(1)

        with open(os.path.join(self.tmp.name, "export.html"), encoding="utf-8") as f:
            page = f.read()
        self.assertIn("<style>", page)
        self.assertNotIn("<link", page)
        self.assertNotIn("<script", page)
        self.assertIn("Le texte. Ajout", page)
        self.assertIn("Vosges", page)
        self.cli("import", os.path.join(self.tmp.name, "export.md"))
        imported = [a for a in self.articles() if a["title"] == "Export"]
        self.assertEqual(len(imported), 2)


class TestNarrowPreview(PreviewTestCase):
    # Too narrow for both: the text and the preview take turns.
    width = 1000

    def test_preview_takes_turns_with_the_text(self):
        """Narrow, Ctrl+Shift+P shows the preview in the text's place, and again brings the
        text back, the caret where it was."""
        self.cli("new", "--title", "Etroit", "--body-file", "-", stdin=b"Un texte court.")
        self.open_only_article()
        self.go_to_body_end()
        self.show_preview("Un texte court.")
        self.keys("ctrl+shift+p")
        time.sleep(0.5)
        self.type(" Suite")
        article_id = str(self.articles()[0]["id"])
        self.wait_for(lambda: json.loads(self.cli("show", article_id, "--json"))["body"]
                      == "Un texte court. Suite", "the words typed after the preview in the body")


if __name__ == "__main__":
    unittest.main(verbosity=2)
