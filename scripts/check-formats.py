#!/usr/bin/env python3
"""Checks that networkx reads actorgraph's GEXF, GraphML and node-link JSON output.

Usage: check-formats.py DIR

DIR must hold nodes.csv, edges.csv, graph.gexf, graph.graphml and graph.json from one run
(`actorgraph graph ... --format csv,gexf,graphml,json`). For each graph file, the node ids, the
node count, the edge count, the sum of edge weights and the sum of node mentions must equal
those of the CSV tables (the weight sum up to rounding, since a weight may be an association
measure), and the attributes must come back with their declared types. Exits 1 with a message
naming the file and the mismatch otherwise.
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


def expected(out):
    nodes = read_csv(out / "nodes.csv")
    edges = read_csv(out / "edges.csv")
    return {
        "ids": {row["Id"] for row in nodes},
        "nodes": len(nodes),
        "edges": len(edges),
        "weight": sum(float(row["Weight"]) for row in edges),
        "mentions": sum(int(row["Mentions"]) for row in nodes),
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
        "mentions": sum(m for _, m in graph.nodes(data="mentions")),
    }


def check_types(name, graph):
    """Returns problems with attribute types: counts must be ints, measures floats, discovered
    a bool."""
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
        if graph.is_directed():
            problems.append(f"{name}: networkx read a directed graph")
        problems += check_types(name, graph)
        for problem in problems:
            print(f"check-formats: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(
                f"check-formats: {name}: {got['nodes']} nodes, {got['edges']} edges, "
                f"total weight {got['weight']}, as in the CSV tables (networkx {nx.__version__})"
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
