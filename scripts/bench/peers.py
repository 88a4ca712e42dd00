#!/usr/bin/env python3
"""Run one peer library on a dataset doing the job `consortia analyze` does for the path
and spectral metrics, and print one JSON line of timings (seconds) and peak memory.

    peers.py PEER DATASET_DIR     PEER: igraph | networkit | networkx | rustworkx

The same steps for every peer: read the CSV files with Python's csv module, build the
weighted organisation projection (two organisations tied when they share a consortium or
project, weight = collaborations shared), then degree, betweenness (normalised), closeness
(Wasserman-Faust where the library has it), harmonic, PageRank (weighted) and eigenvector
(weighted). "load+project" is timed once per peer (the Python code is shared); each
library's own graph construction is "build". Peak memory is the process's maximum RSS.
Run each peer in its own process (the bench script does) so memory is its own.
"""

import csv
import itertools
import json
import resource
import sys
import time
from collections import defaultdict


def load_projection(d):
    t = time.perf_counter()
    orgs = []
    with open(f"{d}/organizations.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            orgs.append(r["org_id"].strip())
    index = {o: i for i, o in enumerate(sorted(orgs))}
    members = defaultdict(set)
    with open(f"{d}/memberships.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            members[("c", r["consortium_id"].strip())].add(index[r["org_id"].strip()])
    with open(f"{d}/consortia.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            members[("c", r["consortium_id"].strip())].add(index[r["lead_org_id"].strip()])
    try:
        with open(f"{d}/project_members.csv", encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                members[("p", r["project_id"].strip())].add(index[r["org_id"].strip()])
    except FileNotFoundError:
        pass
    weight = defaultdict(int)
    for ms in members.values():
        for a, b in itertools.combinations(sorted(ms), 2):
            weight[(a, b)] += 1
    edges = [(a, b, w) for (a, b), w in weight.items()]
    return len(index), edges, time.perf_counter() - t


def timed(results, name, f):
    t = time.perf_counter()
    f()
    results[name] = time.perf_counter() - t


def run_igraph(n, edges, r):
    import igraph as ig

    g = None

    def build():
        nonlocal g
        g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
        g.es["weight"] = [w for _, _, w in edges]

    timed(r, "build", build)
    timed(r, "degree", lambda: g.degree())
    timed(r, "betweenness", lambda: g.betweenness(directed=False))
    timed(r, "closeness", lambda: g.closeness())
    timed(r, "harmonic", lambda: g.harmonic_centrality())
    timed(r, "pagerank", lambda: g.pagerank(weights="weight"))
    timed(r, "eigenvector", lambda: g.eigenvector_centrality(weights="weight"))


def run_networkit(n, edges, r):
    import networkit as nk

    nk.engineering.setNumberOfThreads(2)
    g = None

    def build():
        nonlocal g
        g = nk.Graph(n, weighted=True)
        for a, b, w in edges:
            g.addEdge(a, b, w)

    timed(r, "build", build)
    timed(r, "degree", lambda: [g.degree(u) for u in range(n)])
    timed(r, "betweenness", lambda: nk.centrality.Betweenness(g, normalized=True).run())
    timed(
        r,
        "closeness",
        lambda: nk.centrality.Closeness(
            g, False, nk.centrality.ClosenessVariant.GENERALIZED
        ).run(),
    )
    timed(r, "harmonic", lambda: nk.centrality.HarmonicCloseness(g, True).run())
    timed(r, "pagerank", lambda: nk.centrality.PageRank(g, 0.85, 1e-13).run())
    timed(r, "eigenvector", lambda: nk.centrality.EigenvectorCentrality(g, 1e-9).run())


def run_networkx(n, edges, r):
    import networkx as nx

    g = None

    def build():
        nonlocal g
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(edges)

    timed(r, "build", build)
    timed(r, "degree", lambda: dict(g.degree()))
    timed(r, "betweenness", lambda: nx.betweenness_centrality(g, normalized=True))
    timed(r, "closeness", lambda: nx.closeness_centrality(g))
    timed(r, "harmonic", lambda: nx.harmonic_centrality(g))
    timed(r, "pagerank", lambda: nx.pagerank(g, weight="weight", tol=1e-13))
    # Power iteration (the numpy variant refuses disconnected graphs).
    timed(
        r,
        "eigenvector",
        lambda: nx.eigenvector_centrality(g, weight="weight", max_iter=10000, tol=1e-9),
    )


def run_rustworkx(n, edges, r):
    import rustworkx as rx

    g = d = None

    def build():
        nonlocal g, d
        g = rx.PyGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        d = rx.PyDiGraph()  # PageRank is defined on directed graphs in rustworkx
        d.add_nodes_from(range(n))
        d.add_edges_from(edges + [(b, a, w) for a, b, w in edges])

    timed(r, "build", build)
    timed(r, "degree", lambda: [g.degree(u) for u in range(n)])
    timed(r, "betweenness", lambda: rx.betweenness_centrality(g, normalized=True))
    timed(r, "closeness", lambda: rx.closeness_centrality(g, wf_improved=True))
    # No harmonic centrality in rustworkx 0.18: left out of its total.
    timed(r, "pagerank", lambda: rx.pagerank(d, alpha=0.85, weight_fn=float, tol=1e-13))
    timed(r, "eigenvector", lambda: rx.eigenvector_centrality(g, weight_fn=float, tol=1e-9))


def main():
    peer, d = sys.argv[1], sys.argv[2]
    n, edges, t_load = load_projection(d)
    r = {"peer": peer, "organizations": n, "ties": len(edges), "load+project": t_load}
    {"igraph": run_igraph, "networkit": run_networkit, "networkx": run_networkx,
     "rustworkx": run_rustworkx}[peer](n, edges, r)
    phases = [k for k in ("load+project", "build", "degree", "betweenness", "closeness",
                          "harmonic", "pagerank", "eigenvector") if k in r]
    r["total"] = sum(r[k] for k in phases)
    r["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(r))


if __name__ == "__main__":
    main()
