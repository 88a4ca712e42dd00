#!/usr/bin/env bash
# Benchmark: wall time and peak memory of `consortia generate` at every preset and at one
# million organisations, and of `consortia analyze` on the presets exact betweenness can
# take (tiny, small, medium; large needs the approximate estimator of a later version).
# Prints a table; asserts nothing. Usage: scripts/bench.sh [WORKDIR]   (default: a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$(pwd)/target/release/consortia"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
measure() { # label, command...: prints "label  seconds  peak-MB"
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
  read -r secs kb < "$work/time.txt"
  printf "%-44s %9s s %9.0f MB\n" "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr)"
printf "%-44s %11s %12s\n" "step" "wall" "peak memory"
for size in tiny small medium large; do
  measure "generate --size $size" "$bin" generate --size "$size" --seed 1 --out "$work/$size"
done
measure "generate 1,000,000 organisations" "$bin" generate --orgs 1000000 --consortia 80000 --projects 125000 --seed 1 --out "$work/million"
for size in tiny small medium; do
  measure "analyze $size (exact, figures, report)" "$bin" analyze "$work/$size" --out "$work/$size-out"
  ties=$(python3 -c "import json,sys; s=json.load(open('$work/$size-out/summary.json')); print(s['network']['nodes'], 'organisations,', s['network']['ties'], 'ties')")
  echo "    ($ties)"
done
