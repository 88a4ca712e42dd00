"""Write the Davis Southern Women data (Davis, Gardner & Gardner 1941, as shipped by
NetworkX: networkx.davis_southern_women_graph()) as a dataset in the input contract, with
NetworkX's values for the tests to compare against.

    /tmp/xs-venv/bin/python scripts/davis_fixture.py [OUT]   (default tests/fixtures/davis)

Organisations are the 18 women (W01 = Evelyn Jefferson … W18 = Flora Price, in NetworkX's
order), consortia the 14 events (E1 → E01 … E14), memberships the attendances. Everything
else is made up, deterministically from the woman's or event's position, so that regions,
types, programmes and a chain exist: provinces cycle 江苏/上海/浙江, types
enterprise/university/institute/enterprise, events E01–E07 are programme `suzhou` and
E08–E14 `yrd`, every event serves chain ch1 (s1 and s3 critical), each event's lead is its
first attendee by id. Also writes expected_two_mode.csv (NetworkX 3.6.1 bipartite degree,
betweenness, closeness with normalized=True, women as `nodes`) and expected_structure.csv
(constraint and per-node effective size on the weighted projection).
"""
import csv, os, sys
import networkx as nx
from networkx.algorithms import bipartite

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "davis")
os.makedirs(out, exist_ok=True)
G = nx.davis_southern_women_graph()
women, events = G.graph["top"], G.graph["bottom"]
wid = {w: f"W{i + 1:02d}" for i, w in enumerate(women)}
eid = {e: f"E{int(e[1:]):02d}" for e in events}
PLACES = [("江苏", "苏州"), ("上海", "上海"), ("浙江", "杭州")]
TYPES = ["enterprise", "university", "institute", "enterprise"]
SEGS = ["s1", "s3", "s2", "s1;s2", ""]


def write(name, header, rows):
    with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


write("organizations.csv", ["org_id", "name", "type", "province", "city", "name_en", "tags", "segments"],
      [[wid[w], w, TYPES[i % 4], *PLACES[i % 3], w, "", SEGS[i % 5]] for i, w in enumerate(women)])
cons, mems = [], []
for e in events:
    attendees = sorted(wid[w] for w in G[e])
    k = int(e[1:])
    cons.append([eid[e], f"Event {k}", "suzhou" if k <= 7 else "yrd", attendees[0], "", "", "", "ch1", ""])
    for a in attendees:
        mems.append([eid[e], a, "lead" if a == attendees[0] else "", "", ""])
write("consortia.csv", ["consortium_id", "name", "program", "lead_org_id", "province", "city", "model", "chain_id", "founded"], sorted(cons))
write("memberships.csv", ["consortium_id", "org_id", "role", "joined", "left"], sorted(mems))
write("chains.csv", ["chain_id", "segment_id", "segment_name", "stage", "chain_name", "critical"],
      [["ch1", "s1", "key material", "upstream", "demo chain", "true"],
       ["ch1", "s2", "assembly", "midstream", "demo chain", "false"],
       ["ch1", "s3", "key application", "downstream", "demo chain", "true"]])

deg = bipartite.degree_centrality(G, women)
bet = bipartite.betweenness_centrality(G, women)
clo = bipartite.closeness_centrality(G, women, normalized=True)
rows = [[wid[v], "organization"] if v in wid else [eid[v], "consortium"] for v in G]
rows = sorted(r + [repr(deg[v]), repr(bet[v]), repr(clo[v])] for r, v in zip(rows, G))
write("expected_two_mode.csv", ["node_id", "kind", "degree", "betweenness", "closeness"], rows)
P = bipartite.weighted_projected_graph(G, women)
con = nx.constraint(P, weight="weight")
eff = nx.effective_size(P, nodes=list(P), weight="weight")
write("expected_structure.csv", ["org_id", "constraint", "effective_size"],
      sorted([wid[w], repr(con[w]), repr(eff[w])] for w in women))
print(f"wrote {out} (networkx {nx.__version__})")
