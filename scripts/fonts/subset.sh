#!/usr/bin/env bash
# Regenerate the embedded Chinese font:
#
#     bash scripts/fonts/subset.sh
#
# Source: Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc, the face whose family name is
# "Noto Sans CJK SC"), installed with apt-get when missing. Tool: fontTools from PyPI,
# pinned below, in a throwaway venv. Output: assets/fonts/NotoSansCJKsc-Regular-subset.otf
# (CFF outlines, no hinting, no glyph names), renamed "Noto Sans CJK SC Subset" so that it
# can never be confused with a full Noto Sans CJK SC installed on the machine.
#
# Kept: every character encodable in GBK (all 2-byte code points that Python's 'gbk' codec
# decodes: ~21,000 Han characters, CJK punctuation, full-width forms, Greek, Cyrillic, box
# drawing, ...), U+0020-U+00FF, U+2000-U+206F, U+2190-U+22FF, U+3000-U+303F,
# U+FF00-U+FFEF and a few symbols, as far as the source face has them.
# Tables: cmap CFF hmtx hhea head maxp name OS/2 post, plus GPOS holding only the
# 'kern' feature (about 30 KB; used by shapers such as rustybuzz in usvg, ignored by
# ab_glyph). GSUB with the default features would almost double the file (locl/vert
# alternates): dropped.
#
# Deterministic: head.created/modified are set to a fixed date; two runs give the same bytes.
# At the end it verifies coverage and prints the sha256, and compares it with the one
# recorded in assets/fonts/README.md.
#
# Environment: FONTTOOLS_VERSION (default pinned below), PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"

FONTTOOLS_VERSION="${FONTTOOLS_VERSION:-4.68.0}"
PYTHON="${PYTHON:-python3}"
TTC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# What the committed subset was made from (Debian bookworm); a different source still
# works but gives a different file, so it is reported.
EXPECTED_PKG_VERSION="1:20220127+repack1-1"
EXPECTED_TTC_SHA256="b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"
OUT_DIR="$repo/assets/fonts"
OUT="$OUT_DIR/NotoSansCJKsc-Regular-subset.otf"

if [ ! -f "$TTC" ]; then
    echo "== $TTC missing: installing fonts-noto-cjk"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-cjk
fi
pkg_version="$(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || echo unknown)"
ttc_sha="$(sha256sum "$TTC" | cut -d' ' -f1)"
echo "== source: fonts-noto-cjk $pkg_version, $TTC sha256 $ttc_sha"
if [ "$pkg_version" != "$EXPECTED_PKG_VERSION" ] || [ "$ttc_sha" != "$EXPECTED_TTC_SHA256" ]; then
    echo "WARNING: source differs from the one the committed subset was made from" >&2
    echo "         (fonts-noto-cjk $EXPECTED_PKG_VERSION, sha256 $EXPECTED_TTC_SHA256): the output will differ" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! "$PYTHON" -m venv "$work/venv" >/dev/null 2>&1; then
    echo "== python venv module missing: installing python3-venv"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
    "$PYTHON" -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "fonttools==$FONTTOOLS_VERSION"
py="$work/venv/bin/python"
echo "== fontTools $("$py" -c 'import fontTools; print(fontTools.version)')"

mkdir -p "$OUT_DIR"
export SOURCE_DATE_EPOCH=1643241600  # 2022-01-27 00:00:00 UTC; belt and braces, see FIXED_TS

# ---------------------------------------------------------------------------------------
# 1. Subset.
# ---------------------------------------------------------------------------------------
"$py" - "$TTC" "$work/subset.otf" <<'PY'
import sys
from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset
from fontTools.misc.timeTools import timestampFromString

ttc, out = sys.argv[1], sys.argv[2]
FAMILY = "Noto Sans CJK SC Subset"
PSNAME = "NotoSansCJKsc-Regular-Subset"
# head.created / head.modified: a fixed value (the upstream release date of the Debian
# package), so the bytes do not depend on when the script runs.
FIXED_TS = timestampFromString("Thu Jan 27 00:00:00 2022")

coll = TTCollection(ttc, lazy=True)
idx = [i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(1) == "Noto Sans CJK SC"]
assert len(idx) == 1, f"expected one 'Noto Sans CJK SC' face, found {idx}"
idx = idx[0]
print(f"   face #{idx} of {len(coll.fonts)} in the collection: Noto Sans CJK SC")
del coll

def gbk_chars():
    s = set()
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            try:
                ch = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            s.add(ord(ch))
    return s

extra = set()
for lo, hi in [(0x20, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
               (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    extra |= set(range(lo, hi + 1))
extra |= {ord(c) for c in "εδγσ≤≥×÷−·…→←"}
wanted = gbk_chars() | extra

font = TTFont(ttc, fontNumber=idx, recalcTimestamp=False, recalcBBoxes=True)
have = set(font.getBestCmap())
unicodes = sorted(wanted & have)
print(f"   requested {len(wanted)} code points, the face has {len(unicodes)}")

KEEP = {"cmap", "CFF ", "hmtx", "hhea", "head", "maxp", "name", "OS/2", "post", "GPOS", "GDEF"}
o = subset.Options()
o.hinting = False               # CFF hints dropped (ab_glyph/usvg do not hint)
o.desubroutinize = False        # subroutines make CFF smaller; unused ones are pruned
o.glyph_names = False           # post format 3
o.notdef_outline = True         # tofu box stays visible
o.layout_features = ["kern"]    # GPOS kern only; GSUB ends up empty and is dropped below
o.name_IDs = ["*"]
o.name_languages = ["*"]
o.name_legacy = True
o.drop_tables = sorted(t for t in font.keys() if t not in KEEP and t != "GlyphOrder")
o.recalc_timestamp = False
s = subset.Subsetter(o)
s.populate(unicodes=unicodes)
s.subset(font)
for t in [t for t in font.keys() if t not in KEEP and t != "GlyphOrder"]:
    del font[t]

# Names: a family name of its own (see assets/fonts/README.md for why), same in every
# language record; copyright (0), trademark (7), designers, licence (13, 14) kept.
name = font["name"]
for rec in list(name.names):
    if rec.nameID in (1, 4, 16):
        name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    elif rec.nameID == 6:
        name.setName(PSNAME, 6, rec.platformID, rec.platEncID, rec.langID)
    elif rec.nameID == 3:
        name.setName(f"2.004;GOOG;{PSNAME};ADOBE", 3, rec.platformID, rec.platEncID, rec.langID)
cff = font["CFF "].cff
cff.fontNames = [PSNAME]

font["head"].created = FIXED_TS
font["head"].modified = FIXED_TS
font.save(out)
print(f"   glyphs {len(font.getGlyphOrder())}, tables {' '.join(sorted(t for t in font.keys() if t != 'GlyphOrder'))}")
PY

cp "$work/subset.otf" "$OUT"

# ---------------------------------------------------------------------------------------
# 2. Verify: reload, coverage of GBK and the extras, sample characters have outlines,
#    characters of the CSV files in datasets/ and tests/fixtures/ (informational).
# ---------------------------------------------------------------------------------------
"$py" - "$TTC" "$OUT" "$repo" <<'PY'
import sys, glob, os, unicodedata
from fontTools.ttLib import TTCollection, TTFont
from fontTools.pens.boundsPen import BoundsPen

ttc, out, repo = sys.argv[1:4]
coll = TTCollection(ttc, lazy=True)
orig = [f for f in coll.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC"][0]
ocmap = set(orig.getBestCmap())
sub = TTFont(out)
scmap = sub.getBestCmap()
ok = True

assert "CFF " in sub and sub.sfntVersion == "OTTO", "expected a CFF-based OpenType font"
print(f"   family {sub['name'].getDebugName(1)!r}, PostScript {sub['name'].getDebugName(6)!r}")

gbk = set()
for lead in range(0x81, 0xFF):
    for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
        try:
            gbk.add(ord(bytes([lead, trail]).decode("gbk")))
        except UnicodeDecodeError:
            pass
han = {c for c in gbk if unicodedata.name(chr(c), "").startswith("CJK ")}
print(f"   GBK: {len(gbk)} characters ({len(han)} Han); the original face covers {len(gbk & ocmap)}")
orig_lacks = sorted(gbk - ocmap)
if orig_lacks:
    print(f"   GBK characters the original Noto face itself lacks ({len(orig_lacks)}): "
          + " ".join(f"U+{c:04X}({chr(c)})" for c in orig_lacks))
missing = sorted((gbk & ocmap) - set(scmap))
print(f"   subset covers {len((gbk & ocmap) & set(scmap))} of them; missing: {len(missing)}")
if missing:
    ok = False
    print("   MISSING:", " ".join(f"U+{c:04X}" for c in missing[:50]))

extra = set()
for lo, hi in [(0x20, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
               (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    extra |= set(range(lo, hi + 1))
extra |= {ord(c) for c in "εδγσ≤≥×÷−·…→←"}
missing = sorted((extra & ocmap) - set(scmap))
print(f"   extra ranges: {len(extra & ocmap)} of {len(extra)} code points exist in the face; subset lacks {len(missing)}")
ok &= not missing

gs = sub.getGlyphSet()
for ch in "中国苏州厦门沪浙皖联合体≥ε":
    g = scmap.get(ord(ch))
    bounds = None
    if g is not None:
        pen = BoundsPen(gs)
        gs[g].draw(pen)
        bounds = pen.bounds
    if bounds is None:
        ok = False
        print(f"   MISSING outline for {ch} (U+{ord(ch):04X})")
print("   sample 中国苏州厦门沪浙皖联合体≥ε: " + ("all present with outlines" if ok else "PROBLEM"))

# Characters used in the project's CSV files (UTF-8, else GB18030).
files = sorted(glob.glob(os.path.join(repo, "datasets", "**", "*.csv"), recursive=True)
               + glob.glob(os.path.join(repo, "tests", "fixtures", "**", "*.csv"), recursive=True))
used = {}
for p in files:
    b = open(p, "rb").read()
    try:
        t = b.decode("utf-8-sig")
    except UnicodeDecodeError:
        t = b.decode("gb18030")
    for c in t:
        if c not in "\r\n\t":
            used.setdefault(c, os.path.relpath(p, repo))
uncovered = sorted(c for c in used if ord(c) not in scmap)
print(f"   CSV files: {len(files)}, distinct characters {len(used)}, not in the subset: {len(uncovered)}")
for c in uncovered:
    print(f"     U+{ord(c):04X} {c!r} ({unicodedata.name(c, '?')}) first in {used[c]}")

sys.exit(0 if ok else 1)
PY

size="$(stat -c %s "$OUT")"
sha="$(sha256sum "$OUT" | cut -d' ' -f1)"
echo "== wrote ${OUT#"$repo"/}: $size bytes, sha256 $sha"
recorded="$(sed -n 's/^Output sha256: `\([0-9a-f]\{64\}\)`.*/\1/p' "$OUT_DIR/README.md" 2>/dev/null || true)"
if [ -n "$recorded" ]; then
    if [ "$recorded" = "$sha" ]; then
        echo "== sha256 matches assets/fonts/README.md"
    else
        echo "WARNING: sha256 differs from assets/fonts/README.md ($recorded)" >&2
    fi
fi
