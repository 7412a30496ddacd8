#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The block markup Feuillet sends, judged by WordPress's own block parser (Debian's wordpress
package, run with php): every test article, the newsroom's sample included, must parse into
named core blocks only, with no content left for a Classic (freeform) block. Also checks that
`feuillet-cli render` and `export` use the same renderer, and that the typography switch of an
article is obeyed."""

import glob
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
ARTICLES = sorted(glob.glob(os.path.join(SRCDIR, "data", "articles", "*.md")))
PARSER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parse-blocks.php")
WP_INCLUDES = os.environ.get("WP_INCLUDES", "/usr/share/wordpress/wp-includes")


class BlockMarkupTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-blocks-")
        self.library = os.path.join(self.tmp.name, "library.db")

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args):
        result = subprocess.run([CLI, "--library", self.library, *args],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, f"{args}: {result.stderr}")
        return result.stdout

    def parse(self, markup):
        result = subprocess.run(["php", PARSER, WP_INCLUDES], input=markup,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.splitlines()

    def test_articles_parse_into_core_blocks_only(self):
        self.assertGreaterEqual(len(ARTICLES), 5)
        for path in ARTICLES:
            with self.subTest(article=os.path.basename(path)):
                article_id = self.cli("import", path).strip()
                blocks = self.parse(self.cli("render", article_id, "--format", "blocks"))
                freeform = [line for line in blocks if "FREEFORM" in line]
                self.assertEqual(freeform, [], f"{path}: content outside blocks")
                for line in blocks:
                    self.assertTrue(line.strip().startswith("core/"), line)
                if not path.endswith("empty.md"):
                    self.assertTrue(blocks, f"{path}: no blocks")

    def test_sample_blocks(self):
        """The newsroom's article: its paragraphs and intertitres, in order."""
        path = os.path.join(SRCDIR, "data", "articles", "kazakhstan-vosges.md")
        article_id = self.cli("import", path).strip()
        blocks = [line.split(" ")[0] for line in
                  self.parse(self.cli("render", article_id, "--format", "blocks"))]
        self.assertIn("core/paragraph", blocks)
        self.assertIn("core/heading", blocks)
        html = self.cli("render", article_id, "--format", "html")
        # French typography: no straight apostrophe or quote left in the prose.
        self.assertNotIn("'", html)
        self.assertIn("\u2019", html)

    def test_every_kind_of_block(self):
        path = os.path.join(SRCDIR, "data", "articles", "features-fr.md")
        article_id = self.cli("import", path).strip()
        names = {line.strip().split(" ")[0] for line in
                 self.parse(self.cli("render", article_id, "--format", "blocks"))}
        self.assertEqual(names, {"core/paragraph", "core/heading", "core/quote", "core/list",
                                 "core/list-item", "core/image", "core/separator", "core/table",
                                 "core/code", "core/html"})

    def test_export_is_the_rendered_page(self):
        path = os.path.join(SRCDIR, "data", "articles", "english.md")
        article_id = self.cli("import", path).strip()
        page = self.cli("render", article_id, "--format", "page")
        exported = os.path.join(self.tmp.name, "out.html")
        self.cli("export", article_id, "--format", "html", "-o", exported)
        with open(exported, encoding="utf-8") as f:
            self.assertEqual(f.read(), page)
        self.assertIn("\u201cIt\u2019s done,\u201d", page)
        self.assertIn("<style>", page)

    def test_typography_switch(self):
        article_id = self.cli("new", "--title", "T", "--lang", "fr", "--typography", "off").strip()
        body = os.path.join(self.tmp.name, "body.md")
        with open(body, "w", encoding="utf-8") as f:
            f.write('Il dit "oui" !')
        self.cli("edit", article_id, "--body-file", body)
        self.assertEqual(self.cli("render", article_id, "--format", "html"), '<p>Il dit "oui" !</p>\n')
        self.cli("edit", article_id, "--typography", "on")
        self.assertEqual(self.cli("render", article_id, "--format", "html"),
                         "<p>Il dit «\u00a0oui\u00a0»\u202f!</p>\n")
        result = subprocess.run([CLI, "--library", self.library, "edit", article_id, "--typography", "maybe"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("--typography takes on or off", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
