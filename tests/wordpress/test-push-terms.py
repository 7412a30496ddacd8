#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli push and the site's terms (WORDPRESS.md, "Terms"): the article's category is
the site's (a missing one is an error naming it, and nothing is sent), its tags are the site's
tags, created when missing and never duplicated, found on any page of the site's list."""

import base64
import json
import os
import sqlite3
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

HIDE_TAG_PLUGIN = """<?php
// Leaves the tag Fantôme out of GET /wp/v2/tags (tests/wordpress/test-push-terms.py).
add_filter('rest_post_tag_query', function ($args) {
    $term = get_term_by('name', 'Fantôme', 'post_tag');
    if ($term) {
        $args['exclude'] = array_merge((array) ($args['exclude'] ?? array()), array($term->term_id));
    }
    return $args;
});
"""


class PushTermsTestCase(unittest.TestCase):
    """A sandbox for the class (terms made by one test stay: each uses names of its own)."""

    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-push-terms-")
        self.library = os.path.join(self.tmp.name, "library.db")
        self.assert_exit(self.run_cli("site", "add", "vosges", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                   FEUILLET_APP_PASSWORD=self.wordpress.application_password)
        return subprocess.run([CLI, "--library", self.library, *args], capture_output=True, env=env,
                              timeout=120)

    def assert_exit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")

    def new_article(self, *args):
        result = self.run_cli("new", "--title", "Fête de la myrtille", "--lang", "fr", *args)
        self.assert_exit(result, 0)
        return result.stdout.decode().strip()

    def push(self, id, code=0):
        result = self.run_cli("push", id, "--json")
        self.assert_exit(result, code)
        return json.loads(result.stdout) if code == 0 else result

    def rest(self, route, query=None, body=None):
        """The REST API as the site's editor (the sandbox's application password)."""
        url = f"{self.wordpress.url}/?rest_route=/wp/v2/{route}"
        if query:
            url += "&" + urllib.parse.urlencode(query)
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        headers = {"Authorization": "Basic " + base64.b64encode(pair).decode()}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def post(self, remote_id):
        return self.rest(f"posts/{remote_id}", {"context": "edit"})

    def tags_named(self, name):
        """The site's tags whose name is @name, case- and accent-insensitively (the database's
        collation), read straight from the database."""
        return self.wordpress.sql(
            "SELECT t.term_id FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id "
            f"WHERE tt.taxonomy = 'post_tag' AND t.name = '{name}'").split()

    def tag_names(self, ids):
        if not ids:
            return []
        tags = self.rest("tags", {"include": ",".join(map(str, ids)), "per_page": 100})
        return sorted(tag["name"] for tag in tags)

    def count_posts(self):
        return int(self.wordpress.sql(
            "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' "
            "AND post_status NOT IN ('auto-draft', 'inherit')").strip())

    # -- the tests --

    def test_category_on_the_site(self):
        category = self.rest("categories", body={"name": "Vie locale"})
        id = self.new_article("--category", "vie LOCALE")
        pushed = self.push(id)
        self.assertEqual(self.post(pushed["remote_id"])["categories"], [category["id"]])

        # Its slug is accepted too.
        other = self.new_article("--category", "vie-locale")
        pushed = self.push(other)
        self.assertEqual(self.post(pushed["remote_id"])["categories"], [category["id"]])

    def test_missing_category_sends_nothing(self):
        id = self.new_article("--category", "Faits divers", "--tag", "Inédit-catégorie")
        before = self.count_posts()
        result = self.push(id, code=1)
        stderr = result.stderr.decode()
        self.assertIn("Faits divers", stderr)
        self.assertIn("vosges", stderr)
        self.assertEqual(self.count_posts(), before)
        self.assertEqual(self.tags_named("Inedit-categorie"), [])
        self.assertIsNone(json.loads(self.run_cli("show", id, "--json").stdout)["remote"]["id"])

    def test_no_category(self):
        id = self.new_article()
        pushed = self.push(id)
        # WordPress puts a post without one in the default category.
        self.assertEqual(self.post(pushed["remote_id"])["categories"], [1])

    def test_tags_existing_and_new(self):
        existing = self.rest("tags", body={"name": "Gérardmer"})
        id = self.new_article("--tag", "gérardmer", "--tag", "Myrtilles")
        pushed = self.push(id)
        post = self.post(pushed["remote_id"])
        self.assertIn(existing["id"], post["tags"])
        self.assertEqual(self.tag_names(post["tags"]), ["Gérardmer", "Myrtilles"])
        self.assertEqual(len(self.tags_named("Gerardmer")), 1)
        self.assertEqual(len(self.tags_named("Myrtilles")), 1)

        # Again: the same tags, none created twice.
        self.assert_exit(self.run_cli("edit", id, "--title", "Fête de la myrtille, deuxième jour"), 0)
        again = self.push(id)
        self.assertEqual(again["remote_id"], pushed["remote_id"])
        self.assertEqual(sorted(self.post(pushed["remote_id"])["tags"]), sorted(post["tags"]))
        self.assertEqual(len(self.tags_named("Myrtilles")), 1)

        # Another article with the new tag, spelt differently, reuses it.
        other = self.new_article("--tag", "MYRTILLES")
        pushed = self.push(other)
        self.assertEqual(self.tag_names(self.post(pushed["remote_id"])["tags"]), ["Myrtilles"])
        self.assertEqual(len(self.tags_named("Myrtilles")), 1)

    def test_tag_on_the_second_page(self):
        self.wordpress.sql(
            "INSERT INTO wp_terms (name, slug, term_group) "
            "SELECT CONCAT('Commune ', LPAD(seq, 3, '0')), CONCAT('commune-', LPAD(seq, 3, '0')), 0 "
            "FROM seq_1_to_105; "
            "INSERT INTO wp_term_taxonomy (term_id, taxonomy, description, parent, count) "
            "SELECT term_id, 'post_tag', '', 0, 0 FROM wp_terms WHERE slug LIKE 'commune-%'")
        # Not on the first page of the list as Feuillet reads it (100 a page, in id order).
        first = self.rest("tags", {"per_page": 100, "orderby": "id", "order": "asc"})
        self.assertEqual(len(first), 100)
        self.assertNotIn("Commune 104", [tag["name"] for tag in first])
        wanted = self.tags_named("Commune 104")
        self.assertEqual(len(wanted), 1)

        id = self.new_article("--tag", "commune 104")
        pushed = self.push(id)
        self.assertEqual(self.post(pushed["remote_id"])["tags"], [int(wanted[0])])
        self.assertEqual(self.tags_named("Commune 104"), wanted)

    def test_tags_kept_in_the_library(self):
        """A push's tags are kept in the library's copy of the site's terms: the next push
        knows them without listing the site's tags."""
        self.push(self.new_article("--tag", "Gérardmer", "--tag", "Lac"))
        with sqlite3.connect(self.library) as db:
            cached = {name for (name,) in db.execute(
                "SELECT name FROM site_terms WHERE site = 'vosges' AND taxonomy = 'post_tag'")}
        self.assertLessEqual({"Gérardmer", "Lac"}, cached)

    def test_tag_deleted_on_the_site(self):
        """The desk deletes a tag the library's copy still has: WordPress drops the unknown id
        without a word, Feuillet sees it in the answer, fetches the terms again and sends the
        post once more, to the same post, with the tag made anew."""
        first = self.push(self.new_article("--tag", "Éphémère"))
        (old_id,) = self.post(first["remote_id"])["tags"]
        request = urllib.request.Request(
            f"{self.wordpress.url}/?rest_route=/wp/v2/tags/{old_id}&force=true", method="DELETE",
            headers={"Authorization": "Basic " + base64.b64encode(
                f"{self.wordpress.user}:{self.wordpress.application_password}".encode()).decode()})
        urllib.request.urlopen(request, timeout=30).close()
        self.assertEqual(self.tags_named("Éphémère"), [])
        before = self.count_posts()

        second = self.push(self.new_article("--tag", "Éphémère"))
        self.assertEqual(self.count_posts(), before + 1)
        new_ids = self.post(second["remote_id"])["tags"]
        self.assertEqual(self.tag_names(new_ids), ["Éphémère"])
        self.assertNotEqual(new_ids, [old_id])

    def test_term_exists_is_the_existing_tag(self):
        # Another client creates the tag after Feuillet read the list: a must-use plugin hides
        # it from the list, so Feuillet creates it and WordPress answers term_exists.
        plugins = os.path.join(self.wordpress.docroot, "wp-content", "mu-plugins")
        os.makedirs(plugins, exist_ok=True)
        with open(os.path.join(plugins, "feuillet-hide-tag.php"), "w") as f:
            f.write(HIDE_TAG_PLUGIN)
        existing = self.rest("tags", body={"name": "Fantôme"})
        self.assertNotIn(existing["id"], [tag["id"] for tag in self.rest("tags", {"search": "Fant"})])

        id = self.new_article("--tag", "fantôme")
        pushed = self.push(id)
        self.assertEqual(self.post(pushed["remote_id"])["tags"], [existing["id"]])
        self.assertEqual(len(self.tags_named("Fantome")), 1)

if __name__ == "__main__":
    unittest.main(verbosity=2)
