#!/usr/bin/env python3
"""Headless-Chromium check of assets/js/network-explorer.js on the demo page.

Builds /tmp/explorer/demo.html with explorer_demo.py, then for each case loads
file:///tmp/explorer/demo.html#search=<text> with --dump-dom and checks that
  - Chromium's stderr has no ':CONSOLE' line (no console message of any kind),
  - <body> has data-explorer-ready="true" and data-explorer-found=<expected id>,
  - no hostile name became markup (no <img> element in the DOM).
Needs Debian's chromium (apt-get install chromium). Prints 'N passed, N failed'.

Usage: python3 scripts/vendor/explorer_check.py [--screenshot OUT.png]
"""

import html
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = Path("/tmp/explorer/demo.html")

# --disable-gpu is deliberately absent: with it, Chromium composites in software and
# reads every WebGL canvas back, logging "GPU stall due to ReadPixels" to the page's
# console. SwiftShader through ANGLE as the GPU keeps the console empty, and
# --enable-unsafe-swiftshader silences "Automatic fallback to software WebGL has been
# deprecated".
FLAGS = [
    "--headless", "--no-sandbox", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    "--virtual-time-budget=5000",
]

CASES = [  # (search text, expected data-explorer-found)
    ("苏州大学", "org2"),            # exact name
    ("厦门", "org9"),                # prefix: the shortest matching name wins
    ("org17", "org17"),              # exact id
    ("物质科学", "org19"),           # substring
    ("<img", "org27"),               # hostile name, found as text
    ("DROP", 'org"28\'<x>'),         # hostile name and id
    ("</script>", "org29"),
    ("no such organisation", "none"),
]


def chromium(args):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        sys.exit("chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)


def main():
    subprocess.run([sys.executable, str(HERE / "explorer_demo.py"), str(PAGE)], check=True)
    passed = failed = 0
    for text, want in CASES:
        url = f"file://{PAGE}#search={urllib.parse.quote(text)}"
        r = chromium(["--dump-dom", url])
        body = re.search(r"<body([^>]*)>", r.stdout)
        attrs = dict((k, html.unescape(v)) for k, v in re.findall(r'([\w-]+)="([^"]*)"', body.group(1) if body else ""))
        console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l]
        problems = []
        if console:
            problems.append(f"{len(console)} console line(s): {console[0][:200]}")
        if attrs.get("data-explorer-ready") != "true":
            problems.append(f"ready={attrs.get('data-explorer-ready')!r} error={attrs.get('data-explorer-error')!r}")
        if attrs.get("data-explorer-found") != want:
            problems.append(f"found={attrs.get('data-explorer-found')!r}, want {want!r}")
        if "<img" in r.stdout:
            problems.append("an <img> element is in the DOM")
        if problems:
            failed += 1
            print(f"FAIL search={text!r}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok   search={text!r} -> {want!r}")
    if "--screenshot" in sys.argv:
        out = sys.argv[sys.argv.index("--screenshot") + 1]
        r = chromium(["--hide-scrollbars", "--window-size=1280,900", f"--screenshot={out}",
                      f"file://{PAGE}#search={urllib.parse.quote('合肥工业大学')}"])
        console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l]
        print(f"screenshot {out}: {len(console)} console line(s)")
        failed += 1 if console else 0
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
