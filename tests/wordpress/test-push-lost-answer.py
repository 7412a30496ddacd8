#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""feuillet-cli push when the answer to the create is lost (DESIGN.md, invariant 4: "a push is
never duplicated, even when the connection breaks after the server has acted"): the next push
finds the post that was created and makes it the article's, rather than creating a second one.

A real server cannot be made to act and then lose its answer on demand, so a small proxy on
127.0.0.1 stands between feuillet-cli and the sandbox: it forwards every request to WordPress,
but for the first POST to wp/v2/posts it reads WordPress's whole answer (the post exists by
then) and closes the client's connection without sending it."""

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


def is_create(method, path):
    """POST /wp-json/wp/v2/posts, or the same through ?rest_route=."""
    if method != "POST":
        return False
    url = urllib.parse.urlsplit(path)
    route = urllib.parse.parse_qs(url.query).get("rest_route", [url.path])[0]
    return route.rstrip("/").endswith("/wp/v2/posts")


class LosingProxy:
    """Forwards to @upstream (host:port); drops the answer of the first create."""

    def __init__(self, upstream):
        proxy = self
        self.upstream = upstream
        self.dropped = 0
        self.creates = 0
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

                if is_create(self.command, self.path):
                    with proxy.lock:
                        proxy.creates += 1
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
            self.assertTrue(rest_root.startswith(self.wordpress.url), rest_root)
            db.execute("UPDATE sites SET rest_root = ? WHERE name = 'vosges'",
                       (self.proxy.url + rest_root[len(self.wordpress.url):],))

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
