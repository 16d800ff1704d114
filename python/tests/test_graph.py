"""Graphs: the same nodes, edges and files as the command line's `graph`, networkx, and the
same results at any thread count."""

import json
import pathlib
import threading
import time

import pytest

import actorgraph
from conftest import ARTICLES, cli

FORMATS = ["csv", "dot", "gexf", "graphml", "json", "html"]


@pytest.fixture(scope="module")
def articles_graph():
    return actorgraph.Pipeline().graph(pathlib.Path("data/articles"))


def cli_graph(tmp_path, *flags):
    """The files the command line writes for data/articles with `flags`, by name."""
    out = tmp_path / "cli"
    cli("graph", "--quiet", "data/articles", "--format", ",".join(FORMATS), "--out", out, *flags)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def written(graph, tmp_path):
    out = tmp_path / "py"
    graph.write(out, FORMATS)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_nodes_and_edges_match_the_command_line_json(articles_graph, tmp_path):
    data = json.loads(cli_graph(tmp_path)["graph.json"])
    assert (articles_graph.node_count, articles_graph.edge_count) == (
        len(data["nodes"]),
        len(data["edges"]),
    )
    assert len(articles_graph) == len(data["nodes"]) > 100
    assert articles_graph.nodes() == data["nodes"]
    assert articles_graph.edges() == data["edges"]
    assert articles_graph.node_link_data() == data


def test_written_files_are_the_command_line_files_byte_for_byte(articles_graph, tmp_path):
    expected = cli_graph(tmp_path)
    assert sorted(expected) == [
        "actorgraph-manifest.tsv", "edges.csv", "graph.dot", "graph.gexf", "graph.graphml",
        "graph.html", "graph.json", "nodes.csv",
    ]
    assert written(articles_graph, tmp_path) == expected
    assert articles_graph.to_json().encode("utf-8") == expected["graph.json"]


def test_filters_and_windows_give_the_command_line_files(tmp_path):
    flags = [
        "--window", "paragraph", "--weight", "npmi", "--exclude", "USA", "--kinds",
        "state,person,group", "--top-edges", "60", "--drop-isolated", "--no-discover",
    ]
    graph = actorgraph.Pipeline(
        window="paragraph",
        weight="npmi",
        exclude=["USA"],
        kinds=["state", "person", "group"],
        top_edges=60,
        drop_isolated=True,
        discover=False,
    ).graph(pathlib.Path("data/articles"))
    assert graph.edge_count == 60
    assert written(graph, tmp_path) == cli_graph(tmp_path, *flags)


def test_texts_give_the_graph_of_the_files_they_come_from(articles_graph):
    docs = [
        {"id": f"data/articles/{p.name}", "text": p.read_text(encoding="utf-8"), "date": p.name[:10]}
        for p in sorted(ARTICLES.iterdir())
    ]
    assert actorgraph.Pipeline().graph(docs).to_json() == articles_graph.to_json()


def test_a_small_graph_from_texts():
    graph = actorgraph.graph(["Iran and Iraq signed a deal.", "Iran, Iraq and Syria met in Baghdad."])
    edges = {(e["source"], e["target"]): e["weight"] for e in graph.edges()}
    assert edges[("IRN", "IRQ")] == 2
    assert {n["id"] for n in graph.nodes()} == {"IRN", "IRQ", "SYR", "baghdad"}
    assert repr(graph) == "<actorgraph.Graph: 4 nodes, 6 edges>"


def test_to_networkx_has_every_attribute(articles_graph):
    nx = pytest.importorskip("networkx")
    g = articles_graph.to_networkx()
    assert isinstance(g, nx.Graph)
    assert (g.number_of_nodes(), g.number_of_edges()) == (articles_graph.node_count, articles_graph.edge_count)
    node = articles_graph.nodes()[0]
    assert g.nodes[node["id"]] == {k: v for k, v in node.items() if k != "id"}
    edge = articles_graph.edges()[0]
    attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
    assert g.edges[edge["source"], edge["target"]] == attrs
    assert g.nodes["RUS"]["label"] == "Russia"


def test_the_same_results_at_any_thread_count():
    docs = [pathlib.Path("data/articles"), pathlib.Path("data/sample.jsonl")]
    runs = []
    for threads in (1, 2, 0):
        p = actorgraph.Pipeline(threads=threads)
        runs.append(([m.to_dict() for m in p.extract_many(docs)], p.graph(docs).to_json()))
    assert runs[0] == runs[1] == runs[2]


def test_the_gil_is_released_while_matching():
    text = (ARTICLES / "2025-06-24-kherson-nato-summit.md").read_text(encoding="utf-8")
    pipeline = actorgraph.Pipeline(threads=1)
    texts = [text] * 400
    took = []

    def work():
        start = time.perf_counter()
        pipeline.extract_many(texts)
        took.append(time.perf_counter() - start)

    worker = threading.Thread(target=work)
    last, gap = time.perf_counter(), 0.0
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        gap, last = max(gap, now - last), now
    worker.join()
    # Holding the GIL, the run would stop this loop for all of its duration.
    assert took[0] > 0.05, "the run is too short to tell"
    assert gap < took[0] / 2, (gap, took[0])
