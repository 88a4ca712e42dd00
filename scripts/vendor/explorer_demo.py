#!/usr/bin/env python3
"""Write a self-contained demo page for assets/js/network-explorer.js.

The page inlines the vendored bundle, the explorer and a sample network (30
organisations with Chinese names, some of them hostile) exactly the way
report.html does: the report's CSP, EXPLORER_CSS in <head>, EXPLORER_HTML in
<body>, the JSON in <script type="application/json" id="network-data"> with
every "<" written as \\u003c, and the two scripts at the end of <body>.

Usage: python3 scripts/vendor/explorer_demo.py [OUT.html]   (default /tmp/explorer/demo.html)
Then:  chromium --headless ... --dump-dom 'file:///tmp/explorer/demo.html#search=苏州纳米'
       and read data-explorer-ready / data-explorer-found on <body>.
"""

import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "assets" / "js"

CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'")

# Appended to the report's <style>. Keep in step with assets/js/README.md.
EXPLORER_CSS = (
    "#network-explorer{position:relative;width:100%;height:600px;border:1px solid #ddd;background:#fff}"
    ".explorer-controls{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.5em 0}"
    "#explorer-search{width:20em;padding:.3em}"
    "#explorer-filters fieldset{display:inline-block;margin:.2em .5em .5em 0;padding:.2em .6em;border:1px solid #ddd}"
    "#explorer-filters label{margin-right:.8em;white-space:nowrap}"
    ".explorer-tooltip{position:absolute;z-index:10;pointer-events:none;max-width:22em;"
    "background:rgba(255,255,255,.96);border:1px solid #999;border-radius:3px;padding:.4em .6em;"
    "font-size:.85em;box-shadow:0 1px 4px rgba(0,0,0,.2)}"
    ".explorer-tooltip dl,#explorer-details dl{display:grid;grid-template-columns:auto 1fr;gap:0 .8em;margin:.3em 0 0}"
    ".explorer-tooltip dd,#explorer-details dd{margin:0;overflow-wrap:anywhere}"
    ".explorer-tooltip dt,#explorer-details dt{color:#555}"
    "#explorer-details{font-size:.9em;margin:.5em 0}"
)

# The section the report emits; {json} is the escaped network JSON. Keep in step
# with assets/js/README.md.
EXPLORER_HTML = (
    '<section id="explorer-section"><h2>交互网络 Network explorer</h2>'
    '<p class="note" id="explorer-note"></p>'
    '<div class="explorer-controls">'
    '<label>搜索 Search <input id="explorer-search" type="search" list="explorer-names" '
    'autocomplete="off" placeholder="名称或编号 name or id"></label>'
    '<datalist id="explorer-names"></datalist>'
    '<button type="button" id="explorer-reset">重置 Reset</button>'
    '<span id="explorer-status" class="note" aria-live="polite"></span></div>'
    '<div id="explorer-filters">'
    '<fieldset id="explorer-filter-programs"><legend>项目群 Programmes</legend></fieldset>'
    '<fieldset id="explorer-filter-types"><legend>类型 Types</legend></fieldset></div>'
    '<div id="network-explorer"></div>'
    '<div id="explorer-details" aria-live="polite"></div>'
    '<script type="application/json" id="network-data">{json}</script>'
    '</section>'
)

TYPE_COLORS = {  # Okabe-Ito
    "enterprise": "#0072B2",
    "university": "#E69F00",
    "institute": "#009E73",
    "hospital": "#CC79A7",
}

NAMES = [
    ("苏州纳米科技有限公司", "enterprise", "江苏", ["suzhou"]),
    ("苏州大学", "university", "江苏", ["suzhou"]),
    ("中科院苏州纳米所", "institute", "江苏", ["suzhou"]),
    ("昆山精密机械股份有限公司", "enterprise", "江苏", ["suzhou"]),
    ("常熟新材料有限公司", "enterprise", "江苏", ["suzhou"]),
    ("南京工业大学", "university", "江苏", ["suzhou", "hefei"]),
    ("江苏省人民医院", "hospital", "江苏", ["suzhou"]),
    ("无锡芯片设计有限公司", "enterprise", "江苏", ["suzhou"]),
    ("厦门大学", "university", "福建", ["xiamen"]),
    ("厦门钨业股份有限公司", "enterprise", "福建", ["xiamen"]),
    ("厦门稀土材料研究所", "institute", "福建", ["xiamen"]),
    ("福州光电有限公司", "enterprise", "福建", ["xiamen"]),
    ("泉州智能装备有限公司", "enterprise", "福建", ["xiamen"]),
    ("华侨大学", "university", "福建", ["xiamen"]),
    ("厦门大学附属第一医院", "hospital", "福建", ["xiamen"]),
    ("漳州食品科技有限公司", "enterprise", "福建", ["xiamen"]),
    ("中国科学技术大学", "university", "安徽", ["hefei", "suzhou"]),
    ("合肥量子信息有限公司", "enterprise", "安徽", ["hefei"]),
    ("中科院合肥物质科学研究院", "institute", "安徽", ["hefei"]),
    ("芜湖汽车零部件有限公司", "enterprise", "安徽", ["hefei"]),
    ("安徽医科大学第一附属医院", "hospital", "安徽", ["hefei"]),
    ("合肥工业大学", "university", "安徽", ["hefei", "xiamen"]),
    ("蚌埠玻璃工业设计研究院", "institute", "安徽", ["hefei"]),
    ("马鞍山钢铁股份有限公司", "enterprise", "安徽", ["hefei"]),
    ("上海交通大学", "university", "上海", ["suzhou", "xiamen", "hefei"]),
    ("深圳跨区域创新服务中心", "institute", "广东", ["xiamen"]),
    # Hostile names: they must show as text, never as markup or script.
    ("<img src=x onerror=alert(1)>", "enterprise", "<b>江苏</b>", ["suzhou"]),
    ('"; DROP TABLE organisations; --', "enterprise", "福建", ["xiamen"]),
    ("</script><script>alert(2)</script>", "university", "安徽", ["hefei"]),
    ("无项目群的孤立组织", "enterprise", "浙江", []),
]

CENTRES = {"suzhou": (-0.6, 0.4), "xiamen": (0.6, 0.4), "hefei": (0.0, -0.6)}


def sample():
    rng = random.Random(20240601)
    nodes = []
    for i, (label, kind, region, programs) in enumerate(NAMES):
        # Place each organisation near the mean of its programmes' centres.
        cs = [CENTRES[p] for p in programs] or [(0.0, 0.0)]
        cx = sum(c[0] for c in cs) / len(cs)
        cy = sum(c[1] for c in cs) / len(cs)
        a = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(0.05, 0.35) if programs else 1.0
        nodes.append({
            "id": f"org{i + 1}" if i != 27 else 'org"28\'<x>',  # one hostile id too
            "label": label,
            "x": round(cx + r * math.cos(a), 4),
            "y": round(cy + r * math.sin(a), 4),
            "color": TYPE_COLORS[kind],
            "type": kind,
            "region": region,
            "programs": programs,
        })
    edges = {}
    for i, a in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            b = nodes[j]
            shared = set(a["programs"]) & set(b["programs"])
            if shared and rng.random() < 0.28:
                edges[(a["id"], b["id"])] = float(rng.randint(1, 4))
    degree = {n["id"]: 0 for n in nodes}
    for (s, t) in edges:
        degree[s] += 1
        degree[t] += 1
    for n in nodes:
        d = degree[n["id"]]
        n["size"] = round(4 + 1.5 * math.sqrt(d), 2)
        n["metrics"] = {
            "degree": d,
            "betweenness": rng.random() * 0.3 if d else 0.0,
            "closeness": rng.random() if d else 0.0,
            "eigenvector": rng.random() / 7,
        }
    return {
        "nodes": nodes,
        "edges": [[s, t, w] for (s, t), w in edges.items()],
        "programs": ["suzhou", "xiamen", "hefei"],
        "types": list(TYPE_COLORS),
        "note": f"whole network ({len(nodes)} organisations)",
    }


def script_json(value):
    """JSON for a <script type="application/json"> block: '<' as \\u003c, so no
    '</script' or '<!--' can occur inside it (this is what the Rust side must do)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def page(data):
    bundle = (JS / "sigma-graphology.min.js").read_text(encoding="utf-8")
    explorer = (JS / "network-explorer.js").read_text(encoding="utf-8")
    for name, text in (("bundle", bundle), ("explorer", explorer)):
        low = text.lower()
        if "</script" in low or "<!--" in low or "<script" in low:
            raise SystemExit(f"{name} cannot be inlined in <script>")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>network explorer demo</title>"
        "<style>body{font-family:sans-serif;margin:1em 2em}.note{color:#555;font-size:.9em}"
        + EXPLORER_CSS + "</style></head><body>"
        "<h1>创新联合体合作网络分析 explorer demo</h1>"
        + EXPLORER_HTML.replace("{json}", script_json(data))
        + f"<script>{bundle}</script><script>{explorer}</script></body></html>\n"
    )


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/explorer/demo.html")
    out.parent.mkdir(parents=True, exist_ok=True)
    data = sample()
    out.write_text(page(data), encoding="utf-8")
    (out.with_suffix(".json")).write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{out}: {out.stat().st_size} bytes, {len(data['nodes'])} nodes, {len(data['edges'])} edges")


if __name__ == "__main__":
    main()
