#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real WordPress on loopback, for the tests and for trying Feuillet without a site.

Debian's WordPress (6.8 in Debian 13), MariaDB and PHP's built-in server, all in a folder of
its own with its own port: nothing under /etc, nothing listening beyond 127.0.0.1, and
several can run side by side (../shared/WORDPRESS.md, "Running a real WordPress").

    with WordPressSandbox() as wordpress:
        wordpress.url, wordpress.user, wordpress.application_password

Run as a program (`build-aux/dev wordpress`), it starts one, prints its address, user and an
application password, and keeps it until Ctrl+C.
"""

import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

WORDPRESS_TREE = os.environ.get("FEUILLET_WORDPRESS_TREE", "/usr/share/wordpress")


def wordpress_tree():
    """The WordPress to run: Debian 13's, or with FEUILLET_WORDPRESS_RELEASE=older the oldest
    release Feuillet supports (5.7, Debian 11's; build-aux/dev fetches it for the tests)."""
    if os.environ.get("FEUILLET_WORDPRESS_RELEASE") != "older":
        return WORDPRESS_TREE
    tree = os.environ.get("FEUILLET_OLDER_WORDPRESS_TREE", "")
    if not os.path.isfile(os.path.join(tree, "wp-includes", "version.php")):
        raise RuntimeError("no older WordPress at FEUILLET_OLDER_WORDPRESS_TREE "
                           f"({tree!r}): run the tests with build-aux/dev test, which fetches it")
    return tree
USER = "redaction"
PASSWORD = "Feuillet-sandbox-only"

CONFIG = """<?php
// The sandbox's own configuration (tests/wordpress/wordpress_sandbox.py).
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
// Application passwords over plain http work only for a local site (wp-includes/user.php).
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);
// PHP 8.1 made mysqli throw; WordPress before 6.1 expects it quiet (older sites' tests).
mysqli_report(MYSQLI_REPORT_OFF);
{salts}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) {{
    define('ABSPATH', __DIR__ . '/');
}}
require_once ABSPATH . 'wp-settings.php';
"""

INSTALL = """<?php
// Installs the site without a browser, then makes an application password.
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '{host}';
$_SERVER['REQUEST_URI'] = '/';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$installed = wp_install('Vosges Matin (sandbox)', '{user}', '{user}@example.invalid', true, '', '{password}', 'fr_FR');
update_option('permalink_structure', '/%postname%/');
$user = get_user_by('login', '{user}');
list($password, $item) = WP_Application_Passwords::create_new_application_password(
    $user->ID, array('name' => 'Feuillet ' . wp_generate_password(6, false)));
echo json_encode(array('user_id' => $user->ID, 'application_password' => $password));
"""


def program(name):
    """A program's path, /usr/sbin included (MariaDB's server is there)."""
    found = shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (build-aux/debian-packages lists it)")
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not happen within {timeout} s")


class WordPressSandbox:
    def __init__(self, directory=None, port=None, workers=4):
        self._tmp = None if directory else tempfile.TemporaryDirectory(prefix="feuillet-wordpress-")
        self.directory = directory or self._tmp.name
        self.port = port or free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.host}"
        self.user = USER
        self.password = PASSWORD
        self.application_password = None
        self.workers = workers
        self._processes = []

    # -- the parts --

    def _start_database(self):
        data = os.path.join(self.directory, "db")
        # A temporary folder of its own: two sandboxes starting at once (tests in parallel)
        # once lost each other's temporary tables in a shared /tmp.
        tmp = os.path.join(self.directory, "mariadb-tmp")
        os.makedirs(tmp, exist_ok=True)
        self.socket = os.path.join(self.directory, "mysql.sock")
        # One at a time: two sandboxes starting together (tests run in parallel) once made
        # mariadb-install-db fail; it takes a few seconds.
        with open(os.path.join(tempfile.gettempdir(), "feuillet-mariadb-install.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            installed = subprocess.run([program("mariadb-install-db"), "--no-defaults", f"--datadir={data}",
                                        "--user=root", "--auth-root-authentication-method=normal",
                                        "--skip-test-db", f"--tmpdir={tmp}"], capture_output=True, text=True)
        if installed.returncode != 0:
            raise RuntimeError(f"mariadb-install-db failed: {installed.stderr or installed.stdout}")
        log = open(os.path.join(self.directory, "mariadb.log"), "w")
        self._processes.append(subprocess.Popen(
            [program("mariadbd"), "--no-defaults", f"--datadir={data}", f"--socket={self.socket}",
             "--skip-networking", "--user=root", f"--pid-file={self.directory}/mariadb.pid", f"--tmpdir={tmp}",
             "--innodb-buffer-pool-size=32M", "--skip-log-bin"],
            stdout=log, stderr=log))
        wait_until(lambda: os.path.exists(self.socket), "MariaDB starting")
        self.sql("CREATE DATABASE wordpress CHARACTER SET utf8mb4")

    def sql(self, statement):
        """Runs SQL on the site's database (tests use it to act as the desk would)."""
        return subprocess.run(["mariadb", "--no-defaults", f"--socket={self.socket}", "-uroot",
                               "--batch", "--skip-column-names", "wordpress" if "CREATE DATABASE" not in statement
                               else "mysql", "-e", statement],
                              check=True, capture_output=True, text=True).stdout

    def _make_docroot(self):
        self.docroot = os.path.join(self.directory, "www")
        shutil.copytree(wordpress_tree(), self.docroot, symlinks=True,
                        ignore=shutil.ignore_patterns("wp-config.php"))
        salts = "\n".join(f"define('{name}', '{secrets.token_hex(32)}');" for name in (
            "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
            "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"))
        with open(os.path.join(self.docroot, "wp-config.php"), "w") as f:
            f.write(CONFIG.format(socket=self.socket, url=self.url, salts=salts))
        os.makedirs(os.path.join(self.docroot, "wp-content", "uploads"), exist_ok=True)

    @property
    def version(self):
        """The WordPress release running, as wp-includes/version.php says."""
        with open(os.path.join(self.docroot, "wp-includes", "version.php")) as f:
            for line in f:
                if line.startswith("$wp_version"):
                    return line.split("'")[1]
        return None

    def _install(self):
        script = os.path.join(self.docroot, "feuillet-install.php")
        with open(script, "w") as f:
            f.write(INSTALL.format(host=self.host, user=self.user, password=self.password))
        result = subprocess.run(["php", script], check=True, capture_output=True, text=True, cwd=self.docroot)
        os.unlink(script)
        # PHP may print notices before the answer (a deprecation of an older WordPress, a
        # database hiccup under load): the answer is the last thing printed.
        start = result.stdout.rfind('{"user_id"')
        if start < 0:
            raise RuntimeError(f"installing WordPress printed no answer: {result.stdout[-2000:]}")
        answer = json.loads(result.stdout[start:])
        self.application_password = answer["application_password"]

    def _serve(self):
        log = open(os.path.join(self.directory, "php.log"), "w")
        env = dict(os.environ, PHP_CLI_SERVER_WORKERS=str(self.workers))
        self._processes.append(subprocess.Popen(
            ["php", "-d", "upload_max_filesize=64M", "-d", "post_max_size=64M",
             "-S", self.host, "-t", self.docroot],
            stdout=log, stderr=log, env=env, cwd=self.docroot))

        def answers():
            try:
                with urllib.request.urlopen(f"{self.url}/wp-json/", timeout=2) as response:
                    return response.status == 200
            except (urllib.error.URLError, ConnectionError, OSError):
                return False

        wait_until(answers, "WordPress answering on " + self.url)

    # -- starting and stopping --

    def start(self):
        try:
            self._start_database()
            self._make_docroot()
            if os.environ.get("FEUILLET_WORDPRESS_RELEASE") == "older" and not self.version.startswith("5."):
                raise RuntimeError(f"asked for an older WordPress, found {self.version}")
            self._install()
            self._serve()
        except BaseException:
            self.stop()
            raise
        return self

    def stop_server(self):
        """Stops the web server only (a test of a site that went away)."""
        server = self._processes.pop()
        server.terminate()
        server.wait(timeout=10)

    def restart_server(self):
        self._serve()

    def stop(self):
        for process in reversed(self._processes):
            process.terminate()
        for process in self._processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self._processes = []
        if self._tmp:
            self._tmp.cleanup()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    started = time.monotonic()
    with WordPressSandbox() as wordpress:
        print(f"WordPress {wordpress.version} is running at {wordpress.url} (ready in {time.monotonic() - started:.1f} s)")
        print(f"  user:                 {wordpress.user}")
        print(f"  application password: {wordpress.application_password}")
        print(f"  (web sign-in: {wordpress.url}/wp-admin/ with password {wordpress.password})")
        print("Ctrl+C stops it and deletes it.")
        sys.stdout.flush()
        try:
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    main()
