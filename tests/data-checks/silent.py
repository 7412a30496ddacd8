#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a validator and fail if it fails or prints anything at all.

  silent.py COMMAND [ARGS...]

desktop-file-validate exits 0 on warnings and hints; a warning is a bug here, so any output
(shown in the test log) fails the test.
"""

import subprocess
import sys

if len(sys.argv) < 2:
    sys.exit(__doc__)

result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                        text=True, check=False)
sys.stdout.write(result.stdout)
if result.returncode != 0:
    print(f'{sys.argv[1]} exited with status {result.returncode}', file=sys.stderr)
    sys.exit(1)
if result.stdout.strip():
    print(f'{sys.argv[1]} printed warnings or hints', file=sys.stderr)
    sys.exit(1)
