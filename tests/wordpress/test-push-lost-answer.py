#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli push when the answer to the create is lost (DESIGN.md, invariant 4: "a push is
never duplicated, even when the connection breaks after the server has acted"): the next push
finds the post that was created and makes it the article's, rather than creating a second one.
And when the answer to an update is lost: the next push knows the change it finds on the site
for its own, not for the desk's (no false conflict), and still stops for a change of the desk's.

A real server cannot be made to act and then lose its answer on demand, so a small proxy on
127.0.0.1 stands between feuillet-cli and the sandbox: it forwards every request to WordPress,
but for the first POST to wp/v2/posts (or to wp/v2/posts/ID) it reads WordPress's whole answer
(the post exists or changed by then) and closes the client's connection without sending it."""

import base64
import http.client
import http.server
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
NO_BUS = "unix:path=/nonexistent/feuillet-test-no-session-bus"
TITLE = "Réponse perdue au conseil municipal"


def post_route(method, path):
    """The route of a POST (/wp-json/… or ?rest_route=…), None for other methods."""
    if method != "POST":
        return None
    url = urllib.parse.urlsplit(path)
    return urllib.parse.parse_qs(url.query).get("rest_route", [url.path])[0].rstrip("/")


def is_create(method, path):
    """POST /wp-json/wp/v2/posts, or the same through ?rest_route=."""
    route = post_route(method, path)
    return route is not None and route.endswith("/wp/v2/posts")


def is_update(method, path):
    """POST /wp-json/wp/v2/posts/ID."""
    route = post_route(method, path)
    return route is not None and route.rsplit("/", 1)[0].endswith("/wp/v2/posts") and \
        route.rsplit("/", 1)[1].isdigit()


class LosingProxy:
    """Forwards to @upstream (host:port); drops the answer of the first request @drops says
    (the first create by default)."""

    def __init__(self, upstream, drops=is_create):
        proxy = self
        self.upstream = upstream
        self.drops = drops
        self.dropped = 0
        self.creates = 0
        self.updates = 0
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("connection", "keep-alive", "transfer-encoding")}
                upstream = http.client.HTTPConnection(proxy.upstream, timeout=60)
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                upstream.close()

                if is_update(self.command, self.path):
                    with proxy.lock:
                        proxy.updates += 1
                if is_create(self.command, self.path):
                    with proxy.lock:
                        proxy.creates += 1
                if proxy.drops(self.command, self.path):
                    with proxy.lock:
                        drop = proxy.dropped == 0
                        if drop:
                            proxy.dropped += 1
                    if drop:
                        # WordPress acted; its answer never reaches the client.
                        self.close_connection = True
                        return

                self.send_response_only(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in ("connection", "keep-alive", "transfer-encoding",
                                           "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class LostAnswerTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wordpress = WordPressSandbox().start()

    @classmethod
    def tearDownClass(cls):
        cls.wordpress.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-lost-")
        self.library = os.path.join(self.tmp.name, "library.db")
        self.proxy = LosingProxy(self.wordpress.host).start()

    def lose_updates(self):
        """From now on the proxy drops the answer of the next update instead."""
        self.proxy.stop()
        self.proxy = LosingProxy(self.wordpress.host, drops=is_update).start()
        self.through_proxy()

    def tearDown(self):
        self.proxy.stop()
        self.tmp.cleanup()

    def run_cli(self, *args):
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                   FEUILLET_APP_PASSWORD=self.wordpress.application_password)
        return subprocess.run([CLI, "--library", self.library, *args], capture_output=True, env=env,
                              timeout=120)

    def assert_exit(self, result, *codes):
        self.assertIn(result.returncode, codes,
                      f"exit {result.returncode}: {result.stdout!r} {result.stderr!r}")

    def through_proxy(self):
        """The site as discovered, its REST root moved to the proxy: WordPress writes its own
        address into the REST root it advertises, which the proxy leaves as it is."""
        with sqlite3.connect(self.library) as db:
            (rest_root,) = db.execute("SELECT rest_root FROM sites WHERE name = 'vosges'").fetchone()
            if not rest_root.startswith(self.wordpress.url):
                rest_root = self.wordpress.url + rest_root[rest_root.index("/", len("http://")):]
            db.execute("UPDATE sites SET rest_root = ? WHERE name = 'vosges'",
                       (self.proxy.url + rest_root[len(self.wordpress.url):],))

    def rest(self, route, body=None):
        """The sandbox's REST API, directly, as the desk."""
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        headers = {"Authorization": "Basic " + base64.b64encode(pair).decode()}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.wordpress.url}/?rest_route=/wp/v2/{route}", data=data,
                                         headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def posts_titled(self, title):
        """The site's posts (any status) with that title, asked of the sandbox directly."""
        query = urllib.parse.urlencode({"rest_route": "/wp/v2/posts", "status": "any",
                                        "context": "edit", "per_page": "100", "search": "perdue"})
        pair = f"{self.wordpress.user}:{self.wordpress.application_password}".encode()
        request = urllib.request.Request(f"{self.wordpress.url}/?{query}", headers={
            "Authorization": "Basic " + base64.b64encode(pair).decode()})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return [p for p in json.load(answer) if p["title"]["raw"] == title]

    def test_lost_create_is_not_sent_again(self):
        self.assert_exit(self.run_cli("site", "add", "vosges", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)
        self.through_proxy()
        result = self.run_cli("new", "--title", TITLE, "--chapeau", "Le vote a eu lieu mardi.",
                              "--body-file", "-", "--lang", "fr")
        self.assert_exit(result, 0)
        article = result.stdout.decode().strip()

        first = self.run_cli("push", article, "--json")
        self.assert_exit(first, 1, 5)
        self.assertEqual(self.proxy.dropped, 1)
        # WordPress did create it; the library does not know.
        self.assertEqual(len(self.posts_titled(TITLE)), 1)

        second = self.run_cli("push", article, "--json", "--as", "pending")
        self.assert_exit(second, 0)
        pushed = json.loads(second.stdout)
        self.assertEqual(self.proxy.creates, 1, "the create was sent again")

        posts = self.posts_titled(TITLE)
        self.assertEqual(len(posts), 1, posts)
        self.assertEqual(pushed["remote_id"], posts[0]["id"])
        self.assertEqual(posts[0]["status"], "pending")

        show = self.run_cli("show", article, "--json")
        self.assert_exit(show, 0)
        self.assertEqual(json.loads(show.stdout)["remote"]["id"], posts[0]["id"])

        # Nothing left in flight: the next push is a plain update.
        with sqlite3.connect(self.library) as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0], 0)
        self.assert_exit(self.run_cli("push", article), 0)
        self.assertEqual(self.proxy.creates, 1)
        self.assertEqual(len(self.posts_titled(TITLE)), 1)


    def pushed_article(self, title):
        self.assert_exit(self.run_cli("site", "add", "vosges", "--url", self.wordpress.url,
                                      "--user", self.wordpress.user), 0)
        result = self.run_cli("new", "--title", title, "--body-file", "-", "--lang", "fr")
        self.assert_exit(result, 0)
        article = result.stdout.decode().strip()
        first = self.run_cli("push", article, "--json")
        self.assert_exit(first, 0)
        return article, json.loads(first.stdout)["remote_id"]

    def edit_body(self, article, text):
        result = subprocess.run([CLI, "--library", self.library, "edit", article, "--body-file", "-"],
                                input=text.encode(), capture_output=True, timeout=60)
        self.assert_exit(result, 0)

    def test_lost_update_is_not_a_conflict(self):
        title = TITLE + " et sa mise à jour"
        article, remote_id = self.pushed_article(title)
        self.lose_updates()
        self.edit_body(article, "Le conseil a voté le budget à l’unanimité.\n")
        lost = self.run_cli("push", article)
        self.assert_exit(lost, 1, 5)
        self.assertEqual(self.proxy.dropped, 1)
        # The site has the new text; the library still has the old base.
        self.assertIn("unanimité", self.rest(f"posts/{remote_id}&context=edit")["content"]["raw"])

        # Not the desk's change but ours: the push goes on, to the same post.
        again = self.run_cli("push", article, "--json", "--as", "pending")
        self.assert_exit(again, 0)
        self.assertEqual(json.loads(again.stdout)["remote_id"], remote_id)
        post = self.rest(f"posts/{remote_id}&context=edit")
        self.assertEqual(post["status"], "pending")
        self.assertIn("unanimité", post["content"]["raw"])
        self.assertEqual(len(self.posts_titled(title)), 1)
        with sqlite3.connect(self.library) as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0], 0)

    def test_lost_update_then_desk_edit_is_a_conflict(self):
        article, remote_id = self.pushed_article(TITLE + " puis le desk")
        self.lose_updates()
        self.edit_body(article, "Le conseil a voté le budget.\n")
        self.assert_exit(self.run_cli("push", article), 1, 5)
        # The desk edits the post after the lost update: that change is not ours.
        self.rest(f"posts/{remote_id}", {"content": "<!-- wp:paragraph -->\n<p>Texte du desk.</p>\n"
                                                    "<!-- /wp:paragraph -->"})
        conflict = self.run_cli("push", article)
        self.assert_exit(conflict, 3)
        self.assertIn(str(remote_id), conflict.stderr.decode())
        self.assertIn("Texte du desk", self.rest(f"posts/{remote_id}&context=edit")["content"]["raw"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
