#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a test program against a fresh WordPress sandbox on 127.0.0.1.

    with-sandbox.py PROGRAM [ARGS...]

Starts WordPressSandbox, exports FEUILLET_TEST_WP_URL, FEUILLET_TEST_WP_USER,
FEUILLET_TEST_WP_PASSWORD (an application password) and FEUILLET_TEST_WP_MARIADB_SOCKET
(for tests that change the site's options, as the desk would), runs PROGRAM, and exits
with its status. The sandbox is stopped and deleted in every case.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpress_sandbox import WordPressSandbox  # noqa: E402


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with WordPressSandbox() as wordpress:
        env = dict(os.environ,
                   FEUILLET_TEST_WP_URL=wordpress.url,
                   FEUILLET_TEST_WP_USER=wordpress.user,
                   FEUILLET_TEST_WP_PASSWORD=wordpress.application_password,
                   FEUILLET_TEST_WP_MARIADB_SOCKET=wordpress.socket)
        sys.stdout.flush()
        return subprocess.run(sys.argv[1:], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
