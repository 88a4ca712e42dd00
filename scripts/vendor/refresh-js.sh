#!/usr/bin/env bash
# Rebuild the vendored front-end bundle assets/js/sigma-graphology.min.js.
#
# Installs the versions pinned in scripts/vendor/npm/package-lock.json (sigma 3,
# graphology, graphology-utils and their one runtime dependency, events, plus
# esbuild) from the npm registry into a temporary directory, bundles them into
# one minified IIFE that sets window.Sigma and window.graphology, and copies the
# packages' licence files to assets/js/licenses/. The output is byte-for-byte
# reproducible: run it twice and compare `sha256sum assets/js/sigma-graphology.min.js`.
#
# Usage: scripts/vendor/refresh-js.sh            (rebuild in place)
#        scripts/vendor/refresh-js.sh --check    (rebuild in a temp dir, fail if it differs)
#
# To move to new versions: edit the exact versions in scripts/vendor/npm/package.json,
# run `npm install --no-audit --no-fund --package-lock-only` in a copy of that folder,
# copy the new package-lock.json back, rerun this script, and update assets/js/README.md
# (versions, sha256) and the copyright lines below if the licences changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out_dir="$root/assets/js"
check=0
if [[ "${1:-}" == "--check" ]]; then check=1; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$here/npm/package.json" "$here/npm/package-lock.json" "$here/npm/entry.js" "$work/"
cd "$work"
# `npm ci` is `npm install` held to the lock file: exact versions and integrity
# hashes, and it fails instead of resolving anew if package.json and the lock disagree.
# No install scripts are needed: esbuild's binary comes from its @esbuild/<platform> package.
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null

ver() { node -p "require('./node_modules/$1/package.json').version"; }
v_sigma="$(ver sigma)"; v_graphology="$(ver graphology)"
v_utils="$(ver graphology-utils)"; v_events="$(ver events)"; v_esbuild="$(ver esbuild)"

# Each bundled package's copyright line must still be in its licence file; if one
# changed with a version bump, update the banner below.
need() { grep -qF "$2" "node_modules/$1/$3" || { echo "licence of $1 changed: update the banner" >&2; exit 1; }; }
need sigma "Copyright (C) 2013-2025, Alexis Jacomy, Guillaume Plique, Benoît Simard" LICENSE.txt
need graphology "Copyright (c) 2016-2021 Guillaume Plique (Yomguithereal)" LICENSE.txt
need graphology-utils "Copyright (c) 2017-2021 Guillaume Plique (Yomguithereal)" LICENSE.txt
need events "Copyright Joyent, Inc. and other Node contributors." LICENSE

# --target es2019: plain syntax every current browser runs; ASCII output (esbuild's
# default charset) so the bundle is safe to inline whatever the page's encoding.
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2019 \
  --platform=browser --legal-comments=none --log-level=warning \
  --define:process.env.NODE_ENV='"production"' --outfile=bundle.js

{
  cat <<EOF
/*! sigma ${v_sigma}, graphology ${v_graphology}, graphology-utils ${v_utils}, events ${v_events}; bundled with esbuild ${v_esbuild} by scripts/vendor/refresh-js.sh.
Copyright (C) 2013-2025, Alexis Jacomy, Guillaume Plique, Benoît Simard https://www.sigmajs.org (sigma)
Copyright (c) 2016-2021 Guillaume Plique (Yomguithereal) (graphology)
Copyright (c) 2017-2021 Guillaume Plique (Yomguithereal) (graphology-utils)
Copyright Joyent, Inc. and other Node contributors. (events)
All four are released under the MIT License:
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
*/
EOF
  cat bundle.js
} > sigma-graphology.min.js

# The bundle is inlined in <script>...</script>: it must not contain anything the
# HTML parser reacts to inside a script element.
if grep -qiE '</script|<script|<!--' sigma-graphology.min.js; then
  echo "bundle contains </script, <script or <!--: cannot be inlined" >&2; exit 1
fi

if [[ $check == 1 ]]; then
  if cmp -s sigma-graphology.min.js "$out_dir/sigma-graphology.min.js"; then
    echo "up to date: $(sha256sum < sigma-graphology.min.js | cut -d' ' -f1)"; exit 0
  fi
  echo "assets/js/sigma-graphology.min.js differs from a fresh build" >&2; exit 1
fi

mkdir -p "$out_dir/licenses"
cp sigma-graphology.min.js "$out_dir/sigma-graphology.min.js"
cp node_modules/sigma/LICENSE.txt "$out_dir/licenses/sigma-LICENSE.txt"
cp node_modules/graphology/LICENSE.txt "$out_dir/licenses/graphology-LICENSE.txt"
cp node_modules/graphology-utils/LICENSE.txt "$out_dir/licenses/graphology-utils-LICENSE.txt"
cp node_modules/events/LICENSE "$out_dir/licenses/events-LICENSE.txt"
echo "sigma $v_sigma, graphology $v_graphology, graphology-utils $v_utils, events $v_events, esbuild $v_esbuild"
echo "$(wc -c < "$out_dir/sigma-graphology.min.js") bytes, sha256 $(sha256sum < "$out_dir/sigma-graphology.min.js" | cut -d' ' -f1)"
