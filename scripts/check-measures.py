#!/usr/bin/env python3
"""Compares actorgraph's node measures with networkx's on the same graph.

Usage: check-measures.py DIR

DIR must hold graph.graphml from one run (`actorgraph graph ... --format graphml`). Degree and
weighted degree must equal networkx's exactly; betweenness (`betweenness_centrality(G)`) and
eigenvector centrality (`eigenvector_centrality(G, weight="weight")`) must agree to the
rounding actorgraph writes; the modularity of actorgraph's communities must be at least that of
networkx's own Louvain partition (seed 0) less 0.02, and communities must be numbered by
decreasing size. Prints the largest differences; exits 1 naming the first mismatch otherwise.
"""

import sys
from collections import Counter
from pathlib import Path

import networkx as nx


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-measures.py DIR")
    graph = nx.read_graphml(Path(sys.argv[1]) / "graph.graphml")
    problems = []
    for node, attrs in graph.nodes(data=True):
        if attrs["degree"] != graph.degree(node):
            problems.append(f"{node}: degree {attrs['degree']} != {graph.degree(node)}")
        if attrs["weighted_degree"] != graph.degree(node, weight="weight"):
            problems.append(f"{node}: weighted_degree {attrs['weighted_degree']}")
    if "betweenness" in next(iter(graph.nodes.values()), {}):
        want = nx.betweenness_centrality(graph)
        diff = max(abs(graph.nodes[n]["betweenness"] - want[n]) for n in graph)
        rel = max(abs(graph.nodes[n]["betweenness"] - want[n]) / max(want[n], 1e-300) for n in graph)
        print(f"betweenness: max abs difference {diff:.3g}, max relative {rel:.3g}")
        if rel > 1e-5:
            problems.append(f"betweenness differs by {rel:.3g} (relative)")
    if "eigenvector" in next(iter(graph.nodes.values()), {}):
        want = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-9)
        diff = max(abs(graph.nodes[n]["eigenvector"] - want[n]) for n in graph)
        print(f"eigenvector: max abs difference {diff:.3g}")
        if diff > 1e-6:
            problems.append(f"eigenvector differs by {diff:.3g}")
    ours = {}
    for node, attrs in graph.nodes(data=True):
        ours.setdefault(attrs["community"], set()).add(node)
    sizes = [len(ours[c]) for c in sorted(ours)]
    if sizes != sorted(sizes, reverse=True) or sorted(ours) != list(range(len(ours))):
        problems.append(f"communities are not numbered 0.. by decreasing size: {sizes}")
    if graph.number_of_edges() > 0:
        q_ours = nx.community.modularity(graph, ours.values(), weight="weight")
        theirs = nx.community.louvain_communities(graph, weight="weight", seed=0)
        q_theirs = nx.community.modularity(graph, theirs, weight="weight")
        print(f"modularity: actorgraph {q_ours:.6f} ({len(ours)} communities), "
              f"networkx louvain {q_theirs:.6f} ({len(theirs)} communities)")
        if q_ours < q_theirs - 0.02:
            problems.append(f"modularity {q_ours:.4f} is well below networkx's {q_theirs:.4f}")
    for problem in problems[:10]:
        print(f"check-measures: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
