#!/usr/bin/env bash
# Benchmark, side by side with the peers. One command from a clean clone:
#
#     scripts/bench.sh [WORKDIR]          (default: a fresh temporary folder)
#
# 1. builds the release binary; generates the shapes with `consortia generate --seed 1`:
#    small / medium / large (the generator's presets: many twins, large splits into many
#    components), medium-connected / large-connected (`--connected`: one component, like
#    real collaboration networks), giant-30k (30,000 organisations, one collaboration
#    listing all of them, plus 3,000 consortia and 3,000 projects); and one million
#    organisations (`--connected`), analysed end to end;
# 2. runs `consortia analyze --timings` on each and records every phase's wall time and the
#    peak memory (max RSS, /usr/bin/time), and `consortia lower-bound` (one plain BFS per
#    source over the projection CSR, both cores) on small and medium;
# 3. in a Python venv it creates itself (WORKDIR/venv), runs python-igraph, NetworKit,
#    NetworkX (small only) and rustworkx on the same files doing the same job (load,
#    project, degree, betweenness, closeness, harmonic, PageRank, eigenvector; see
#    scripts/bench/peers.py), each in its own process;
# 4. prints the per-phase table and the ratio of each peer to ours.
#
# Environment: SIZES (default "small medium large medium-connected large-connected
# giant-30k"), PEERS (default "igraph networkit networkx rustworkx"; "none" skips them),
# MILLION=0 skips the one-million run (about 10 minutes).
# Peers run on small, medium and medium-connected only: exact all-pairs metrics on 200,000
# organisations take them hours (BENCHMARKS.md estimates it from their medium runs), and on
# giant-30k they would build a 450-million-tie projection. Numbers are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
sizes="${SIZES:-small medium large medium-connected large-connected giant-30k}"
peers="${PEERS:-igraph networkit networkx rustworkx}"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
results="$work/results.jsonl"
: > "$results"

cargo build --release --quiet
bin="$repo/target/release/consortia"

{
  echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "rustc: $(rustc --version); consortia $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
} | tee "$work/machine.txt"

if [ "$peers" != "none" ]; then
  if [ ! -x "$work/venv/bin/python" ]; then
    echo "creating the peers' venv in $work/venv ..."
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q --disable-pip-version-check \
      python-igraph==1.0.0 networkit==11.3 networkx==3.6.1 rustworkx==0.18.1 numpy scipy
  fi
  "$work/venv/bin/python" -c "import igraph, networkit, networkx, rustworkx; print('peers: igraph', igraph.__version__, '| networkit', networkit.__version__, '| networkx', networkx.__version__, '| rustworkx', rustworkx.__version__)" | tee -a "$work/machine.txt"
fi

# Run a command under /usr/bin/time; append {"label", "wall", "peak_mb", "phases"} to results.
measure() { # kind size label command...
  local kind="$1" size="$2" label="$3"; shift 3
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/stdout.txt" 2> "$work/stderr.txt" \
    || { echo "failed: $*"; tail -n 5 "$work/stderr.txt"; [ "$kind" = peer ] && return 0; exit 1; }
  python3 "$repo/scripts/bench/record.py" "$kind" "$size" "$label" "$work/time.txt" \
    "$work/stdout.txt" "$work/stderr.txt" >> "$results"
  tail -n 1 "$results" | python3 -c "import json,sys; r=json.load(sys.stdin); print(f\"  {r['kind']:<11} {r['size']:<8} {r['label']:<34} {r['wall']:>9.2f} s {r['peak_mb']:>9.0f} MB\")"
}

# The generator's arguments for each shape.
shape() {
  case "$1" in
    small|medium|large) echo "--size $1" ;;
    medium-connected) echo "--size medium --connected" ;;
    large-connected) echo "--size large --connected" ;;
    giant-30k) echo "--orgs 30000 --consortia 3000 --projects 3000 --giant-collaboration 30000" ;;
    million) echo "--orgs 1000000 --consortia 80000 --projects 125000 --connected" ;;
    *) echo "unknown shape $1" >&2; exit 2 ;;
  esac
}
if [ "${MILLION:-1}" != "0" ]; then sizes="$sizes million"; fi

echo "== generate"
for size in $sizes; do
  # shellcheck disable=SC2046
  measure generate "$size" "generate $(shape "$size")" "$bin" generate $(shape "$size") --seed 1 --out "$work/$size"
done

echo "== consortia analyze (default: exact up to 50,000 organisations, sampled betweenness above)"
for size in $sizes; do
  rm -rf "$work/$size-out"
  measure ours "$size" "consortia analyze" "$bin" analyze "$work/$size" --out "$work/$size-out" --timings
  case "$size" in small|medium|medium-connected)
    measure bound "$size" "lower bound (BFS per source)" "$bin" lower-bound "$work/$size" ;;
  esac
done
rm -rf "$work/million" "$work/million-out"

if [ "$peers" != "none" ]; then
  echo "== peers (each in its own process)"
  for size in $sizes; do
    case "$size" in small|medium|medium-connected) ;; *) continue ;; esac
    for peer in $peers; do
      [ "$peer" = networkx ] && [ "$size" != small ] && continue
      measure peer "$size" "$peer" "$work/venv/bin/python" "$repo/scripts/bench/peers.py" "$peer" "$work/$size"
    done
  done
fi

echo
python3 "$repo/scripts/bench/summarize.py" "$results" "$work/machine.txt" | tee "$work/summary.md"
echo "(results: $results; summary: $work/summary.md)"
