#!/usr/bin/env python3
"""Validates actorgraph's graph.geojson as RFC 7946 GeoJSON, against the CSV tables of the run.

Usage: check-geojson.py DIR

DIR must hold nodes.csv, edges.csv and graph.geojson from one run (`actorgraph graph ...
--format csv,geojson`). The file must parse as a GeoJSON FeatureCollection under the strict
models of geojson-pydantic (from PyPI); every position must be [longitude, latitude] within
range, with no "crs" member (RFC 7946 drops it); every Point must be a node of nodes.csv with
its Latitude and Longitude, every LineString an edge of edges.csv between two located nodes,
and every located node and every edge between located nodes must be there. Exits 1 with a
message naming the file and the problem otherwise.
"""

import csv
import json
import math
import sys
from pathlib import Path

import geojson_pydantic
from geojson_pydantic import FeatureCollection


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def close(a, b):
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-geojson.py DIR")
    out = Path(sys.argv[1])
    path = out / "graph.geojson"
    text = path.read_text(encoding="utf-8")
    problems = []
    try:
        collection = FeatureCollection.model_validate_json(text)
    except Exception as err:  # pydantic's ValidationError names every field that is wrong
        sys.exit(f"check-geojson: {path}: not a valid GeoJSON FeatureCollection: {err}")
    raw = json.loads(text)
    if "crs" in raw:
        problems.append("has a crs member, which RFC 7946 removed")

    nodes = {row["Id"]: row for row in read_csv(out / "nodes.csv")}
    located = {i: r for i, r in nodes.items() if r.get("Latitude") and r.get("Longitude")}
    edges = {(r["Source"], r["Target"]) for r in read_csv(out / "edges.csv")}
    directed = any(r.get("Type") == "Directed" for r in read_csv(out / "edges.csv"))
    want_lines = {
        (s, t) for (s, t) in edges if s in located and t in located
    }

    points, lines = set(), set()
    for index, feature in enumerate(collection.features):
        where = f"feature {index}"
        geometry = feature.geometry
        props = feature.properties or {}
        if geometry is None:
            problems.append(f"{where}: no geometry")
            continue
        positions = (
            [geometry.coordinates]
            if geometry.type == "Point"
            else list(geometry.coordinates)
        )
        for position in positions:
            lon, lat = position[0], position[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                problems.append(f"{where}: position {lon}, {lat} is out of range")
        if geometry.type == "Point":
            node = nodes.get(props.get("id"))
            if node is None:
                problems.append(f"{where}: point {props.get('id')!r} is no node of nodes.csv")
                continue
            if not (close(node["Longitude"], positions[0][0]) and close(node["Latitude"], positions[0][1])):
                problems.append(
                    f"{where}: {props['id']} is at {positions[0]}, nodes.csv says "
                    f"[{node['Longitude']}, {node['Latitude']}] (longitude first)"
                )
            points.add(props["id"])
        elif geometry.type == "LineString":
            pair = (props.get("source"), props.get("target"))
            if len(positions) != 2:
                problems.append(f"{where}: a line of {len(positions)} positions, not 2")
            if pair not in edges and (directed or pair[::-1] not in edges):
                problems.append(f"{where}: line {pair} is no edge of edges.csv")
            lines.add(pair if pair in edges else pair[::-1])
        else:
            problems.append(f"{where}: unexpected geometry {geometry.type}")

    if points != set(located):
        problems.append(
            f"points differ from the located nodes of nodes.csv, e.g. {sorted(points ^ set(located))[:5]}"
        )
    if lines != want_lines:
        problems.append(
            f"lines differ from the edges between located nodes, e.g. {sorted(lines ^ want_lines)[:5]}"
        )
    for problem in problems:
        print(f"check-geojson: {path}: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(
        f"check-geojson: {path}: a valid FeatureCollection of {len(points)} points and "
        f"{len(lines)} lines, as in the CSV tables (geojson-pydantic {geojson_pydantic.__version__})"
    )


if __name__ == "__main__":
    main()
