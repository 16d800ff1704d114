#!/usr/bin/env bash
# Checks that graph.html draws the graph in headless Chromium, with no network access.
#
# Usage: scripts/check-html.sh DIR
#
# DIR must hold graph.html and nodes.csv from one run. The page sets data-nodes-drawn on its
# canvas once it has laid out and drawn the graph; the check wants that number to equal the
# node count of nodes.csv. A screenshot is saved as target/ci-artifacts/graph.png.
set -euo pipefail

dir=${1:?usage: check-html.sh DIR [NAME]}
name=${2:-graph}
page="$(cd "$dir" && pwd)/graph.html"
chromium=${CHROMIUM:-/usr/bin/chromium}
artifacts=target/ci-artifacts
mkdir -p "$artifacts"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile"
    --window-size=1400,1000)

# Nodes in the CSV table: every record after the header (labels may be quoted but never hold
# line breaks).
want=$(($(wc -l <"$dir/nodes.csv") - 1))

dom=$("$chromium" "${flags[@]}" --dump-dom "file://$page" 2>/dev/null)
drawn=$(printf '%s' "$dom" | grep -o 'data-nodes-drawn="[0-9]*"' | grep -o '[0-9]\+' || true)
if [ -z "$drawn" ]; then
    echo "check-html: $page: the page did not draw (no data-nodes-drawn on the canvas)" >&2
    exit 1
fi
if [ "$drawn" -ne "$want" ]; then
    echo "check-html: $page: drew $drawn nodes, nodes.csv has $want" >&2
    exit 1
fi
edges=$(printf '%s' "$dom" | grep -o 'data-edges-drawn="[0-9]*"' | grep -o '[0-9]\+')

"$chromium" "${flags[@]}" --screenshot="$artifacts/$name.png" "file://$page" >/dev/null 2>&1
if [ ! -s "$artifacts/$name.png" ]; then
    echo "check-html: $page: no screenshot was written" >&2
    exit 1
fi
echo "check-html: $page drew $drawn nodes and $edges edges in Chromium; screenshot $artifacts/$name.png"
