"""Open the graph exports (contract v2, `exports/`) with real readers and check them.

    python3 scripts/crosscheck/exports_check.py OUT/exports \
        [--csv OUT/tables/org_centrality.csv] [--csv OUT/tables/org_structure.csv]

Readers: NetworkX (read_gexf, read_graphml, read_pajek) and python-igraph
(Graph.Read_GraphML, Graph.Read_Pajek); the VOSviewer files with Python's csv and json.
network.gexf read by NetworkX is the reference the other formats must agree with (node
order, ids, labels, typed attributes, ties, weights); with --csv, it must also agree with
the tables it was made from (every CSV column that is a node attribute: empty cell =
attribute absent, integers, floats exactly, booleans, text).

Needs networkx and python-igraph (a throw-away venv, e.g.
`python3 -m venv /tmp/xvenv && /tmp/xvenv/bin/pip install -r scripts/crosscheck/exports_requirements.txt`,
which pins networkx 3.6.1 and python-igraph 1.0.0).
Prints each failure and a last line 'N passed, M failed'; exit 1 on any failure.

Format rules checked (see src/export/graph/): characters XML 1.0 forbids become U+FFFD
in every format; Pajek labels have " -> ' and \\ -> /, tab/LF/CR -> space; VOSviewer
text files " -> ', tab/LF/CR -> space, quoted when holding , or ;. Subnormal floats are
written as 0 (igraph refuses them). CSV text cells may carry a leading ' that neutralises
a formula (=, +, -, @, tab, CR); it is not part of the name.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx

# Types of the contract's org_centrality and org_structure columns.
CONTRACT_TYPES = {
    "org_id": "string", "name": "string", "type": "string", "province": "string", "city": "string",
    "collaborations": "integer", "degree": "integer", "weighted_degree": "integer",
    "betweenness": "double", "closeness": "double", "harmonic": "double", "eigenvector": "double",
    "pagerank": "double", "community": "integer", "constraint": "double", "effective_size": "double",
    "broker_coordinator": "integer", "broker_itinerant": "integer",
    "broker_gatekeeper_representative": "integer", "broker_liaison": "integer",
    "broker_total": "integer", "articulation": "boolean",
}
PY_TYPE = {"integer": int, "double": float, "boolean": bool, "string": str}
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

passed, failed = 0, 0


def check(name, fn):
    """Run one check; a check fails by raising (AssertionError or any reader error)."""
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok    {name}")
    except Exception as e:  # a reader crash is a failed check too
        failed += 1
        print(f"FAIL  {name}: {type(e).__name__}: {e}")


def clean(s):
    return XML_BAD.sub("\ufffd", s)


def one_line(s):
    return re.sub("[\t\n\r]", " ", clean(s))


def pajek_label(s):
    return one_line(s).replace('"', "'").replace("\\", "/")


def vos_label(s):
    return one_line(s).replace('"', "'")


def unspread(s):
    """A CSV text cell without the formula-neutralising quote."""
    return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@", "\t", "\r") else s


def exported_float(x):
    return 0.0 if x != 0 and abs(x) < sys.float_info.min else x


def same_float(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def declared_gexf_types(path):
    """{attribute title: GEXF type} of the node attributes, straight from the XML (long
    counts as integer: the writer declares long when a value needs 64 bits)."""
    root = ET.parse(path).getroot()
    out = {}
    for attrs in root.iter():
        if attrs.tag.endswith("attributes") and attrs.get("class") == "node":
            for a in attrs:
                t = a.get("type")
                out[a.get("title") or a.get("id")] = "integer" if t == "long" else t
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("exports", help="folder holding network.gexf, network.graphml, ...")
    ap.add_argument("--csv", action="append", default=[], help="a table the exports were made from (org_id keyed)")
    args = ap.parse_args()
    d = args.exports
    p = lambda name: os.path.join(d, name)

    # ---------- reference: network.gexf through NetworkX ----------
    ref = {}

    def gexf_nx():
        G = nx.read_gexf(p("network.gexf"))
        assert type(G) is nx.Graph, f"read as {type(G).__name__}, expected an undirected simple Graph"
        assert G.number_of_nodes() > 0, "no nodes"
        ref["G"] = G
        ref["ids"] = list(G.nodes)
        ref["types"] = declared_gexf_types(p("network.gexf"))
        ref["edges"] = [(u, v, w) for u, v, w in G.edges(data="weight")]
    check("network.gexf: NetworkX reads an undirected simple graph", gexf_nx)
    if "G" not in ref:
        print(f"{passed} passed, {failed} failed")
        return 1
    G, ids, types = ref["G"], ref["ids"], ref["types"]
    index = {n: i for i, n in enumerate(ids)}
    attr_names = list(types)

    def gexf_types():
        for a, t in types.items():
            assert t in PY_TYPE, f"{a}: undeclared-for-us type {t}"
            if a in CONTRACT_TYPES:
                assert t == CONTRACT_TYPES[a], f"{a} declared {t}, contract says {CONTRACT_TYPES[a]}"
            for n in ids:
                if a in G.nodes[n]:
                    v = G.nodes[n][a]
                    assert type(v) is PY_TYPE[t], f"{n}.{a} = {v!r} is {type(v).__name__}, declared {t}"
        assert types, "no node attributes declared"
    check("network.gexf: attribute types (int/float/bool/str) as declared and as the contract types them", gexf_types)

    def gexf_edges():
        assert ref["edges"], "no edges"
        for u, v, w in ref["edges"]:
            assert type(w) is float and w > 0, f"{u}-{v} weight {w!r}"
    check(f"network.gexf: {G.number_of_edges()} ties with positive float weights", gexf_edges)

    def gexf_viz():
        for n in ids:
            z = G.nodes[n].get("viz")
            assert z and {"position", "size", "color"} <= set(z), f"{n}: viz {z}"
            assert all(type(z["position"][k]) is float for k in "xyz")
            assert type(z["size"]) is float and z["size"] > 0
            assert all(type(z["color"][k]) is int and 0 <= z["color"][k] <= 255 for k in "rgb")
    check("network.gexf: every node has viz position, size and colour", gexf_viz)

    # ---------- against the CSV tables ----------
    for path in args.csv:
        def vs_csv(path=path):
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
            assert rows, "empty table"
            assert len(rows) == G.number_of_nodes(), f"{len(rows)} rows, {G.number_of_nodes()} nodes"
            assert [r["org_id"] for r in rows] == ids, "node order differs from the table's org_id order"
            compared = 0
            for r in rows:
                node = G.nodes[r["org_id"]]
                if "name" in r:
                    assert node["label"] == clean(unspread(r["name"])), f"{r['org_id']}: label {node['label']!r} vs name {r['name']!r}"
                for col, cell in r.items():
                    if col not in types:
                        continue
                    t = types[col]
                    if cell == "":
                        assert col not in node, f"{r['org_id']}.{col}: empty cell but exported {node[col]!r}"
                        continue
                    assert col in node, f"{r['org_id']}.{col}: {cell!r} in the table, absent from the export"
                    v = node[col]
                    if t == "integer":
                        ok = v == int(cell)
                    elif t == "double":
                        ok = v == exported_float(float(cell))
                    elif t == "boolean":
                        ok = cell in ("true", "false") and v == (cell == "true")
                    else:
                        ok = v == clean(unspread(cell))
                    assert ok, f"{r['org_id']}.{col}: table {cell!r}, export {v!r}"
                    compared += 1
            assert compared > 0, "no column of the table is a node attribute"
        check(f"network.gexf vs {os.path.basename(path)}: rows, order, labels and every value", vs_csv)

    # ---------- GraphML ----------
    def graphml_nx():
        H = nx.read_graphml(p("network.graphml"))
        assert type(H) is nx.Graph, type(H).__name__
        assert list(H.nodes) == ids, "node ids/order differ from the GEXF"
        for n in ids:
            a, b = dict(H.nodes[n]), dict(G.nodes[n])
            za = {k: a.pop(k) for k in ("x", "y", "size", "r", "g", "b") if k in a}
            zb = b.pop("viz", None)
            if zb:
                want = {"x": zb["position"]["x"], "y": zb["position"]["y"], "size": zb["size"], **zb["color"]}
                want.pop("a", None)
                assert za == want and type(za["r"]) is int and type(za["x"]) is float, f"{n}: viz {za} vs {want}"
            assert a == b, f"{n}: {a} != {b}"
            for k in a:
                assert type(a[k]) is type(b[k]), f"{n}.{k}: {type(a[k]).__name__} vs {type(b[k]).__name__}"
        got = sorted((index[u], index[v], w) if index[u] <= index[v] else (index[v], index[u], w) for u, v, w in H.edges(data="weight"))
        want = sorted((index[u], index[v], w) if index[u] <= index[v] else (index[v], index[u], w) for u, v, w in ref["edges"])
        assert got == want, "ties or weights differ from the GEXF"
    check("network.graphml: NetworkX gets the GEXF's nodes, labels, typed values, viz and weighted ties", graphml_nx)

    def graphml_igraph():
        H = ig.Graph.Read_GraphML(p("network.graphml"))
        assert not H.is_directed()
        assert H.vcount() == len(ids) and H.ecount() == len(ref["edges"]), (H.vcount(), H.ecount())
        assert H.vs["id"] == ids, "ids differ"
        assert H.vs["label"] == [G.nodes[n]["label"] for n in ids], "labels differ"
        for a, t in types.items():
            vals = H.vs[a]
            for n, v in zip(ids, vals):
                x = G.nodes[n].get(a)
                if t in ("integer", "double"):
                    # igraph keeps every number as a double; a missing one is NaN
                    assert type(v) is float, f"{n}.{a}: {type(v).__name__}"
                    assert (x is None and math.isnan(v)) or v == x, f"{n}.{a}: {v!r} vs {x!r}"
                elif t == "boolean":
                    assert type(v) is bool and (x is None or v == x), f"{n}.{a}: {v!r} vs {x!r}"
                else:
                    assert v == (x if x is not None else ""), f"{n}.{a}: {v!r} vs {x!r}"
        got = sorted(tuple(sorted(e.tuple)) + (e["weight"],) for e in H.es)
        want = sorted(tuple(sorted((index[u], index[v]))) + (w,) for u, v, w in ref["edges"])
        assert got == want, "ties or weights differ"
    check("network.graphml: igraph gets the counts, ids, labels, numbers (as doubles), booleans and weights", graphml_igraph)

    # ---------- Pajek ----------
    labels = [G.nodes[n]["label"] for n in ids]
    plabels = [pajek_label(s) for s in labels]

    def pajek_nx():
        P = nx.read_pajek(p("network.net"))
        distinct = set(plabels)
        # read_pajek keys nodes by label: equal labels merge
        assert P.number_of_nodes() == len(distinct), f"{P.number_of_nodes()} nodes, {len(distinct)} distinct labels"
        assert set(P.nodes) == distinct, f"labels differ: {sorted(set(P.nodes) ^ distinct)}"
        assert P.number_of_edges() == len(ref["edges"]), P.number_of_edges()
        got = sorted((min(u, v), max(u, v), w) for u, v, w in P.edges(data="weight"))
        want = sorted((min(pajek_label(G.nodes[u]["label"]), pajek_label(G.nodes[v]["label"])),
                       max(pajek_label(G.nodes[u]["label"]), pajek_label(G.nodes[v]["label"])), w) for u, v, w in ref["edges"])
        assert got == want, "ties or weights differ"
        for i, n in enumerate(plabels):
            if plabels.count(n) == 1:
                assert P.nodes[n]["id"] == str(i + 1), f"{n}: number {P.nodes[n]['id']} not {i + 1}"
    check("network.net: NetworkX reads the quoted labels and weighted edges", pajek_nx)

    def pajek_igraph():
        P = ig.Graph.Read_Pajek(p("network.net"))
        assert not P.is_directed()
        assert P.vcount() == len(ids) and P.ecount() == len(ref["edges"]), (P.vcount(), P.ecount())
        assert P.vs["name"] == plabels, [(a, b) for a, b in zip(P.vs["name"], plabels) if a != b]
        got = sorted(tuple(sorted(e.tuple)) + (e["weight"],) for e in P.es)
        want = sorted(tuple(sorted((index[u], index[v]))) + (w,) for u, v, w in ref["edges"])
        assert got == want, "ties or weights differ"
    check("network.net: igraph reads every vertex, its label (vertex 'name') and the weights", pajek_igraph)

    def clu(name):
        with open(p(name), encoding="utf-8", newline="") as f:
            lines = f.read().split("\r\n")
        assert lines[-1] == "", "last line not ended by CR LF"
        head, vals = lines[0].split(), [int(x) for x in lines[1:-1]]
        assert head[0].lower() == "*vertices" and int(head[1]) == len(ids) == len(vals), (head, len(vals))
        return vals

    def clu_communities():
        if "community" not in types:
            assert not os.path.exists(os.path.join(d, "communities.clu")), "communities.clu without communities"
            return
        vals = clu("communities.clu")
        assert vals == [G.nodes[n].get("community", 0) for n in ids], "classes differ from community"
    check("communities.clu: one class per vertex, equal to the community attribute", clu_communities)

    def clu_regions():
        vals = clu("regions.clu")
        col = "region" if "region" in types else ("province" if "province" in types else None)
        if col:
            regions = [G.nodes[n].get(col) for n in ids]
            legend = sorted({r for r in regions if r is not None})
            assert vals == [legend.index(r) + 1 if r is not None else 0 for r in regions], "classes are not the provinces numbered in code-point order"
    check("regions.clu: one class per vertex, provinces numbered 1.. in code-point order", clu_regions)

    # ---------- VOSviewer ----------
    links = [0] * len(ids)
    strength = [0.0] * len(ids)
    for u, v, w in ref["edges"]:
        if u != v:
            for x in (index[u], index[v]):
                links[x] += 1
                strength[x] += w
    title_col = {"Collaborations": "collaborations", "Betweenness": "betweenness", "Constraint": "constraint"}

    def vos_txt():
        with open(p("vosviewer_map.txt"), encoding="utf-8", newline="") as f:
            raw = f.read()
        rows = list(csv.reader(raw.splitlines(), delimiter="\t", quotechar='"'))
        head, body = rows[0], rows[1:]
        assert head[:3] == ["id", "label", "description"], head
        assert "weight<Links>" in head and "weight<Total link strength>" in head, head
        assert len(body) == len(ids), f"{len(body)} items"
        for i, (n, r) in enumerate(zip(ids, body)):
            rec = dict(zip(head, r))
            assert len(r) == len(head), f"item {i + 1}: {len(r)} cells"
            assert rec["id"] == str(i + 1)
            assert rec["label"] == vos_label(G.nodes[n]["label"]), f"{rec['label']!r}"
            assert rec["description"] == n.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if "x" in rec:
                z = G.nodes[n]["viz"]["position"]
                assert float(rec["x"]) == z["x"] and float(rec["y"]) == z["y"]
            if "cluster" in rec and "community" in types:
                c = G.nodes[n].get("community")
                assert rec["cluster"] == (str(c) if c is not None and 1 <= c <= 1000 else ""), rec["cluster"]
            assert float(rec["weight<Links>"]) == links[i] and float(rec["weight<Total link strength>"]) == strength[i]
            if "degree" in types:
                assert links[i] == G.nodes[n]["degree"], "Links differ from degree"
            for h, cell in rec.items():
                m = re.fullmatch(r"(weight|score)<(.*)>", h)
                if m and m.group(2) in title_col and title_col[m.group(2)] in types:
                    x = G.nodes[n].get(title_col[m.group(2)])
                    want = (0.0 if m.group(1) == "weight" else None) if x is None else float(x)
                    assert (cell == "" and want is None) or float(cell) == want, f"{h}: {cell!r} vs {x!r}"
        # the raw text: quotes only around a whole label holding , or ;
        for line in raw.splitlines()[1:]:
            lab = line.split("\t")[1]
            quoted = len(lab) >= 2 and lab[0] == lab[-1] == '"' and '"' not in lab[1:-1]
            assert quoted if re.search("[,;]", lab) else '"' not in lab, f"quoting of {lab!r}"
        with open(p("vosviewer_network.txt"), encoding="utf-8") as f:
            net = [l.split("\t") for l in f.read().splitlines()]
        got = sorted((min(int(a), int(b)), max(int(a), int(b)), float(s)) for a, b, s in net)
        want = sorted((min(index[u], index[v]) + 1, max(index[u], index[v]) + 1, w) for u, v, w in ref["edges"])
        assert got == want, "links differ"
    check("vosviewer_map.txt + vosviewer_network.txt: items, labels, clusters, weights, links", vos_txt)

    def vos_json():
        with open(p("vosviewer.json"), encoding="utf-8") as f:
            js = json.load(f)
        items, jl = js["network"]["items"], js["network"]["links"]
        assert len(items) == len(ids) and len(jl) == len(ref["edges"]), (len(items), len(jl))
        for i, (n, it) in enumerate(zip(ids, items)):
            assert it["id"] == i + 1 and it["label"] == G.nodes[n]["label"], (it["id"], it["label"])
            if "community" in types:
                c = G.nodes[n].get("community")
                assert it.get("cluster") == (c if c is not None and 1 <= c <= 1000 else None)
            w = it["weights"]
            assert w["Links"] == links[i] and w["Total link strength"] == strength[i], w
            assert all(isinstance(x, (int, float)) and x >= 0 for x in w.values()), w
            for t, col in title_col.items():
                if col in types:
                    x = G.nodes[n].get(col)
                    if t in w:
                        assert w[t] == (x if x is not None else 0), f"{t}: {w[t]} vs {x}"
                    elif t in it.get("scores", {}):
                        assert x is not None and it["scores"][t] == x, f"{t}: {it['scores'][t]} vs {x}"
            if "x" in it:
                z = G.nodes[n]["viz"]["position"]
                assert (it["x"], it["y"]) == (z["x"], z["y"])
        got = sorted((min(l["source_id"], l["target_id"]), max(l["source_id"], l["target_id"]), l["strength"]) for l in jl)
        want = sorted((min(index[u], index[v]) + 1, max(index[u], index[v]) + 1, w) for u, v, w in ref["edges"])
        assert got == want, "links differ"
    check("vosviewer.json: items, exact labels, clusters, weights and scores, links", vos_json)

    # ---------- two-mode ----------
    def two_mode():
        T = nx.read_gexf(p("two_mode.gexf"))
        assert type(T) is nx.Graph, type(T).__name__
        kinds = {n: T.nodes[n].get("kind") for n in T}
        assert set(kinds.values()) <= {"organization", "consortium", "project"}, set(kinds.values())
        orgs = [n for n in T if kinds[n] == "organization"]
        assert orgs == [f"organization:{n}" for n in ids], "organisations differ from the network's nodes"
        for n in T:
            assert n == f"{kinds[n]}:{T.nodes[n]['node_id']}", n
        for n in ids:
            assert T.nodes[f"organization:{n}"]["label"] == G.nodes[n]["label"]
        assert T.number_of_edges() > 0
        for u, v, w in T.edges(data="weight"):
            assert (kinds[u] == "organization") != (kinds[v] == "organization"), f"{u}-{v} not org-collaboration"
            assert w == 1.0, w
        if "collaborations" in types:
            for n in ids:
                assert T.degree(f"organization:{n}") == G.nodes[n]["collaborations"], f"{n}: two-mode degree vs collaborations"
        for a, t in declared_gexf_types(p("two_mode.gexf")).items():
            for n in T:
                if a in T.nodes[n]:
                    assert type(T.nodes[n][a]) is PY_TYPE[t], f"{n}.{a}"
    check("two_mode.gexf: orgs and collaborations, kind attribute, bipartite unit ties", two_mode)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
