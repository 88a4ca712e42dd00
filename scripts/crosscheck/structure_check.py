"""Cross-check the structural tables of `consortia analyze` (org_structure, communities,
ei_index, two_mode_centrality, gap_partners, consortium_summary's community columns,
summary.json communities) against independent implementations:

- constraint and the two-mode centralities: NetworkX (constraint(weight="weight"),
  bipartite degree/betweenness/closeness(normalized=True));
- effective size: Burt's formula written out here, and NetworkX's per-node path
  (effective_size(nodes=[…]); its all-nodes weighted path in 3.6.1 divides by the wrong
  maximum, see docs/SCHEMA.md);
- brokerage, articulation points, E-I rows, communities.csv, consortium_summary's
  community columns and gap partners: direct enumeration here (articulation also against
  NetworkX); the E-I permutation mean against its exact expectation;
- communities: the modularity of our partition (recomputed by NetworkX) against
  python-igraph's Leiden, best of 10 seeds: ours must be at least theirs − 3%.
- the output folder is byte-identical at --threads 1 and 2.

Datasets: `consortia generate` (tiny, and 600 organisations, each also with --quirks) and
the Davis Southern Women fixture (tests/fixtures/davis).

    /tmp/xs-venv/bin/python scripts/crosscheck/structure_check.py [--bin PATH] [--seeds 1 2]

Needs networkx, numpy, scipy, python-igraph (a throw-away venv). Prints every mismatch and a
last line 'N passed, M failed'; exit 1 on a failure.
"""
import argparse, csv, json, math, os, random, subprocess, sys, tempfile
from collections import defaultdict, deque

import networkx as nx
from networkx.algorithms import bipartite
import igraph as ig

sys.path.insert(0, os.path.dirname(__file__))
from nx_check import load  # noqa: E402  (decoding and trimming as the contract says)

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def close(a, b, rtol=1e-9):
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return a == ""
    if a == "":
        return False
    return abs(float(a) - b) <= max(rtol * abs(b), 1e-12)


def table(out, name):
    with open(os.path.join(out, "tables", name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def model(ds):
    """The dataset as the contract defines it: orgs, consortia, members, projects, graphs."""
    D = load(ds)
    orgs = {o["org_id"]: o for o in D["organizations"]}
    ids = sorted(orgs)
    cons = {c["consortium_id"]: c for c in D["consortia"]}
    members = defaultdict(set)
    for m in D["memberships"]:
        members[m["consortium_id"]].add(m["org_id"])
    for cid, c in cons.items():
        members[cid].add(c["lead_org_id"])
    projs = {p["project_id"]: p for p in (D["projects"] or [])}
    pmem = defaultdict(set)
    for m in D["project_members"] or []:
        pmem[m["project_id"]].add(m["org_id"])
    collabs = [("consortium", c, members[c]) for c in sorted(cons)] + [("project", p, pmem[p]) for p in sorted(projs)]
    G = nx.Graph()
    G.add_nodes_from(ids)
    for _, _, ms in collabs:
        ms = sorted(ms)
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                u, v = ms[i], ms[j]
                if G.has_edge(u, v):
                    G[u][v]["weight"] += 1
                else:
                    G.add_edge(u, v, weight=1)
    B = nx.Graph()
    B.add_nodes_from(("o", o) for o in ids)
    for kind, cid, ms in collabs:
        B.add_node((kind, cid))
        for o in ms:
            B.add_edge(("o", o), (kind, cid))
    segs = {s["segment_id"]: s for s in (D["chains"] or [])}
    chain_segs = defaultdict(list)
    for s in segs.values():
        chain_segs[s["chain_id"]].append(s["segment_id"])
    # programme of each organisation
    progs = defaultdict(set)
    for cid, c in cons.items():
        for o in members[cid]:
            progs[o].add(c["program"])
    for pid, p in projs.items():
        prog = p["program"] or (cons[p["consortium_id"]]["program"] if p["consortium_id"] else "")
        if prog:
            for o in pmem[pid]:
                progs[o].add(prog)
    program = {o: (next(iter(progs[o])) if len(progs[o]) == 1 else ("multiple" if progs[o] else "none")) for o in ids}
    return dict(orgs=orgs, ids=ids, cons=cons, members=members, projs=projs, G=G, B=B, segs=segs,
                chain_segs=chain_segs, program=program, collabs=collabs)


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, label, errs):
        for e in errs[:10]:
            print(f"MISMATCH {label}: {e}")
        if errs:
            self.failed += 1
        else:
            self.passed += 1


def run(binary, ds, out, extra=()):
    r = subprocess.run([binary, "analyze", ds, "--out", out, *extra], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[:2000])


def files(d):
    acc = {}
    for root, _, names in os.walk(d):
        for n in names:
            p = os.path.join(root, n)
            acc[os.path.relpath(p, d)] = open(p, "rb").read()
    return acc


def check_dataset(binary, ds, label, C, tmp):
    out = os.path.join(tmp, label + "-out")
    run(binary, ds, out, ["--threads", "2"])
    M = model(ds)
    G, B, ids, orgs = M["G"], M["B"], M["ids"], M["orgs"]
    region = {o: orgs[o]["province"] for o in ids}
    S = {r["org_id"].lstrip("'"): r for r in table(out, "org_structure.csv")}

    # 1–2. constraint and effective size: Burt's formulas written out here for every
    # organisation, and NetworkX on a sample of them.
    nbr = {u: set(G[u]) for u in ids}
    strength = {u: sum(G[u][v]["weight"] for v in G[u]) for u in ids}
    maxw = {u: max((G[u][v]["weight"] for v in G[u]), default=0) for u in ids}
    con_f, eff_f = {}, {}
    for i in ids:
        if not nbr[i]:
            con_f[i] = eff_f[i] = None
            continue
        p = lambda a, b: G[a][b]["weight"] / strength[a]
        c = e = 0.0
        for j in nbr[i]:
            common = nbr[i] & nbr[j]
            c += (p(i, j) + sum(p(i, q) * p(q, j) for q in common)) ** 2
            e += 1 - sum(p(i, q) * G[j][q]["weight"] / maxw[j] for q in common)
        con_f[i], eff_f[i] = c, e
    # NetworkX recomputes each normaliser inside its innermost loop: O(deg³) per organisation
    # in Python, so it gets 25 organisations of degree ≤ 80, spread over the id order.
    live = [o for o in ids if 0 < len(nbr[o]) <= 80]
    sample = live[:: max(1, len(live) // 25)][:25]
    con_nx = nx.constraint(G, nodes=sample, weight="weight")
    eff_nx = nx.effective_size(G, nodes=sample, weight="weight")
    errs = [f"{o}: ours {S[o]['constraint']!r}, formula {con_f[o]}" for o in ids if not close(S[o]["constraint"], con_f[o])]
    errs += [f"{o}: formula {con_f[o]}, networkx {con_nx[o]}" for o in sample if not close(str(con_f[o]), con_nx[o])]
    C.check(f"{label} constraint vs formula (all) and networkx ({len(sample)} organisations)", errs)
    errs = [f"{o}: ours {S[o]['effective_size']!r}, formula {eff_f[o]}" for o in ids if not close(S[o]["effective_size"], eff_f[o])]
    errs += [f"{o}: formula {eff_f[o]}, networkx per-node {eff_nx[o]}" for o in sample if not close(str(eff_f[o]), eff_nx[o])]
    C.check(f"{label} effective size vs formula (all) and networkx per-node ({len(sample)})", errs)

    # 3. brokerage by direct enumeration of open pairs
    errs = []
    for b in ids:
        r = [0, 0, 0, 0]
        nb = sorted(G[b])
        for x in range(len(nb)):
            for y in range(x + 1, len(nb)):
                a, c = nb[x], nb[y]
                if G.has_edge(a, c):
                    continue
                ga, gb, gc = region[a], region[b], region[c]
                if ga == gb == gc:
                    r[0] += 1
                elif ga == gc:
                    r[1] += 1
                elif ga == gb or gc == gb:
                    r[2] += 1
                else:
                    r[3] += 1
        got = [int(S[b][k]) for k in ["broker_coordinator", "broker_itinerant", "broker_gatekeeper_representative", "broker_liaison", "broker_total"]]
        if got != r + [sum(r)]:
            errs.append(f"{b}: ours {got}, enumeration {r}")
    C.check(f"{label} brokerage vs enumeration", errs)

    # 4. articulation points
    cut = set(nx.articulation_points(G))
    C.check(f"{label} articulation vs networkx", [o for o in ids if (S[o]["articulation"] == "true") != (o in cut)])

    # 5. E-I rows by direct enumeration, 6. permutation mean vs exact expectation
    E = {(r["grouping"], r["group"]): r for r in table(out, "ei_index.csv")}
    groupings = {"region": region, "type": {o: orgs[o]["type"] for o in ids}, "program": M["program"]}
    errs, errs_perm = [], []
    m = G.number_of_edges()
    summary = json.load(open(os.path.join(out, "summary.json")))
    R = summary["parameters"]["permutations"]
    for gname, lab in groupings.items():
        inside, touching = defaultdict(int), defaultdict(int)
        for u, v in G.edges():
            if lab[u] == lab[v]:
                inside[lab[u]] += 1
            else:
                touching[lab[u]] += 1
                touching[lab[v]] += 1
        groups = sorted(set(lab.values()))
        want_keys = {(gname, "*")} | {(gname, g) for g in groups}
        got_keys = {k for k in E if k[0] == gname}
        if want_keys != got_keys:
            errs.append(f"{gname}: rows {sorted(got_keys)} vs {sorted(want_keys)}")
            continue
        for g in groups:
            i, e = inside[g], touching[g]
            row = E[(gname, g)]
            if int(row["internal_ties"]) != i or int(row["external_ties"]) != e or not close(row["ei"], (e - i) / (e + i) if e + i else None):
                errs.append(f"{gname}/{g}: ours {row['internal_ties']},{row['external_ties']},{row['ei']} vs {i},{e}")
        I = sum(inside.values())
        row = E[(gname, "*")]
        if int(row["internal_ties"]) != I or int(row["external_ties"]) != m - I or not close(row["ei"], (m - 2 * I) / m if m else None):
            errs.append(f"{gname}/*: ours {row['internal_ties']},{row['ei']} vs {I}")
        if m and R:
            n = len(ids)
            sizes = defaultdict(int)
            for o in ids:
                sizes[lab[o]] += 1
            p_same = sum(k * (k - 1) for k in sizes.values()) / (n * (n - 1))
            exact = 1 - 2 * p_same
            # spread of EI under relabelling, from 300 relabellings here
            vals = list(lab[o] for o in ids)
            rnd = random.Random(7)
            idx = {o: k for k, o in enumerate(ids)}
            edges = [(idx[u], idx[v]) for u, v in G.edges()]
            sample = []
            for _ in range(300):
                rnd.shuffle(vals)
                Ip = sum(vals[a] == vals[b] for a, b in edges)
                sample.append((m - 2 * Ip) / m)
            mu = sum(sample) / len(sample)
            sd = math.sqrt(sum((x - mu) ** 2 for x in sample) / (len(sample) - 1)) or 1e-12
            got = float(row["expected_ei"])
            if abs(got - exact) > 5 * sd / math.sqrt(R) + 1e-12:
                errs_perm.append(f"{gname}: permutation mean {got}, exact expectation {exact} (sd {sd}, R {R})")
            pg, pl = float(row["p_greater"]), float(row["p_less"])
            if not (0 < pg <= 1 and 0 < pl <= 1 and pg + pl >= 1 - 1e-12):
                errs_perm.append(f"{gname}: p-values {pg}, {pl}")
    C.check(f"{label} E-I rows vs enumeration", errs)
    C.check(f"{label} E-I permutation mean vs exact expectation", errs_perm)

    # 7. two-mode centralities vs NetworkX bipartite
    T = {(r["node_id"].lstrip("'"), r["kind"]): r for r in table(out, "two_mode_centrality.csv")}
    top = [("o", o) for o in ids]
    kind = lambda v: "organization" if v[0] == "o" else v[0]
    errs = []
    if B.number_of_nodes() > len(top):
        deg = bipartite.degree_centrality(B, top)
        try:
            bet = bipartite.betweenness_centrality(B, top)
        except ZeroDivisionError:
            bet = None
        clo = bipartite.closeness_centrality(B, top, normalized=True)
        for v in B:
            row = T.get((v[1], kind(v)))
            if row is None:
                errs.append(f"{v}: missing")
                continue
            for col, want in [("degree", deg[v]), ("betweenness", None if bet is None else bet[v]), ("closeness", clo[v])]:
                if not close(row[col], want):
                    errs.append(f"{v} {col}: ours {row[col]!r}, networkx {want}")
        if len(T) != B.number_of_nodes():
            errs.append(f"{len(T)} rows for {B.number_of_nodes()} nodes")
    C.check(f"{label} two-mode centrality vs networkx", errs)

    # 8. communities: our modularity recomputed, and against igraph's Leiden (best of 10)
    comm = {o: int(S[o]["community"]) for o in ids}
    parts = defaultdict(set)
    for o, c in comm.items():
        parts[c].add(o)
    gamma = summary["parameters"]["resolution"]
    errs = []
    if m:
        q_ours = nx.community.modularity(G, list(parts.values()), weight="weight", resolution=gamma)
        if not close(str(summary["communities"]["modularity"]), q_ours, 1e-9):
            errs.append(f"summary modularity {summary['communities']['modularity']} vs networkx {q_ours}")
        idx = {o: k for k, o in enumerate(ids)}
        g = ig.Graph(n=len(ids), edges=[(idx[u], idx[v]) for u, v in G.edges()])
        w = [G[u][v]["weight"] for u, v in G.edges()]
        best = -1.0
        for seed in range(10):
            random.seed(seed)
            ig.set_random_number_generator(random)
            p = g.community_leiden(objective_function="modularity", weights=w, resolution=gamma, n_iterations=-1, beta=0.01)
            best = max(best, g.modularity(p.membership, weights=w, resolution=gamma))
        print(f"  {label}: modularity ours {q_ours:.6f}, igraph Leiden best of 10 {best:.6f}")
        if q_ours < best - 0.03 * abs(best):
            errs.append(f"ours {q_ours} < igraph best {best} − 3%")
    else:
        if summary["communities"]["modularity"] is not None:
            errs.append("modularity should be null without ties")
    # numbering: by size, then smallest org_id; isolates singletons
    order = sorted(parts, key=lambda c: (-len(parts[c]), min(parts[c])))
    if order != list(range(1, len(parts) + 1)):
        errs.append(f"numbering {order[:10]}")
    for o in ids:
        if G.degree(o) == 0 and len(parts[comm[o]]) != 1:
            errs.append(f"isolate {o} not alone")
    C.check(f"{label} communities: modularity and numbering", errs)

    # 9. communities.csv and consortium_summary's columns by enumeration
    rows = {int(r["community"]): r for r in table(out, "communities.csv")}
    errs = []
    for c, os_ in parts.items():
        r = rows.get(c)
        if r is None:
            errs.append(f"community {c} missing")
            continue
        inside = [(u, v) for u, v in G.edges() if comm[u] == c and comm[v] == c]
        leaving = sum(1 for u, v in G.edges() if (comm[u] == c) != (comm[v] == c))
        spanned = [cid for cid in sorted(M["cons"]) if M["members"][cid] & os_]
        cnt = {cid: len(M["members"][cid] & os_) for cid in spanned}
        topc = min(spanned, key=lambda cid: (-cnt[cid], cid)) if spanned else None
        cross = sum(region[u] != region[v] for u, v in inside)
        want = {"organizations": len(os_), "ties_inside": len(inside), "ties_leaving": leaving,
                "consortia_spanned": len(spanned), "regions": len({region[o] for o in os_})}
        for k, v in want.items():
            if int(r[k]) != v:
                errs.append(f"community {c} {k}: ours {r[k]}, enumeration {v}")
        if r["top_consortium"].lstrip("'") != (topc or ""):
            errs.append(f"community {c} top_consortium: ours {r['top_consortium']}, enumeration {topc}")
        if not close(r["top_consortium_share"], cnt[topc] / len(os_) if topc else None):
            errs.append(f"community {c} top share {r['top_consortium_share']}")
        if not close(r["cross_region_share_inside"], cross / len(inside) if inside else None):
            errs.append(f"community {c} cross share {r['cross_region_share_inside']}")
    if len(rows) != len(parts):
        errs.append(f"{len(rows)} rows for {len(parts)} communities")
    for r in table(out, "consortium_summary.csv"):
        ms = M["members"][r["consortium_id"].lstrip("'")]
        cs = defaultdict(int)
        for o in ms:
            cs[comm[o]] += 1
        if int(r["communities_spanned"]) != len(cs) or not close(r["modal_community_share"], max(cs.values()) / len(ms)):
            errs.append(f"{r['consortium_id']}: {r['communities_spanned']},{r['modal_community_share']} vs {len(cs)},{max(cs.values()) / len(ms)}")
    C.check(f"{label} communities.csv and consortium columns vs enumeration", errs)

    # 10. gap partners by direct BFS
    K = summary["parameters"]["partners"]
    got = defaultdict(list)
    for r in table(out, "gap_partners.csv"):
        got[(r["consortium_id"].lstrip("'"), r["segment_id"].lstrip("'"))].append(r)
    want = {}
    for cid in sorted(M["cons"]):
        c = M["cons"][cid]
        if not c["chain_id"]:
            continue
        ms = M["members"][cid]
        lead = orgs[c["lead_org_id"]]
        home = c["province"] or lead["province"] if c["city"] else lead["province"]
        covered = {s for o in ms for s in orgs[o]["segments"].split(";") if s}
        dist = {o: 0 for o in ms}
        q = deque(ms)
        while q:
            u = q.popleft()
            for v in G[u]:
                if v not in dist:
                    dist[v] = dist[u] + 1
                    q.append(v)
        for s in sorted(M["chain_segs"][c["chain_id"]]):
            if M["segs"][s]["critical"].lower() != "true" or s in covered:
                continue
            cands = [o for o in ids if o not in ms and s in orgs[o]["segments"].split(";")]
            cands.sort(key=lambda o: (dist.get(o, math.inf), region[o] != home, -B.degree(("o", o)), o))
            want[(cid, s)] = cands[:K]
    errs = []
    for key in sorted(set(want) | set(got)):
        w, g_ = want.get(key, []), got.get(key, [])
        if [r["org_id"].lstrip("'") for r in g_] != w:
            errs.append(f"{key}: ours {[r['org_id'] for r in g_]}, BFS {w}")
    C.check(f"{label} gap partners vs BFS", errs)

    # 11. byte-identical at --threads 1
    out1 = os.path.join(tmp, label + "-out1")
    run(binary, ds, out1, ["--threads", "1"])
    a, b = files(out), files(out1)
    C.check(f"{label} byte-identical at --threads 1 and 2", [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "consortia"))
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--davis", default=os.path.join(ROOT, "tests", "fixtures", "davis"))
    a = ap.parse_args()
    C = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [("davis", a.davis)]
        for seed in a.seeds:
            for shape, args in [("tiny", ["--size", "tiny"]), ("600", ["--orgs", "600", "--consortia", "48", "--projects", "75"])]:
                for quirks in [False, True]:
                    name = f"{shape}-s{seed}" + ("-quirks" if quirks else "")
                    d = os.path.join(tmp, name)
                    subprocess.run([a.bin, "generate", *args, "--seed", str(seed), "--out", d] + (["--quirks"] if quirks else []), check=True, capture_output=True)
                    jobs.append((name, d))
        for label, ds in jobs:
            try:
                check_dataset(a.bin, ds, label, C, tmp)
            except Exception as e:  # a crash is a failure, not a stop
                print(f"FAILED {label}: {e}")
                C.failed += 1
    print(f"{C.passed} passed, {C.failed} failed")
    sys.exit(1 if C.failed else 0)


if __name__ == "__main__":
    main()
