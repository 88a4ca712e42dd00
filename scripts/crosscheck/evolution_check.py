"""Cross-check `tables/evolution.csv` against an independent implementation of the yearly
panel of docs/SCHEMA.md ("Contract v2: tables/evolution.csv") in pandas (the tables and
group-bys) and NetworkX (each year's projection, components), on datasets made by
`consortia generate` — dates with gaps, left dates, running projects, and with --quirks
GB18030/BOM files, CRLF, padded cells, upper-case headers, missing leads and repeated rows
with dates of their own.

    /tmp/ev-venv/bin/python scripts/crosscheck/evolution_check.py --seeds 1 2 3 --size small [--quirks] [--bin PATH]

Also checks that `--as-of YEAR` writes the rows up to YEAR. Needs pandas and networkx (a
throw-away venv). Prints every mismatch and a last line 'N passed, M failed' (one check
per cell); exit 1 on a mismatch.
"""
import argparse, io, math, os, subprocess, sys, tempfile

import networkx as nx
import pandas as pd

WS = " \t\r\n\u3000"
DATE_COLUMNS = ["founded", "joined", "left", "start", "end"]


def read(d, name):
    """One contract file as a DataFrame of trimmed text cells (None when absent)."""
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return None
    b = open(p, "rb").read()
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        t = b.decode("gb18030")
    df = pd.read_csv(io.StringIO(t), dtype=str, keep_default_na=False)
    df.columns = [c.strip(WS).lower() for c in df.columns]
    return df.apply(lambda col: col.str.strip(WS))


def year(cell):
    return int(cell[:4]) if cell else None


def load(d):
    orgs = read(d, "organizations.csv").set_index("org_id")
    chains = read(d, "chains.csv")
    cons = read(d, "consortia.csv")
    mem = read(d, "memberships.csv")
    projects = read(d, "projects.csv")
    pm = read(d, "project_members.csv")
    for df in (cons, mem, projects):
        if df is not None:
            for c in DATE_COLUMNS:
                if c in df.columns:
                    df[c] = df[c].map(year).astype(float)  # NaN when absent
    cons = cons.set_index("consortium_id")
    # Repeated rows merge: the earliest joined given; the latest left, none if any row has none.
    mem["left_missing"] = mem["left"].isna()
    mem = (
        mem.groupby(["consortium_id", "org_id"], as_index=False)
        .agg(joined=("joined", "min"), left=("left", "max"), left_missing=("left_missing", "any"))
    )
    mem.loc[mem["left_missing"], "left"] = float("nan")
    mem = mem.drop(columns="left_missing")
    # Leads missing from memberships are added, joined = the consortium's founded.
    have = set(zip(mem["consortium_id"], mem["org_id"]))
    added = [
        {"consortium_id": c, "org_id": r["lead_org_id"], "joined": r["founded"], "left": None}
        for c, r in cons.iterrows()
        if (c, r["lead_org_id"]) not in have
    ]
    if added:
        mem = pd.concat([mem, pd.DataFrame(added)], ignore_index=True)
    mem["program"] = mem["consortium_id"].map(cons["program"])
    mem["founded"] = mem["consortium_id"].map(cons["founded"])
    if projects is None:
        projects = pd.DataFrame(columns=["project_id", "program", "consortium_id", "start", "end"])
        pm = pd.DataFrame(columns=["project_id", "org_id"])
    projects = projects.set_index("project_id")
    own = projects["program"].where(projects["program"] != "", None)
    via = projects["consortium_id"].map(lambda c: cons["program"].get(c) if c else None)
    projects["eff_program"] = own.where(own.notna(), via)
    pm = pm.drop_duplicates(["project_id", "org_id"])[["project_id", "org_id"]].copy()
    pm["program"] = pm["project_id"].map(projects["eff_program"])
    seg_chain = dict(zip(chains["segment_id"], chains["chain_id"]))
    chain_segs = chains.groupby("chain_id")["segment_id"].apply(set).to_dict()
    org_segs = {
        o: {s for s in (x.strip(WS) for x in segs.split(";")) if s in seg_chain}
        for o, segs in orgs["segments"].items()
    }
    return orgs, cons, mem, projects, pm, chain_segs, org_segs


def reference(d, level, through=None):
    orgs, cons, mem, projects, pm, chain_segs, org_segs = load(d)
    dates = pd.concat([cons["founded"], mem["joined"], mem["left"], projects["start"], projects["end"]]).dropna()
    if dates.empty:
        return {}
    first, last = int(min(dates)), int(max(dates))
    if through is not None:
        last = min(last, through)
    region = {o: (r["province"] if level == "province" else f'{r["province"]}/{r["city"]}')
              for o, r in orgs.iterrows()}
    programs = sorted(set(cons["program"]) | {p for p in projects["eff_program"] if isinstance(p, str) and p})

    def counting(y):
        start = mem["joined"].fillna(mem["founded"])
        return (start.isna() | (start <= y)) & (mem["left"].isna() | (mem["left"] > y))

    def active_projects(y):
        ok = (projects["start"].isna() | (projects["start"] <= y)) & (projects["end"].isna() | (projects["end"] >= y))
        return set(projects.index[ok])

    rows = {}
    for y in range(first, last + 1):
        now, before = counting(y), counting(y - 1)
        m_now = mem[now]
        p_now, p_before = active_projects(y), active_projects(y - 1)
        part_now = pm[pm["project_id"].isin(p_now)]
        has_member = set(m_now["consortium_id"])
        active_cons = {c for c, f in cons["founded"].items() if (f <= y if not pd.isna(f) else c in has_member)}
        # That year's projection: every counting membership and active participation.
        g = nx.Graph()
        for _, members in list(m_now.groupby("consortium_id")["org_id"]) + list(part_now.groupby("project_id")["org_id"]):
            ms = sorted(set(members))
            g.add_nodes_from(ms)
            g.add_edges_from((a, b) for i, a in enumerate(ms) for b in ms[i + 1:])
        members_of = m_now.groupby("consortium_id")["org_id"].apply(set).to_dict()
        for prog in ["*"] + programs:
            inp = (lambda s: pd.Series(True, index=s.index)) if prog == "*" else (lambda s: s == prog)
            sel_m, sel_mb = now & inp(mem["program"]), before & inp(mem["program"])
            group_cons = sorted(c for c in active_cons if prog == "*" or cons.at[c, "program"] == prog)
            group_projects = {p for p in projects.index if prog == "*" or projects.at[p, "eff_program"] == prog}
            pn = pm[pm["project_id"].isin(p_now & group_projects)]
            pb = pm[pm["project_id"].isin(p_before & group_projects)]
            key_n = set(zip(pn["project_id"], pn["org_id"]))
            key_b = set(zip(pb["project_id"], pb["org_id"]))
            members = set(mem[sel_m]["org_id"]) | set(pn["org_id"])
            sub = g.subgraph(members)
            ties = sub.number_of_edges()
            cross = sum(1 for a, b in sub.edges() if region[a] != region[b])
            k = len(members)
            cov = []
            for c in group_cons:
                ch = cons.at[c, "chain_id"]
                if not ch:
                    continue
                segs = chain_segs[ch]
                covered = {s for o in members_of.get(c, ()) for s in org_segs[o] if s in segs}
                cov.append(len(covered) / len(segs))
            rows[(prog, y)] = {
                "consortia": len(group_cons),
                "organizations": k,
                "memberships": int(sel_m.sum()),
                "new_memberships": int((sel_m & ~before).sum()),
                "ties": ties,
                "cross_region_ties": cross,
                "cross_region_tie_share": cross / ties if ties else None,
                "density": ties / (k * (k - 1) / 2) if k >= 2 else None,
                "mean_chain_coverage": sum(cov) / len(cov) if cov else None,
                "largest_component": max((len(c) for c in nx.connected_components(sub)), default=0),
                "ended_memberships": int((sel_mb & ~now).sum()),
                "projects": len(p_now & group_projects),
                "participations": len(key_n),
                "new_participations": len(key_n - key_b),
                "ended_participations": len(key_b - key_n),
            }
    return rows


def check(out, ref, label, report):
    got = pd.read_csv(os.path.join(out, "tables", "evolution.csv"), dtype=str, keep_default_na=False)
    passed = failed = 0
    keys = [(r["program"], int(r["year"])) for _, r in got.iterrows()]
    if keys != sorted(ref, key=lambda k: (k[0].encode(), k[1])):
        report(f"{label}: rows {keys[:5]}… differ from the reference's {sorted(ref)[:5]}…")
        return 0, 1
    for _, r in got.iterrows():
        want = ref[(r["program"], int(r["year"]))]
        for col, w in want.items():
            cell = r[col]
            if w is None:
                ok = cell == ""
            elif isinstance(w, float):
                ok = cell != "" and math.isclose(float(cell), w, rel_tol=1e-12, abs_tol=1e-15)
            else:
                ok = cell == str(w)
            if ok:
                passed += 1
            else:
                failed += 1
                report(f"{label}: {r['program']} {r['year']} {col}: got {cell!r}, want {w!r}")
    return passed, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--size", default="small", choices=["tiny", "small"])
    ap.add_argument("--quirks", action="store_true")
    ap.add_argument("--dataset", action="append", default=[], help="also check an existing dataset folder")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "..", "target", "release", "consortia"))
    a = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        datasets = list(a.dataset)
        for seed in a.seeds:
            d = os.path.join(tmp, f"gen-{seed}")
            args = [a.bin, "generate", "--size", a.size, "--seed", str(seed), "--out", d]
            subprocess.run(args + (["--quirks"] if a.quirks else []), check=True, capture_output=True)
            datasets.append(d)
        for d in datasets:
            for level in ["province", "city"]:
                out = os.path.join(tmp, "out")
                r = subprocess.run([a.bin, "analyze", d, "--out", out, "--region-level", level], capture_output=True, text=True)
                if r.returncode != 0:
                    print(f"{d}: analyze failed:\n{r.stderr}")
                    failed += 1
                    continue
                ref = reference(d, level)
                p, f = check(out, ref, f"{os.path.basename(d)} {level}", print)
                passed, failed = passed + p, failed + f
                # --as-of: the history through that year.
                years = sorted({y for _, y in ref})
                if len(years) > 2:
                    y = years[len(years) // 2]
                    r = subprocess.run([a.bin, "analyze", d, "--out", out, "--region-level", level, "--as-of", str(y)], capture_output=True, text=True)
                    p, f = check(out, {k: v for k, v in ref.items() if k[1] <= y}, f"{os.path.basename(d)} {level} as of {y}", print)
                    passed, failed = passed + p, failed + f
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
