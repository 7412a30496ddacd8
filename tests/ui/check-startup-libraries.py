#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The program does not load WebKitGTK at start: the preview module does, the first time the
preview is shown (src/ui/feuillet-preview-module.c). Linked in, WebKit cost every start about
150 ms and 35 MiB (tests/bench/bench-window.sh). Also checks that the module is built beside
the program, where an uninstalled build finds it.

    check-startup-libraries.py PATH-TO-FEUILLET"""

import os
import subprocess
import sys

program = sys.argv[1]
dynamic = subprocess.run(["readelf", "--dynamic", program], capture_output=True, text=True, check=True).stdout
needed = [line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line]
heavy = [library for library in needed if "webkit" in library or "javascriptcore" in library]
if heavy:
    sys.exit(f"{program} loads {', '.join(heavy)} at start")
module = os.path.join(os.path.dirname(program), "feuillet-preview.so")
if not os.path.exists(module):
    sys.exit(f"no preview module beside the program: {module}")
module_needs = subprocess.run(["readelf", "--dynamic", module], capture_output=True, text=True, check=True).stdout
if "webkitgtk-6.0" not in module_needs:
    sys.exit(f"{module} does not link WebKitGTK")
print(f"{len(needed)} libraries at start, none of them WebKit's; the preview module has it")
