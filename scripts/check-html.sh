#!/usr/bin/env bash
# Checks graph.html in headless Chromium, with no network access: that it draws the graph, and
# that its interactions work when played through real mouse, wheel and input events.
#
# Usage: scripts/check-html.sh DIR [NAME]
#
# DIR must hold graph.html and nodes.csv from one run. The page sets data-nodes-drawn on its
# canvas once it has drawn the graph; the check wants that number to equal the node count of
# nodes.csv. Opened as graph.html#test=all, the page plays its scripted interactions (zoom,
# pan, node drag, focus on the node of highest degree and clearing it, hiding the first kind
# and the first community of the legend, the weight slider at its top with nodes without edges
# hidden, the time slider, SVG and PNG export; with --evidence, the sentences of a clicked node
# and edge) and writes what it saw as data-test-*
# attributes of <body>, which --dump-dom prints; the checks below compare them with nodes.csv
# and with each other, and want no two drawn labels to overlap. Screenshots are saved as
# target/ci-artifacts/NAME.png (default NAME: graph), NAME-focus.png and NAME-zoom.png.
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

dom=$("$chromium" "${flags[@]}" --dump-dom "file://$page#test=all" 2>/dev/null)
printf '%s' "$dom" | python3 "$(dirname "$0")/check-html.py" "$page" "$dir/nodes.csv"

for view in "" focus zoom; do
    shot="$artifacts/$name${view:+-$view}.png"
    rm -f "$shot"
    "$chromium" "${flags[@]}" --screenshot="$shot" "file://$page${view:+#test=$view}" >/dev/null 2>&1
    if [ ! -s "$shot" ]; then
        echo "check-html: $page: no screenshot was written ($shot)" >&2
        exit 1
    fi
done
echo "check-html: screenshots $artifacts/$name.png, $name-focus.png and $name-zoom.png"
