#!/usr/bin/env python3
"""Compare two output trees value by value: every file byte-identical, or — for text files
— the same once every number is read as a float and compared with a relative tolerance.
Prints one line per file that differs, then a summary; exit 0 when nothing differs beyond
the tolerance.

    same_values.py OLD_DIR NEW_DIR [RTOL]     (default RTOL 1e-12)

Used after a change that re-associates floating-point sums (a new traversal order):
the values agree to rounding, the bytes of their shortest decimal forms may not."""

import os
import re
import sys

old_root, new_root = sys.argv[1], sys.argv[2]
rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-12
NUM = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
bad, rounded, worst, cells = 0, 0, 0.0, 0
for dirpath, _, files in os.walk(old_root):
    for name in sorted(files):
        a_path = os.path.join(dirpath, name)
        rel = os.path.relpath(a_path, old_root)
        b_path = os.path.join(new_root, rel)
        if not os.path.exists(b_path):
            print(f"only in old: {rel}")
            bad += 1
            continue
        a, b = open(a_path, "rb").read(), open(b_path, "rb").read()
        if a == b:
            continue
        if NUM.sub(b"#", a) != NUM.sub(b"#", b):
            print(f"differs beyond numbers: {rel}")
            bad += 1
            continue
        ok = True
        for x, y in zip(NUM.findall(a), NUM.findall(b)):
            if x == y:
                continue
            fx, fy = float(x), float(y)
            d = abs(fx - fy) / max(abs(fx), abs(fy), 1e-300)
            cells += 1
            worst = max(worst, d)
            if d > rtol:
                ok = False
        if ok:
            rounded += 1
        else:
            print(f"numbers differ beyond {rtol}: {rel}")
            bad += 1
for dirpath, _, files in os.walk(new_root):
    for name in files:
        rel = os.path.relpath(os.path.join(dirpath, name), new_root)
        if not os.path.exists(os.path.join(old_root, rel)):
            print(f"only in new: {rel}")
            bad += 1
print(f"{rounded} files differ only by rounding ({cells} numbers, largest relative "
      f"difference {worst:.2e}); {bad} differ otherwise")
sys.exit(1 if bad else 0)
