#!/usr/bin/env bash
# Show that two builds of consortia write the same bytes: every command on the shipped
# datasets and on generated ones (random small, tiny with quirks, the scenario), then a
# recursive diff. Only the seconds of `batch` (stdout and batch_timings.csv) may differ.
#
#   scripts/same_outputs.sh OLD_BINARY NEW_BINARY
#
# e.g. before a refactor: `git stash; cargo build --release; cp target/release/consortia
# /tmp/old; git stash pop; cargo build --release; scripts/same_outputs.sh /tmp/old
# target/release/consortia`. Exit 0 when identical.
set -u
old=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
run_all() { # BIN NAME: every command into $work/out, then moved to $work/NAME
  local B=$1 O=$work/out
  rm -rf "$O"; mkdir -p "$O"
  "$B" generate --size small --seed 7 --out "$O/gen-small" >"$O/gen.stdout" 2>&1
  "$B" generate --size tiny --seed 3 --quirks --out "$O/gen-tiny-quirks" >"$O/genq.stdout" 2>&1
  "$B" generate --scenario models --seed 2024 --out "$O/gen-scen" >"$O/gens.stdout" 2>&1
  for d in datasets/public-record datasets/scenario-models "$O/gen-small" "$O/gen-tiny-quirks"; do
    n=$(basename "$d")
    "$B" analyze "$d" --out "$O/an-$n" >"$O/an-$n.stdout" 2>"$O/an-$n.stderr"; echo "rc $?" >>"$O/an-$n.stdout"
  done
  "$B" analyze datasets/scenario-models --out "$O/an-scen-city" --region-level city --color-by region \
    --dpi 300 --betweenness approx --epsilon 0.05 --threads 1 >"$O/an2.stdout" 2>&1
  "$B" check datasets/public-record --out "$O/check-pr" >"$O/check.stdout" 2>&1; echo "rc $?" >>"$O/check.stdout"
  "$B" check datasets/scenario-models --strict >"$O/check2.stdout" 2>&1; echo "rc $?" >>"$O/check2.stdout"
  "$B" compare datasets/public-record datasets/scenario-models --out "$O/cmp" >"$O/cmp.stdout" 2>&1
  "$B" compare datasets/public-record datasets/scenario-models --by dataset --out "$O/cmp2" >"$O/cmp2.stdout" 2>&1
  "$B" validate datasets/public-record >"$O/val.stdout" 2>&1
  "$B" validate tests/fixtures/messy >"$O/val2.stdout" 2>&1; echo "rc $?" >>"$O/val2.stdout"
  "$B" batch datasets/public-record datasets/scenario-models --out "$O/batch" --quiet >"$O/batch.stdout" 2>&1
  echo "rc $?" >>"$O/batch.stdout"
  "$B" analyze tests/fixtures/does-not-exist --out "$O/x" >"$O/bad.stdout" 2>&1; echo "rc $?" >>"$O/bad.stdout"
  find "$O" -name batch_timings.csv -delete
  sed -i -E 's/ +[0-9]+\.[0-9]{2}  / SECONDS  /' "$O/batch.stdout"
  mv "$O" "$work/$2"
}
run_all "$old" old
run_all "$new" new
if diff -r "$work/old" "$work/new"; then
  echo "identical: every output of both builds ($work)"
else
  echo "DIFFERENT (outputs kept in $work)"; exit 1
fi
