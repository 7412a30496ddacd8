#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the UI tests share: an Xvfb, a D-Bus session and a library of their own for each test,
the window started from the build, keys sent with xdotool, the library read with feuillet-cli."""

import json
import os
import signal
import subprocess
import tempfile
import time
import unittest

FEUILLET = os.environ.get("FEUILLET", "feuillet")
CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
SAMPLE = os.path.join(os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__) + "/.."),
                      "data", "samples", "kazakhstan-vosges.md")


class Display:
    """An Xvfb of our own: -displayfd tells which display number it took."""

    def __init__(self):
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=[write_end], stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as f:
            self.name = ":" + f.readline().strip()

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class WindowTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="feuillet-ui-")
        self.library = os.path.join(self.tmp.name, "library.db")
        self.display = Display()
        # Settings in a file of the test's own (GIO's keyfile backend, under HOME): they last
        # across the restarts within one test, and the welcome article is made only when a
        # test asks for it (test-preferences.py chooses the memory backend: a first start).
        settings_dir = os.path.join(self.tmp.name, ".config", "glib-2.0", "settings")
        os.makedirs(settings_dir)
        with open(os.path.join(settings_dir, "keyfile"), "w") as f:
            f.write("[io/github/feuillet/Feuillet]\nfirst-run=false\n")
        self.env = dict(os.environ, DISPLAY=self.display.name, FEUILLET_LIBRARY=self.library,
                        GSETTINGS_BACKEND="keyfile", GTK_A11Y="none", NO_AT_BRIDGE="1",
                        XDG_RUNTIME_DIR=self.tmp.name, HOME=self.tmp.name)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.app = None

    def tearDown(self):
        if self.app and self.app.poll() is None:
            self.app.kill()
            self.app.wait()
        self.display.close()
        self.tmp.cleanup()

    def cli(self, *args, stdin=None):
        result = subprocess.run([CLI, "--library", self.library, *args], capture_output=True,
                                input=stdin, env=self.env, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        return result.stdout.decode()

    def start(self):
        # The app's own process (not dbus-run-session's) is the one to kill.
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                                    stdout=subprocess.PIPE, env=self.env)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().decode().strip()
        self.addCleanup(self.bus.wait)
        self.addCleanup(self.bus.terminate)
        self.app = subprocess.Popen([FEUILLET], env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Feuillet"],
                                   capture_output=True, env=self.env)
            if found.returncode == 0:
                self.window = found.stdout.decode().split()[0]
                time.sleep(0.5)
                return
            time.sleep(0.1)
        self.fail("the window did not show within 30 s")

    def keys(self, *keys):
        subprocess.run(["xdotool", "key", "--delay", "60", *keys], env=self.env, check=True)

    def type(self, text):
        # ASCII only: xdotool types other characters by remapping a key on the fly, and the
        # first such key can reach the window before its new meaning does (seen here: "é"
        # lost). Accented copy is covered by the core and CLI tests.
        assert text.isascii(), text
        subprocess.run(["xdotool", "type", "--delay", "40", text], env=self.env, check=True)

    def articles(self):
        return json.loads(self.cli("list", "--json"))

    def wait_for(self, predicate, what, timeout=5):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.1)
        self.fail(f"{what} did not happen within {timeout} s")

    def settle(self, quiet=0.4, timeout=20):
        """Waits until the window has caught up: its process used (almost) no CPU for `quiet`
        seconds. GTK handles the keys of one frame together, before laying out what the first
        of them opened; a window still busy with its first frames (shaders, fonts, a new HOME)
        would give the keys typed after a shortcut to whatever had the focus before."""
        def cpu_ticks():
            with open(f"/proc/{self.app.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime, all threads

        deadline = time.monotonic() + timeout
        last = cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = cpu_ticks()
            if now - last <= 2:  # a cursor blink, the library's watch: not work
                return
            last = now
        self.fail(f"the window was still busy after {timeout} s")
