#!/usr/bin/env bash
# Open every graph export with real readers: NetworkX and python-igraph (a throw-away venv,
# pinned in exports_requirements.txt) and graphology's GEXF/GraphML parsers (the ones Gephi
# Lite and sigma.js use; npm ci from package-lock.json); and every tables/*.parquet
# (analyze --parquet) with pandas + pyarrow against its CSV (parquet_check.py). Datasets:
# both shipped ones, the messy fixture (GB18030, hostile names) at city level. Exit
# non-zero on any failure.
#
#   scripts/crosscheck/exports_ci.sh [BINARY]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/target/release/consortia}"
work="$(mktemp -d)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check -r "$here/exports_requirements.txt"
(cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null)
status=0
for spec in "public-record:$root/datasets/public-record:province" \
            "scenario-models:$root/datasets/scenario-models:province" \
            "messy:$root/tests/fixtures/messy:city"; do
  IFS=: read -r name dir level <<<"$spec"
  "$bin" analyze "$dir" --out "$work/$name" --region-level "$level" --parquet --quiet >/dev/null 2>&1
  echo "== $name"
  "$work/venv/bin/python" "$here/exports_check.py" "$work/$name/exports" \
    --csv "$work/$name/tables/org_centrality.csv" $( [ -f "$work/$name/tables/org_structure.csv" ] && echo --csv "$work/$name/tables/org_structure.csv" ) | tail -1 || status=1
  (cd "$here" && node graphology_check.mjs "$work/$name/exports" | tail -1) || status=1
  "$work/venv/bin/python" "$here/parquet_check.py" "$work/$name/tables" | tail -1 || status=1
done
rm -rf "$work"
exit $status
