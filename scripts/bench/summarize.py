#!/usr/bin/env python3
"""Print the tables of a scripts/bench.sh run (Markdown) from its results.jsonl.

    summarize.py RESULTS_JSONL MACHINE_TXT

Ratios are peer / ours: above 1 means the peer is slower (or uses more memory). A peer's
time is its in-process total (load+project through eigenvector, interpreter start-up and
imports excluded); ours is the wall time of the whole `consortia analyze` process, which
also writes every table, figure and the report."""

import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print("### Machine\n")
for line in open(sys.argv[2], encoding="utf-8"):
    print(f"- {line.strip()}")
sizes = [r["size"] for r in rows if r["kind"] == "ours"]


def fmt(x):
    return "—" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


print("\n### Generation\n\n| run | wall (s) | peak (MB) |\n|---|---:|---:|")
for r in rows:
    if r["kind"] == "generate":
        print(f"| {r['label']} | {fmt(r['wall'])} | {r['peak_mb']:.0f} |")

ours = {r["size"]: r for r in rows if r["kind"] == "ours"}
bound = {r["size"]: r for r in rows if r["kind"] == "bound"}
print("\n### consortia analyze, per phase (wall seconds)\n")
print("| phase | " + " | ".join(sizes) + " |\n|---|" + "---:|" * len(sizes))
phases = []
for s in sizes:
    for p in ours[s]["phases"]:
        key = p.split(" (")[0]
        if key not in phases:
            phases.append(key)


def phase(s, key):
    for p, v in ours[s]["phases"].items():
        if p.split(" (")[0] == key:
            return v, (p[len(key):].strip(" ()") or None)
    return None, None


for key in phases:
    cells = []
    for s in sizes:
        v, how = phase(s, key)
        cells.append(fmt(v) + (f" ({how})" if how else ""))
    print(f"| {key} | " + " | ".join(cells) + " |")
print("| **process wall** | " + " | ".join(f"**{fmt(ours[s]['wall'])}**" for s in sizes) + " |")
print("| **peak memory (MB)** | " + " | ".join(f"**{ours[s]['peak_mb']:.0f}**" for s in sizes) + " |")

if bound:
    print("\n### Against the lower bound (one plain BFS per source over the projection CSR, both cores)\n")
    print("| size | organisations | ties | lower bound (s) | our path metrics (s) | our whole analyze (s) | analyze / bound |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for s, b in bound.items():
        lb = float(b["extra"]["bfs_per_source_seconds"])
        path = sum(v for p, v in ours[s]["phases"].items()
                   if p.startswith("metrics/") and ("betweenness" in p or "closeness" in p))
        print(f"| {s} | {b['extra']['organizations']} | {b['extra']['ties']} | {fmt(lb)} | "
              f"{fmt(path)} | {fmt(ours[s]['wall'])} | {ours[s]['wall'] / lb:.2f} |")

peers = [r for r in rows if r["kind"] == "peer"]
if peers:
    cols = ["load+project", "build", "degree", "betweenness", "closeness", "harmonic",
            "pagerank", "eigenvector", "total"]
    print("\n### Peers, same files, same job (seconds)\n")
    print("| size | tool | " + " | ".join(cols) + " | peak (MB) | time / ours | memory / ours |")
    print("|---|---|" + "---:|" * (len(cols) + 3))
    for s in sizes:
        if s not in ours:
            continue
        o = ours[s]
        print(f"| {s} | **consortia** | " + " | ".join(["—"] * (len(cols) - 1))
              + f" | **{fmt(o['wall'])}** | {o['peak_mb']:.0f} | 1 | 1 |")
        for r in peers:
            if r["size"] != s:
                continue
            ph = r["phases"]
            cells = [fmt(ph.get(c)) for c in cols]
            print(f"| {s} | {r['label']} | " + " | ".join(cells)
                  + f" | {r['peak_mb']:.0f} | {ph['total'] / o['wall']:.1f}x"
                  f" | {r['peak_mb'] / o['peak_mb']:.2f}x |")
    print("\n(rustworkx 0.18 has no harmonic centrality: its total leaves it out.)")
