#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the 10,000-word article the typing and preview benchmarks type into: council-meeting
French from a fixed seed, paragraphs of a few sentences, so that every run types into the
same text.

    ten-thousand-words.py FILE.md"""

import random
import sys

random.seed(10000)
words = ("le la les des une conseil municipal Remiremont Epinal Vosges route travaux école maire "
         "adjoint budget vote séance").split()
body = []
n = 0
while n < 10000:
    sentence = [random.choice(words) for _ in range(random.randint(8, 20))]
    n += len(sentence)
    body.append(" ".join(sentence).capitalize() + ".")
    if random.random() < 0.2:
        body.append("\n\n")
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("---\ntitle: Dix mille mots\nlang: fr\ncategory: Vosges\n---\n\n" + " ".join(body))
