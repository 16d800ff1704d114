#!/usr/bin/env python3
"""Checks that networkx reads the dynamic GEXF of `actorgraph graph --slice` as the periods.

Usage: check-dynamic.py DIR

DIR must hold graph.gexf and one directory per period with nodes.csv and edges.csv, from one
run (`actorgraph graph ... --slice month --format csv --out DIR`). For each period, the nodes
and edges whose spells cover it must be exactly those of the period's CSV tables, and their
`mentions_period` and `weight_period` values for it must equal the tables' Mentions and Weight.
Exits 1 with a message naming the period and the mismatch otherwise.
"""

import csv
import sys
from pathlib import Path

import networkx as nx


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def in_period(data, key, start):
    """Returns the element's value of the dynamic attribute `key` in the period that starts on
    `start`, or None if none of its spells starts then."""
    if not any(s == start for s, _ in data.get("spells", [])):
        return None
    values = [v for v, s, _ in data.get(key, []) if s == start]
    return values[0] if len(values) == 1 else "missing"


def check(out):
    graph = nx.read_gexf(out / "graph.gexf")
    problems = []
    if graph.graph.get("mode") != "dynamic":
        problems.append("graph.gexf is not dynamic")
    periods = sorted(p.name for p in out.iterdir() if p.is_dir())
    for period in periods:
        start = period + ("-01" if len(period) == 7 else "-01-01")
        nodes = {r["Id"]: int(r["Mentions"]) for r in read_csv(out / period / "nodes.csv")}
        edges = {
            frozenset((r["Source"], r["Target"])): int(r["Weight"])
            for r in read_csv(out / period / "edges.csv")
        }
        got_nodes = {
            n: v for n, d in graph.nodes(data=True)
            if (v := in_period(d, "mentions_period", start)) is not None
        }
        got_edges = {
            frozenset((a, b)): v for a, b, d in graph.edges(data=True)
            if (v := in_period(d, "weight_period", start)) is not None
        }
        if got_nodes != nodes:
            problems.append(f"{period}: nodes and mentions differ from {period}/nodes.csv")
        if got_edges != edges:
            problems.append(f"{period}: edges and weights differ from {period}/edges.csv")
    return periods, graph, problems


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-dynamic.py DIR")
    periods, graph, problems = check(Path(sys.argv[1]))
    for problem in problems:
        print(f"check-dynamic: {problem}", file=sys.stderr)
    if problems or not periods:
        sys.exit(1)
    print(
        f"check-dynamic: graph.gexf: {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges, spells and counts of {len(periods)} periods as in "
        f"their CSV tables (networkx {nx.__version__})"
    )


if __name__ == "__main__":
    main()
