"""Checks what graph.html saw during its scripted interactions (scripts/check-html.sh).

Usage: check-html.py PAGE NODES_CSV < DOM

DOM is Chromium's --dump-dom of PAGE#test=all: the data-test-* attributes of <body> and the
data-* attributes of the canvas are compared with nodes.csv and with each other.
"""
import csv, re, sys
page, nodes_csv = sys.argv[1], sys.argv[2]
dom = sys.stdin.read()
def attrs(tag):
    m = re.search("<" + tag + r"\b[^>]*>", dom)
    return dict(re.findall(r'(data-[\w-]+)="([^"]*)"', m.group(0))) if m else {}
body, canvas = attrs("body"), attrs("canvas")
rows = list(csv.DictReader(open(nodes_csv, newline="", encoding="utf-8")))
failures = []
def check(ok, what):
    if not ok:
        failures.append(what)
def num(key):
    return float(body.get("data-test-" + key, "nan"))
if "data-test-error" in body:
    sys.exit(f"check-html: {page}: the scripted interactions failed: {body['data-test-error']}")
if "data-nodes-drawn" not in canvas or body.get("data-test-done") != "all":
    sys.exit(f"check-html: {page}: the page did not draw or did not finish its interactions")
total = len(rows)
check(int(canvas["data-nodes-drawn"]) == total, f"drew {canvas['data-nodes-drawn']} nodes, nodes.csv has {total}")
check(num("initial-nodes") == total, "the first drawing does not show every node")
for step in ["initial", "zoom", "focus", "clear", "kind", "community", "weight", "time"]:
    if "data-test-" + step + "-overlaps" in body:
        check(num(step + "-overlaps") == 0, f"{step}: {num(step + '-overlaps'):.0f} drawn labels overlap")
check(total == 0 or num("initial-labels") > 0, "no label drawn")
check(num("zoom-after") > 1.5 * num("zoom-before"), "the wheel did not zoom in")
check(body.get("data-test-pan") == "50.0,-30.0", f"a drag on the background panned by {body.get('data-test-pan')}, not 50,-30")
check(total == 0 or body.get("data-test-drag") == "40.0,25.0", f"a dragged node moved by {body.get('data-test-drag')}, not 40,25")
if total > 1:
    bright = num("focus-nodes") - num("focus-dimmed")
    check(body.get("data-test-focus-id"), "a click on a node did not focus it")
    check(bright == num("focus-neighbours") + 1, f"focus shows {bright:.0f} nodes, not the node and its {num('focus-neighbours'):.0f} neighbours")
    check(num("focus-dimmed") == total - bright, "focus does not dim every other node")
    check(num("clear-dimmed") == 0 and body.get("data-test-clear-focus") == "", "a click on the background did not clear the focus")
# With evidence (graph --evidence), a click on a node or an edge lists its sentences.
has_evidence = "id=\"evidence-hint\">" in dom or "id=\"evidence-hint\" >" in dom
if has_evidence and total > 1:
    check(body.get("data-test-focus-evidence", "hidden") not in ("hidden", "0"), "a clicked node lists no evidence")
    if body.get("data-test-edge-selected"):
        check(body.get("data-test-edge-evidence", "hidden") not in ("hidden", "0"), "a clicked edge lists no evidence")
kind = body.get("data-test-kind")
if kind is not None:
    want = sum(1 for r in rows if r["Kind"] != kind)
    check(num("kind-nodes") == want, f"hiding kind {kind} left {num('kind-nodes'):.0f} nodes, not {want}")
community = body.get("data-test-community")
if community is not None and rows and "Community" in rows[0]:
    key = int(community)
    want = sum(1 for r in rows if not (int(r["Community"]) == key or (key == -1 and int(r["Community"]) >= 10)))
    check(num("community-nodes") == want, f"hiding community {community} left {num('community-nodes'):.0f} nodes, not {want}")
if "data-test-weight-nodes" in body:
    check(num("weight-nodes") == num("weight-ends"), "with nodes without edges hidden, nodes other than edge ends are drawn")
    if num("initial-edges") > 0:
        check(1 <= num("weight-edges") <= num("initial-edges"), "the weight slider at its top shows no edge")
if "data-test-time-nodes" in body:
    dated = sum(1 for r in rows if r.get("FirstSeen"))
    check(num("time-nodes") < total or dated == 0, "the time slider hid nothing")
check(body.get("data-test-svg-valid") == "yes", "the SVG export does not parse")
check(num("svg-circles") == total, f"the SVG export has {num('svg-circles'):.0f} circles, not {total}")
# The labels drawn when the SVG is made (the state then, not at the first drawing: a resize
# of the window in between may place another number of them).
check(num("svg-texts") == num("svg-labels") and num("svg-labels") > 0 or num("initial-labels") == 0,
      "the SVG export does not have the drawn labels")
check(num("png-bytes") > 1000, "the PNG export is empty")
if failures:
    sys.exit("\n".join(f"check-html: {page}: {f}" for f in failures))
print(f"check-html: {page}: {total} nodes and {canvas['data-edges-drawn']} edges drawn, "
      f"{num('initial-labels'):.0f} labels without overlap; zoom, pan, drag, focus, kind and "
      f"community filters, weight and time sliders, SVG and PNG export checked")
