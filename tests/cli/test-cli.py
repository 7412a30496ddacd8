#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli as scripts use it: the commands, --json, exit codes and bad input
(DESIGN.md, "feuillet-cli"). Every test works on a library of its own."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
SAMPLE = os.path.join(os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__) + "/.."),
                      "data", "samples", "kazakhstan-vosges.md")


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-cli-")
        self.dir = self.tmp.name
        self.library = os.path.join(self.dir, "library.db")

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, stdin=None, library=True, env=None):
        command = [CLI]
        if library:
            command += ["--library", self.library]
        command += list(args)
        return subprocess.run(command, input=stdin, capture_output=True,
                              env=env or os.environ, timeout=60)

    def ok(self, *args, **kwargs):
        result = self.run_cli(*args, **kwargs)
        self.assertEqual(result.returncode, 0,
                         f"{args}: exit {result.returncode}: {result.stderr.decode()}")
        return result.stdout.decode()

    def json(self, *args, **kwargs):
        return json.loads(self.ok(*args, "--json", **kwargs))

    def fails(self, code, *args, **kwargs):
        result = self.run_cli(*args, **kwargs)
        self.assertEqual(result.returncode, code,
                         f"{args}: exit {result.returncode}, stdout {result.stdout!r}")
        message = result.stderr.decode()
        self.assertTrue(message.startswith("feuillet-cli: "), message)
        return message

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path


class TestArticles(CliTestCase):
    def test_new_show(self):
        article_id = int(self.ok("new", "--title", "Gérardmer sous la neige",
                                 "--chapeau", "Premières chutes.", "--category", "Météo",
                                 "--tag", "Vosges", "--tag", "VOSGES", "--tag", "neige",
                                 "--byline", "B.Boulay", "--lang", "fr", "--target", "2500",
                                 "--body-file", "-", stdin="Le **froid** est là.\n".encode()))
        shown = self.json("show", str(article_id))
        self.assertEqual(shown["id"], article_id)
        self.assertEqual(shown["title"], "Gérardmer sous la neige")
        self.assertEqual(shown["chapeau"], "Premières chutes.")
        self.assertEqual(shown["body"], "Le **froid** est là.\n")
        self.assertEqual(shown["category"], "Météo")
        self.assertEqual(shown["tags"], ["Vosges", "neige"])
        self.assertEqual(shown["byline"], "B.Boulay")
        self.assertEqual(shown["status"], "draft")
        self.assertEqual(shown["lang"], "fr")
        self.assertEqual(shown["target"], 2500)
        # "Gérardmer sous la neige" + "Premières chutes." + "Le froid est là."
        self.assertEqual(shown["signes"], 23 + 1 + 17 + 1 + 16)
        self.assertEqual(shown["words"], 10)
        self.assertEqual(shown["feuillets"], 0.0)
        for key in ("slug", "created", "updated"):
            self.assertIn(key, shown)
        self.assertEqual(set(shown["remote"]), {"site", "id", "link", "status", "modified"})
        self.assertIn("Gérardmer sous la neige", self.ok("show", str(article_id)))

    def test_edit_history_restore(self):
        article_id = self.ok("new", "--title", "Premier titre").strip()
        self.ok("edit", article_id, "--title", "Titre revu", "--add-tag", "Épinal")
        self.ok("edit", article_id, "--status", "ready")
        self.ok("edit", article_id, "--remove-tag", "ÉPINAL")
        shown = self.json("show", article_id)
        self.assertEqual(shown["title"], "Titre revu")
        self.assertEqual(shown["status"], "ready")
        self.assertEqual(shown["tags"], [])

        history = self.json("history", article_id)
        self.assertEqual([r["reason"] for r in history], ["created", "edit", "status", "edit"])
        self.assertEqual(history[0]["title"], "Premier titre")

        self.ok("restore", article_id, "1")
        self.assertEqual(self.json("show", article_id)["title"], "Premier titre")
        self.assertEqual(self.json("show", article_id)["status"], "draft")
        # The restore is a revision too: undo it by restoring the one before.
        history = self.json("history", article_id)
        self.assertEqual(history[-1]["reason"], "restore")
        self.ok("restore", article_id, str(history[-2]["revision"]))
        self.assertEqual(self.json("show", article_id)["title"], "Titre revu")

        self.fails(1, "restore", article_id, "99")
        self.fails(2, "restore", article_id, "zéro")

    def test_trash(self):
        kept = self.ok("new", "--title", "Conservé").strip()
        doomed = self.ok("new", "--title", "À jeter").strip()
        self.ok("delete", doomed)
        self.assertEqual([a["id"] for a in self.json("list")], [int(kept)])
        self.assertEqual([a["id"] for a in self.json("list", "--trash")], [int(doomed)])
        self.fails(1, "edit", doomed, "--title", "Modifié")
        self.assertEqual(self.json("show", doomed)["title"], "À jeter")
        self.ok("restore", doomed)
        self.assertEqual(len(self.json("list")), 2)
        self.ok("delete", doomed, "--purge")
        self.fails(1, "show", doomed)
        self.assertEqual(self.json("list", "--trash"), [])

    def test_list_filters(self):
        a = int(self.ok("new", "--title", "Un", "--tag", "Vosges", "--status", "ready"))
        b = int(self.ok("new", "--title", "Deux", "--tag", "Alsace"))
        c = int(self.ok("new", "--title", "Trois", "--tag", "vosges"))
        self.assertEqual([x["id"] for x in self.json("list")], [c, b, a])
        self.assertEqual([x["id"] for x in self.json("list", "--tag", "VOSGES")], [c, a])
        self.assertEqual([x["id"] for x in self.json("list", "--status", "ready")], [a])
        self.assertEqual([x["id"] for x in self.json("list", "--limit", "1")], [c])
        self.fails(2, "list", "--status", "envoyé")

    def test_search(self):
        self.ok("import", SAMPLE)
        other = int(self.ok("new", "--title", "Coopération intercommunale à Gérardmer"))
        found = self.json("search", "cooperation")
        # The title match first, then the sample whose copy has the word.
        self.assertEqual(found[0]["id"], other)
        self.assertEqual(len(found), 2)
        self.assertEqual([x["id"] for x in self.json("search", "GERARDMER")], [other])
        self.assertEqual(self.json("search", "introuvable"), [])
        self.assertIn("Kazakhstan", self.ok("search", "PME-PMI"))
        self.fails(2, "search")


class TestFiles(CliTestCase):
    def test_import_sample(self):
        ids = self.json("import", SAMPLE)
        self.assertEqual(len(ids), 1)
        shown = self.json("show", str(ids[0]))
        self.assertEqual(shown["title"], "Le Kazakhstan s’intéresse à l’industrie vosgienne")
        self.assertEqual(shown["category"], "Economie")
        self.assertEqual(shown["tags"], ["Kazakhstan", "Vosges", "industrie", "coopération", "éco-matériaux"])
        self.assertEqual(shown["status"], "published")
        self.assertEqual(shown["signes"], 3222)
        self.assertEqual(shown["words"], 479)
        self.assertEqual(shown["feuillets"], 2.1)

    def test_export_import_round_trip(self):
        (first,) = self.json("import", SAMPLE)
        self.ok("edit", str(first), "--target", "4000", "--slug", "kazakhstan-vosges")
        exported = self.write("export.md", b"")
        self.ok("export", str(first), "--format", "md", "-o", exported)
        (second,) = self.json("import", exported)
        a, b = self.json("show", str(first)), self.json("show", str(second))
        for key in ("id", "uuid", "created", "updated"):
            a.pop(key), b.pop(key)
        self.assertEqual(a, b)
        # To the standard output too.
        with open(exported) as f:
            self.assertEqual(self.ok("export", str(first), "--format", "md"), f.read())

    def test_export_html(self):
        (first,) = self.json("import", SAMPLE)
        html = self.ok("export", str(first), "--format", "html")
        self.assertIn('<html lang="fr">', html)
        self.assertIn('<h1 id="feuillet-title">Le Kazakhstan s’intéresse à l’industrie vosgienne</h1>', html)
        self.assertIn('<p class="chapeau" id="feuillet-chapeau">Vendredi', html)
        # A page that stands alone: its stylesheet inside, no script allowed to run.
        self.assertIn("<style>", html)
        self.assertIn("default-src 'none'", html)
        self.assertIn("<h2>Développer la coopération avec les PME-PMI innovantes</h2>", html)
        self.fails(2, "export", str(first), "--format", "pdf")

    def test_bad_files_import_nothing(self):
        good = self.write("good.md", "---\ntitle: Bon\n---\nCorps.\n")
        cases = {
            "status.md": ("---\ntitle: Mauvais\nstatus: publish\n---\n", "status.md:3:"),
            "yaml.md": ("---\ntitle: \"pas fermé\n---\n", "yaml.md:"),
            "open.md": ("---\ntitle: Sans fin\n", "open.md:1:"),
            "latin1.md": ("---\ntitle: G\xe9rardmer\n---\n".encode("latin-1"), "latin1.md:2:"),
            "empty.md": ("---\nchapeau: Juste un chapeau\n---\n\n", "empty.md"),
        }
        for name, (text, where) in cases.items():
            path = self.write(name, text)
            message = self.fails(1, "import", good, path)
            self.assertIn(where, message)
            self.assertIn("Nothing was imported", message)
        self.assertEqual(self.json("list"), [])
        self.fails(1, "import", os.path.join(self.dir, "absent.md"))
        self.fails(2, "import")


class TestBadInput(CliTestCase):
    def test_usage(self):
        self.fails(2, "frobnicate")
        self.fails(2, "list", "--no-such-option")
        self.fails(2, "show")
        self.fails(2, "show", "abc")
        self.fails(1, "show", "4242")
        self.assertEqual(self.run_cli(library=False).returncode, 2)
        self.assertIn("import", self.ok("--help", library=False))

    def test_empty_article(self):
        self.assertIn("neither a title nor a body", self.fails(1, "new"))
        self.assertIn("neither a title nor a body", self.fails(1, "new", "--title", "   "))
        article_id = self.ok("new", "--title", "Titre").strip()
        self.fails(1, "edit", article_id, "--title", "")
        self.assertEqual(self.json("show", article_id)["title"], "Titre")

    def test_invalid_values(self):
        article_id = self.ok("new", "--title", "Titre").strip()
        self.fails(1, "edit", article_id, "--status", "publié")
        self.fails(1, "edit", article_id, "--target", "beaucoup")
        self.fails(1, "edit", article_id, "--lang", "français!")
        self.fails(1, "edit", article_id, "--remove-tag", "absent")
        latin1 = self.write("body.txt", "Caf\xe9\n".encode("latin-1"))
        self.assertIn("UTF-8", self.fails(1, "edit", article_id, "--body-file", latin1))
        self.assertIn("UTF-8", self.fails(1, "new", "--title", b"Caf\xe9"))
        shown = self.json("show", article_id)
        self.assertEqual((shown["status"], shown["target"], shown["lang"], shown["body"]),
                         ("draft", 0, "fr", ""))

    def assert_library_refused(self, path, words):
        with open(path, "rb") as f:
            before = hashlib.sha256(f.read()).hexdigest()
        message = self.fails(1, "--library", path, "list", library=False)
        self.assertIn(words, message)
        self.fails(1, "--library", path, "new", "--title", "x", library=False)
        with open(path, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), before, "the file was changed")

    def test_bad_libraries(self):
        self.assert_library_refused(self.write("notes.txt", "Des notes, pas une base. " * 10),
                                    "not an SQLite database")
        self.ok("new", "--title", "Un article")
        connection = sqlite3.connect(self.library)
        connection.execute("PRAGMA user_version = 7")
        connection.commit()
        connection.close()
        self.assert_library_refused(self.library, "newer version of Feuillet")

    def test_truncated_library(self):
        for i in range(40):
            self.ok("new", "--title", f"Article {i}", "--body-file", "-",
                    stdin=("Du texte pour remplir des pages. " * 40).encode())
        connection = sqlite3.connect(self.library)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        with open(self.library, "rb") as f:
            data = f.read()
        truncated = self.write("truncated.db", data[: len(data) // 2])
        self.assert_library_refused(truncated, "damaged")


class TestConcurrency(CliTestCase):
    def test_programs_at_once(self):
        """The window and scripts share a library: no "database is locked" reaches anyone."""
        ids = [self.ok("new", "--title", f"Article {i}").strip() for i in range(2)]
        processes = []
        for round_ in range(12):
            body = self.write(f"body-{round_}.md", f"Version {round_}.\n" * 200)
            for article_id in ids:
                processes.append(subprocess.Popen(
                    [CLI, "--library", self.library, "edit", article_id, "--body-file", body,
                     "--add-tag", f"tag{round_}"],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE))
            processes.append(subprocess.Popen([CLI, "--library", self.library, "search", "version"],
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for process in processes:
            _, err = process.communicate(timeout=60)
            self.assertEqual(process.returncode, 0, err.decode())
        for article_id in ids:
            self.assertEqual(len(self.json("show", article_id)["tags"]), 12)


class TestLibraryLocation(CliTestCase):
    def test_environment_and_default(self):
        env = dict(os.environ, FEUILLET_LIBRARY=os.path.join(self.dir, "from-env.db"))
        self.ok("new", "--title", "Par l’environnement", library=False, env=env)
        self.assertTrue(os.path.exists(env["FEUILLET_LIBRARY"]))

        env = dict(os.environ, XDG_DATA_HOME=os.path.join(self.dir, "data"))
        env.pop("FEUILLET_LIBRARY", None)
        self.ok("new", "--title", "Par défaut", library=False, env=env)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "data", "feuillet", "library.db")))

    def test_json_everywhere(self):
        article_id = str(self.json("new", "--title", "Titre")["id"])
        for args in (["list"], ["show", article_id], ["search", "titre"], ["history", article_id],
                     ["edit", article_id, "--title", "Autre"], ["export", article_id, "--format", "md"],
                     ["restore", article_id, "1"], ["delete", article_id], ["restore", article_id]):
            self.json(*args)


if __name__ == "__main__":
    unittest.main(verbosity=2)
