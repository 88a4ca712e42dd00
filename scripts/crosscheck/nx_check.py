"""Cross-check `consortia analyze` against an independent Python implementation of
docs/SCHEMA.md built on NetworkX (centralities) and SciPy (eigenvector), on generated
datasets with messy encodings, hostile names, isolates and disconnected parts.

    python3 scripts/crosscheck/nx_check.py --seeds 1 2 3 --orgs 2000 [--messy] [--bin PATH]

Needs networkx, numpy, scipy (a throw-away venv). Prints every mismatch and a last line
'N passed, N failed' (one check per table, dataset, region level and route — projection
built, or --projection-budget 0); exit 1 on mismatch.
"""
import argparse, csv, io, json, math, os, random, subprocess, sys, tempfile
from collections import defaultdict
import networkx as nx
import numpy as np
import scipy.linalg

PROGRAMS = ["suzhou", "xiamen", "yrd", "soe", "guangzhou"]
PLACES = [("江苏", "苏州"), ("江苏", "南京"), ("江苏", "无锡"), ("上海", "上海"), ("浙江", "杭州"),
          ("浙江", "宁波"), ("安徽", "合肥"), ("安徽", "苏州"), ("福建", "厦门"), ("北京", "北京"), ("广东", "广州")]
TYPES = ["enterprise"] * 6 + ["university", "institute", "platform", "government", "hospital", "other"]
HOSTILE = ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '+86 公司', '-负号', '@at', 'a,"b"', '多\n行']


def generate(out, seed, n_orgs, n_cons, n_proj, messy):
    rnd = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    chains, segs = [], []
    for c in range(8):
        cid = f"ch{c}"
        for s in range(rnd.randint(3, 9)):
            sid = f"{cid}-s{s}"
            crit = "" if c == 3 else rnd.choice(["true", "false", "false", ""])
            chains.append([cid, sid, f"环节{c}-{s}", rnd.choice(["upstream", "midstream", "downstream"]), f"产业链{c}", crit])
            segs.append(sid)
    orgs = []
    for i in range(n_orgs):
        prov, city = rnd.choice(PLACES)
        name = f"组织{i}有限公司"
        if messy and rnd.random() < 0.05:
            name = rnd.choice(HOSTILE) + str(i)
        s = ";".join(rnd.sample(segs, rnd.randint(0, 4)) + (["ghost-seg"] if rnd.random() < 0.02 else []))
        orgs.append([f"o{i:05d}", name, rnd.choice(TYPES), prov, city, "", "", s])
    # heavy tail: a few hub organisations join many consortia
    weights = [1.0 / (1 + i) ** 0.9 for i in range(n_orgs)]
    rnd.shuffle(weights)
    cons, mems, seen_m = [], [], set()
    for k in range(n_cons):
        size = 1 if rnd.random() < 0.05 else min(n_orgs, int(rnd.paretovariate(1.5) * 4) + 2)
        members = set(rnd.choices(range(int(n_orgs * 0.9)), weights=weights[: int(n_orgs * 0.9)], k=size))
        lead = rnd.choice(sorted(members))
        prov, city = (orgs[lead][3], orgs[lead][4]) if rnd.random() < 0.5 else rnd.choice(PLACES)
        if rnd.random() < 0.3:
            prov, city = "", ""
        elif rnd.random() < 0.1:
            prov = ""
        chain = f"ch{rnd.randrange(8)}" if rnd.random() < 0.8 else ""
        cons.append([f"c{k:04d}", f"创新联合体{k}", rnd.choice(PROGRAMS), f"o{lead:05d}", prov, city,
                     rnd.choice(["", "market", "platform", "strategic", "other"]), chain, rnd.choice(["2021", "2022-07", "2023-03-15"])])
        for m in sorted(members):
            if m == lead and rnd.random() < 0.1:
                continue  # lead missing from memberships: loader adds it
            role = "lead" if m == lead else rnd.choice(["", "core", "general"])
            if m == lead and rnd.random() < 0.1:
                role = "core"
            mems.append([f"c{k:04d}", f"o{m:05d}", role, "2023", ""])
            if rnd.random() < 0.02:
                mems.append([f"c{k:04d}", f"o{m:05d}", "general", "", ""])  # repeated row
    projs, pms = [], []
    for p in range(n_proj):
        k = rnd.randrange(n_cons) if rnd.random() < 0.6 else None
        prog = rnd.choice(PROGRAMS) if (k is None and rnd.random() < 0.7) or rnd.random() < 0.2 else ""
        projs.append([f"p{p:04d}", f"项目{p}", prog, "" if k is None else f"c{k:04d}", "", "", "2023-01", "", str(rnd.randint(10, 5000))])
        pool = [int(m[1][1:]) for m in mems if k is not None and m[0] == f"c{k:04d}"] or list(range(n_orgs))
        for m in set(rnd.choices(pool, k=rnd.randint(1, 5)) + rnd.choices(range(n_orgs), k=rnd.randint(0, 2))):
            pms.append([f"p{p:04d}", f"o{m:05d}", rnd.choice(["lead", "participant", ""])])
    files = {
        "organizations.csv": (["org_id", "name", "type", "province", "city", "name_en", "tags", "segments"], orgs),
        "consortia.csv": (["consortium_id", "name", "program", "lead_org_id", "province", "city", "model", "chain_id", "founded"], cons),
        "memberships.csv": (["consortium_id", "org_id", "role", "joined", "left"], mems),
        "projects.csv": (["project_id", "title", "program", "consortium_id", "chain_id", "segment_id", "start", "end", "funding"], projs),
        "project_members.csv": (["project_id", "org_id", "role"], pms),
        "chains.csv": (["chain_id", "segment_id", "segment_name", "stage", "chain_name", "critical"], chains),
    }
    for i, (name, (header, rows)) in enumerate(sorted(files.items())):
        rows = list(rows)
        rnd.shuffle(rows)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n" if messy and i % 2 else "\n")
        w.writerow([h.upper() if messy and i % 3 == 0 else h for h in header])
        for r in rows:
            w.writerow([f" {x}\u3000" if messy and x and rnd.random() < 0.1 else x for x in r])
        text = buf.getvalue()
        data = text.encode("gb18030") if messy and i % 2 == 0 else text.encode("utf-8")
        if messy and i == 1:
            data = b"\xef\xbb\xbf" + data
        open(os.path.join(out, name), "wb").write(data)


def load(d):
    def read(name):
        p = os.path.join(d, name)
        if not os.path.exists(p):
            return None
        b = open(p, "rb").read()
        try:
            t = b.decode("utf-8-sig")
        except UnicodeDecodeError:
            t = b.decode("gb18030")
        strip = lambda s: s.strip(" \t\r\n\u3000")
        rows = list(csv.reader(io.StringIO(t, newline="")))
        hdr = [strip(h).lower() for h in rows[0]]
        return [dict(zip(hdr, map(strip, r))) for r in rows[1:] if r]
    return {k: read(k + ".csv") for k in ["organizations", "consortia", "memberships", "projects", "project_members", "chains"]}


def reference(d, level):
    D = load(d)
    orgs = {o["org_id"]: o for o in D["organizations"]}
    region = lambda p, c: p if level == "province" else f"{p}/{c}"
    oreg = {i: region(o["province"], o["city"]) for i, o in orgs.items()}
    segs = {s["segment_id"]: s for s in (D["chains"] or [])}
    chain_segs = defaultdict(list)
    for s in segs.values():
        chain_segs[s["chain_id"]].append(s["segment_id"])
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
    collabs = [members[c] for c in cons] + [pmem[p] for p in projs]
    G = nx.Graph()
    G.add_nodes_from(orgs)
    ncollab = defaultdict(int)
    for ms in collabs:
        ms = sorted(ms)
        for o in ms:
            ncollab[o] += 1
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                u, v = ms[i], ms[j]
                if G.has_edge(u, v):
                    G[u][v]["weight"] += 1
                else:
                    G.add_edge(u, v, weight=1)
    n = G.number_of_nodes()
    bc = nx.betweenness_centrality(G, normalized=True)  # undirected: raw/((n-1)(n-2)) = pairs·2/((n-1)(n-2))
    cl = nx.closeness_centrality(G)
    hc = nx.harmonic_centrality(G)
    pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-16, max_iter=100000)
    # eigenvector: per component, dense symmetric eigendecomposition
    comps = [sorted(c) for c in nx.connected_components(G)]
    per = []
    for c in comps:
        if len(c) == 1:
            per.append((c, np.array([1.0]), 0.0))
            continue
        A = nx.to_numpy_array(G, nodelist=c, weight="weight")
        w, V = scipy.linalg.eigh(A)
        v = np.abs(V[:, -1])
        per.append((c, v / np.linalg.norm(v), w[-1]))
    lmax = max(p[2] for p in per)
    ev = {u: 0.0 for u in G}
    tied = [(c, v, v.sum()) for c, v, l in per if l >= lmax - 1e-9 * max(lmax, 1)]
    norm = math.sqrt(sum(s * s for _, _, s in tied))
    for c, v, s in tied:
        for u, x in zip(c, v):
            ev[u] = s * x / norm
    T = {}
    T["org_centrality"] = {(u,): {"collaborations": ncollab[u], "degree": G.degree(u), "weighted_degree": G.degree(u, weight="weight"),
                                  "betweenness": bc[u], "closeness": cl[u], "harmonic": hc[u] / (n - 1) if n > 1 else None,
                                  "eigenvector": ev[u], "pagerank": pr[u], "type": orgs[u]["type"]} for u in G}
    cov_rows, summ = {}, {}
    for cid, c in cons.items():
        ms = members[cid]
        lead = orgs[c["lead_org_id"]]
        home = region(c["province"] or lead["province"], c["city"]) if c["city"] else region(lead["province"], lead["city"])
        row = {"members": len(ms), "lead_type": lead["type"], "program": c["program"],
               "enterprise_share": sum(orgs[m]["type"] == "enterprise" for m in ms) / len(ms),
               "non_local_share": sum(oreg[m] != home for m in ms) / len(ms), "chain_coverage": None, "critical_coverage": None}
        if c["chain_id"]:
            sl = chain_segs[c["chain_id"]]
            cnt = {s: sum(s in orgs[m]["segments"].split(";") for m in ms) for s in sl}
            for s in sl:
                cov_rows[(cid, c["chain_id"], s)] = {"members_covering": cnt[s], "stage": segs[s]["stage"]}
            row["chain_coverage"] = sum(cnt[s] > 0 for s in sl) / len(sl)
            crit = [s for s in sl if segs[s]["critical"].lower() == "true"]
            row["critical_coverage"] = sum(cnt[s] > 0 for s in crit) / len(crit) if crit else None
        summ[(cid,)] = row
    T["consortium_summary"], T["chain_coverage"] = summ, cov_rows
    rt = defaultdict(lambda: [0, 0])
    for u, v, w in G.edges(data="weight"):
        a, b = sorted([oreg[u], oreg[v]])
        rt[(a, b)][0] += 1
        rt[(a, b)][1] += w
    T["region_ties"] = {k: {"ties": v[0], "weight": v[1]} for k, v in rt.items()}
    progs = defaultdict(lambda: {"cons": [], "orgs": set()})
    for cid, c in cons.items():
        progs[c["program"]]["cons"].append(cid)
        progs[c["program"]]["orgs"] |= members[cid]
    for pid, p in projs.items():
        prog = p["program"] or (cons[p["consortium_id"]]["program"] if p["consortium_id"] else "")
        if prog:
            progs[prog]["orgs"] |= pmem[pid]
    pc = {}
    for prog, g in progs.items():
        H = G.subgraph(g["orgs"])
        k, m = H.number_of_nodes(), H.number_of_edges()
        cross = sum(oreg[u] != oreg[v] for u, v in H.edges())
        mem = sum(len(members[c]) for c in g["cons"])
        cc = [summ[(c,)]["chain_coverage"] for c in g["cons"] if summ[(c,)]["chain_coverage"] is not None]
        pc[(prog,)] = {"consortia": len(g["cons"]), "organizations": k, "memberships": mem,
                       "mean_members": mem / len(g["cons"]) if g["cons"] else None,
                       "cross_region_tie_share": cross / m if m else None,
                       "mean_chain_coverage": sum(cc) / len(cc) if cc else None,
                       "density": m / (k * (k - 1) / 2) if k >= 2 else None}
    T["program_comparison"] = pc
    net = {"nodes": n, "ties": G.number_of_edges(), "components": len(comps), "largest_component": max(map(len, comps)),
           "isolates": sum(1 for u in G if G.degree(u) == 0), "density": G.number_of_edges() / (n * (n - 1) / 2)}
    return T, net


KEYS = {"org_centrality": ["org_id"], "consortium_summary": ["consortium_id"], "chain_coverage": ["consortium_id", "chain_id", "segment_id"],
        "region_ties": ["region_a", "region_b"], "program_comparison": ["program"]}


def same(a, b, rtol):
    if b is None:
        return a == ""
    if isinstance(b, str):
        return a == b
    if a == "":
        return False
    a = float(a)
    return abs(a - b) <= max(rtol * abs(b), 1e-9)


def compare(out, T, net, rtol, label):
    bad = passed = 0
    for t, keys in KEYS.items():
        with open(os.path.join(out, "tables", t + ".csv"), newline="", encoding="utf-8") as f:
            rows = {tuple(r[k].lstrip("'") for k in keys): r for r in csv.DictReader(f)}
        exp = T[t]
        errs = []
        if set(rows) != set(exp):
            errs.append(f"keys differ: only ours {sorted(set(rows) - set(exp))[:5]}, only reference {sorted(set(exp) - set(rows))[:5]}")
        for k in sorted(set(rows) & set(exp)):
            for col, want in exp[k].items():
                if not same(rows[k][col], want, rtol):
                    errs.append(f"{k} {col}: ours {rows[k][col]!r}, reference {want!r}")
        for e in errs[:15]:
            print(f"MISMATCH {label} {t}: {e}")
        bad += bool(errs)
        passed += not errs
    s = json.load(open(os.path.join(out, "summary.json")))
    errs = [f"{k}: ours {s['network'][k]}, reference {v}" for k, v in net.items() if not same(str(s["network"][k]), v, rtol)]
    for e in errs:
        print(f"MISMATCH {label} summary.network: {e}")
    return passed + (not errs), bad + bool(errs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[1])
    ap.add_argument("--orgs", type=int, default=2000)
    ap.add_argument("--messy", action="store_true")
    ap.add_argument("--dataset", action="append", default=[], help="check an existing dataset folder (repeatable) instead of generating")
    ap.add_argument("--rtol", type=float, default=1e-6)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "..", "target", "release", "consortia"))
    a = ap.parse_args()
    tot_p = tot_f = 0
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [(d, d) for d in a.dataset] or [(os.path.join(tmp, f"ds{s}"), s) for s in a.seeds]
        for ds, seed in jobs:
            if not a.dataset:
                generate(ds, seed, a.orgs, max(2, a.orgs // 12), max(1, a.orgs // 8), a.messy)
            # Each level twice: as analyze runs by default (projection built), and with
            # --projection-budget 0 (every table through the incidence lists, eigenvector
            # and PageRank through B·Bᵀ) — the route a very large collaboration takes.
            for level, route in [(lv, rt) for lv in ["province", "city"] for rt in ["projection", "incidence"]]:
                out = os.path.join(tmp, f"out{abs(hash(str(seed)))}{level}{route}")
                extra = ["--projection-budget", "0"] if route == "incidence" else []
                r = subprocess.run([a.bin, "analyze", ds, "--out", out, "--region-level", level] + extra, capture_output=True, text=True)
                if r.returncode != 0:
                    print(f"FAILED seed {seed}: {r.stderr[:2000]}")
                    tot_f += 1
                    continue
                T, net = reference(ds, level)
                p, f = compare(out, T, net, a.rtol, f"seed={seed} level={level} route={route}")
                tot_p += p
                tot_f += f
    print(f"{tot_p} passed, {tot_f} failed")
    sys.exit(1 if tot_f else 0)


if __name__ == "__main__":
    main()
