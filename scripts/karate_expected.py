"""Write tests/fixtures/karate/{edges,expected}.csv from NetworkX (the trusted reference).

Zachary's karate club as NetworkX ships it (34 nodes, 78 edges, integer weights). The
values are those the contract defines: normalised betweenness, Wasserman-Faust closeness,
harmonic / (n-1), weighted eigenvector (Perron vector, L2) and weighted PageRank to 1e-15.
Run: python3 scripts/karate_expected.py   (needs networkx, numpy, scipy)
"""
import csv
import os

import networkx as nx

G = nx.karate_club_graph()
n = G.number_of_nodes()
here = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "karate")
with open(os.path.join(here, "edges.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["u", "v", "weight"])
    for u, v, d in sorted(G.edges(data=True)):
        w.writerow([u, v, d["weight"]])

bc = nx.betweenness_centrality(G, normalized=True)
cl = nx.closeness_centrality(G)
hc = nx.harmonic_centrality(G)
ev = nx.eigenvector_centrality_numpy(G, weight="weight")
ev_iter = nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15, weight="weight")
assert all(abs(ev[u] - ev_iter[u]) < 1e-10 for u in G), "eigenvector methods disagree"
pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15, max_iter=100000)
with open(os.path.join(here, "expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["node", "degree", "weighted_degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"])
    for u in sorted(G):
        w.writerow([u, G.degree(u), G.degree(u, weight="weight"), repr(bc[u]), repr(cl[u]),
                    repr(hc[u] / (n - 1)), repr(abs(ev[u])), repr(pr[u])])
print("networkx", nx.__version__)
