#!/usr/bin/env python3
"""Turn one measured run of scripts/bench.sh into a JSON line.

    record.py KIND SIZE LABEL TIME_FILE STDOUT STDERR

KIND: generate | ours | bound | peer. TIME_FILE holds "%e %M" from /usr/bin/time (wall
seconds, max RSS in KB). Phases come from `consortia analyze --timings` (stderr lines
"consortia: time PHASE: S s"), from `consortia lower-bound` (stdout "key value" lines) or
from peers.py (one JSON line on stdout)."""

import json
import re
import sys

kind, size, label, time_file, out, err = sys.argv[1:7]
wall, kb = open(time_file).read().split()[-2:]
rec = {"kind": kind, "size": size, "label": label, "wall": float(wall),
       "peak_mb": int(kb) / 1024, "phases": {}, "extra": {}}
if kind == "ours":
    for line in open(err, encoding="utf-8"):
        m = re.match(r"consortia: time (.+): ([0-9.]+) s$", line.strip())
        if m:
            rec["phases"][m.group(1)] = float(m.group(2))
elif kind == "bound":
    for line in open(out, encoding="utf-8"):
        parts = line.split()
        if len(parts) == 2:
            rec["extra"][parts[0]] = parts[1]
elif kind == "peer":
    peer = json.loads(open(out, encoding="utf-8").read().strip().splitlines()[-1])
    for k in ("load+project", "build", "degree", "betweenness", "closeness", "harmonic",
              "pagerank", "eigenvector", "total"):
        if k in peer:
            rec["phases"][k] = peer[k]
    rec["extra"] = {"organizations": peer["organizations"], "ties": peer["ties"]}
print(json.dumps(rec, ensure_ascii=False))
