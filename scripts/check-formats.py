#!/usr/bin/env python3
"""Checks that networkx reads actorgraph's GEXF, GraphML and node-link JSON output.

Usage: check-formats.py DIR

DIR must hold nodes.csv, edges.csv, graph.gexf, graph.graphml and graph.json from one run
(`actorgraph graph ... --format csv,gexf,graphml,json`). For each graph file, the node ids, the
node count, the edge count, the sum of edge weights and the sum of node mentions must equal
those of the CSV tables (the weight sum up to rounding, since a weight may be an association
measure), and the attributes must come back with their declared types. Exits 1 with a message
naming the file and the mismatch otherwise.

The graph of `graph --relations events` (edges.csv with Type `Directed`) must be read as a
directed graph (networkx DiGraph) in every format, with each edge from its Source to its Target
as in edges.csv; node events (out_events + in_events) stand in for mentions, and the event
attributes (counts per quad class, signed weight, mean score) must have their types. A
co-occurrence graph must be read as undirected.
"""

import csv
import json
import math
import sys
from pathlib import Path

import networkx as nx


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def node_size(row):
    """Mentions of a co-occurrence node, events of an event-graph node (CSV or networkx)."""
    if "Mentions" in row:
        return int(row["Mentions"])
    if "OutEvents" in row:
        return int(row["OutEvents"]) + int(row["InEvents"])
    if "mentions" in row:
        return row["mentions"]
    return row.get("out_events", 0) + row.get("in_events", 0)


def expected(out):
    nodes = read_csv(out / "nodes.csv")
    edges = read_csv(out / "edges.csv")
    types = {row["Type"] for row in edges}
    return {
        "ids": {row["Id"] for row in nodes},
        "nodes": len(nodes),
        "edges": len(edges),
        "weight": sum(float(row["Weight"]) for row in edges),
        "mentions": sum(node_size(row) for row in nodes),
        "directed": types == {"Directed"},
        "pairs": {(row["Source"], row["Target"]) for row in edges},
    }


def read_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    # networkx >= 3.4 defaults to "edges" (older 3.x to "links"); actorgraph writes "edges".
    return nx.node_link_graph(data, edges="edges")


def summary(graph):
    return {
        "ids": set(graph.nodes),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "weight": sum(float(w) for _, _, w in graph.edges(data="weight")),
        "mentions": sum(node_size(attrs) for _, attrs in graph.nodes(data=True)),
    }


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_event_types(name, graph):
    """Returns problems with the attribute types of an event graph."""
    problems = []
    for node, attrs in graph.nodes(data=True):
        for key in ("out_events", "in_events"):
            if not is_int(attrs.get(key)):
                problems.append(f"{name}: node {node!r}: {key} is {attrs.get(key)!r}, not an int")
        if not attrs.get("label") or not attrs.get("kind"):
            problems.append(f"{name}: node {node!r}: label or kind is missing")
    classes = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    for a, b, attrs in graph.edges(data=True):
        for key in ("events", "documents", "signed") + classes:
            if not is_int(attrs.get(key)):
                problems.append(f"{name}: edge {a!r}->{b!r}: {key} is {attrs.get(key)!r}")
        if is_int(attrs.get("events")) and sum(attrs.get(k, 0) for k in classes) != attrs["events"]:
            problems.append(f"{name}: edge {a!r}->{b!r}: the quad classes do not add up to events")
        score = attrs.get("mean_score")
        if not isinstance(score, float) or not -10 <= score <= 10:
            problems.append(f"{name}: edge {a!r}->{b!r}: mean_score is {score!r}")
        if attrs.get("quad_class") not in classes:
            problems.append(f"{name}: edge {a!r}->{b!r}: quad_class is {attrs.get('quad_class')!r}")
    return problems[:10]


def check_types(name, graph, directed):
    """Returns problems with attribute types: counts must be ints, measures floats, discovered
    a bool."""
    if directed:
        return check_event_types(name, graph)
    problems = []
    for node, attrs in graph.nodes(data=True):
        for key in ("mentions", "documents", "adjectival"):
            if not isinstance(attrs.get(key), int) or isinstance(attrs.get(key), bool):
                problems.append(f"{name}: node {node!r}: {key} is {attrs.get(key)!r}, not an int")
        if not isinstance(attrs.get("discovered"), bool):
            problems.append(f"{name}: node {node!r}: discovered is {attrs.get('discovered')!r}")
        if not attrs.get("label") or not attrs.get("kind"):
            problems.append(f"{name}: node {node!r}: label or kind is missing")
    for a, b, attrs in graph.edges(data=True):
        for key in ("documents", "windows"):
            if not isinstance(attrs.get(key), int):
                problems.append(f"{name}: edge {a!r}-{b!r}: {key} is {attrs.get(key)!r}")
        for key in ("pmi", "npmi", "jaccard", "dice", "association_strength"):
            value = attrs.get(key)
            if not isinstance(value, float) or not math.isfinite(value):
                problems.append(f"{name}: edge {a!r}-{b!r}: {key} is {value!r}, not a float")
    return problems[:10]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-formats.py DIR")
    out = Path(sys.argv[1])
    want = expected(out)
    readers = {
        "graph.gexf": nx.read_gexf,
        "graph.graphml": nx.read_graphml,
        "graph.json": read_json,
    }
    failed = False
    for name, read in readers.items():
        graph = read(out / name)
        got = summary(graph)
        problems = [
            f"{name}: {key}: networkx read {got[key]}, the CSV tables have {want[key]}"
            for key in ("nodes", "edges", "weight", "mentions")
            if not math.isclose(got[key], want[key], rel_tol=1e-9)
        ]
        if got["ids"] != want["ids"]:
            diff = sorted(got["ids"] ^ want["ids"])[:5]
            problems.append(f"{name}: node ids differ from nodes.csv, e.g. {diff}")
        if graph.is_directed() != want["directed"]:
            what = "a directed" if graph.is_directed() else "an undirected"
            problems.append(f"{name}: networkx read {what} graph; edges.csv says otherwise")
        elif want["directed"] and set(graph.edges()) != want["pairs"]:
            diff = sorted(set(graph.edges()) ^ want["pairs"])[:5]
            problems.append(f"{name}: edge directions differ from edges.csv, e.g. {diff}")
        problems += check_types(name, graph, want["directed"])
        for problem in problems:
            print(f"check-formats: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(
                f"check-formats: {name}: {got['nodes']} nodes, {got['edges']} "
                f"{'directed ' if want['directed'] else ''}edges, "
                f"total weight {got['weight']}, as in the CSV tables (networkx {nx.__version__})"
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
