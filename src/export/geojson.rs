//! GeoJSON (RFC 7946): the actors that have a location as points, and the edges between two
//! of them as lines, for QGIS, kepler.gl, geojson.io or any web map.

use std::io;

use serde::Serialize;

use super::attrs::{self, Record};
use super::view::GraphRef;
use super::{entry, json};
use crate::error::Result;
use crate::gazetteer::Gazetteer;

/// A FeatureCollection.
#[derive(Debug, Serialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: Vec<Feature<'a>>,
}

/// One Feature: a point or a line, with its properties.
#[derive(Debug, Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: Geometry,
    properties: Record<'a>,
}

/// A Point or a LineString, in longitude-latitude order as RFC 7946 wants.
#[derive(Debug, Serialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Point([f64; 2]),
    LineString([[f64; 2]; 2]),
}

/// Writes the graph as a GeoJSON FeatureCollection: one Point feature for each node whose
/// entity has a location (a place's own coordinates, a state's capital), with the node's `id`,
/// `label` and the attributes of the other graph formats as properties; then one LineString
/// feature for each edge whose two ends have locations, from source to target, with `source`,
/// `target`, `weight` and the edge attributes. Coordinates are longitude then latitude, in
/// decimal degrees (WGS 84), as RFC 7946 requires. Nodes without a location, and their edges,
/// are left out: the other formats hold the whole graph.
///
/// ```
/// use actorgraph::{Cooccurrence, Gazetteer, Matcher, Segmenter, write_geojson};
///
/// let gaz = Gazetteer::builtin();
/// let text = "Syria and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
/// let mut out = Vec::new();
/// write_geojson(&counts.to_graph(), &gaz, &mut out)?;
/// let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(json["type"], "FeatureCollection");
/// assert_eq!(json["features"][0]["properties"]["id"], "IRQ");
/// assert_eq!(json["features"][2]["geometry"]["type"], "LineString");
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails.
///
/// # Panics
///
/// Panics if the graph names an entity that `gaz` does not have: the graph must come from
/// this gazetteer.
pub fn write_geojson<'g, W: io::Write>(
    graph: impl Into<GraphRef<'g>>,
    gaz: &Gazetteer,
    wtr: W,
) -> Result<()> {
    let graph = graph.into();
    let mut features = Vec::new();
    let node_attrs = attrs::node_attrs(graph);
    for node in graph.nodes() {
        let e = entry(gaz, node.entity());
        let Some((lat, lon)) = e.location() else { continue };
        features.push(Feature {
            kind: "Feature",
            geometry: Geometry::Point([lon, lat]),
            properties: json::node_record(graph, gaz, &node_attrs, node),
        });
    }
    let edge_attrs = attrs::edge_attrs(graph);
    for (a, b, edge) in graph.edges() {
        let (Some((alat, alon)), Some((blat, blon))) =
            (entry(gaz, a).location(), entry(gaz, b).location())
        else {
            continue;
        };
        features.push(Feature {
            kind: "Feature",
            geometry: Geometry::LineString([[alon, alat], [blon, blat]]),
            properties: json::edge_record(graph, gaz, &edge_attrs, (a, b), edge),
        });
    }
    json::write_pretty(&Collection { kind: "FeatureCollection", features }, wtr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{EntityKind, Entry};
    use crate::{Cooccurrence, Matcher, Segmenter};

    #[test]
    fn located_nodes_are_points_and_their_edges_lines() {
        let gaz = Gazetteer::builder()
            .add(Entry::new("paris", EntityKind::Place, "Paris").coordinates(48.85, 2.35))
            .add(Entry::new("lyon", EntityKind::Place, "Lyon").coordinates(45.76, 4.84))
            .add(Entry::new("acme", EntityKind::Group, "Acme"))
            .build()
            .unwrap();
        let text = "Acme flew from Paris to Lyon.";
        let mut counts = Cooccurrence::new();
        counts.add_document(
            &Matcher::new(&gaz).unwrap().find_all(text),
            &Segmenter::new().segment(text),
        );
        let mut out = Vec::new();
        write_geojson(&counts.to_graph(), &gaz, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let features = json["features"].as_array().unwrap();
        // Two points, one line: Acme has no location, so neither it nor its edges appear.
        let kinds: Vec<&str> =
            features.iter().map(|f| f["geometry"]["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["Point", "Point", "LineString"]);
        let paris = features.iter().find(|f| f["properties"]["id"] == "paris").unwrap();
        // Longitude first.
        assert_eq!(paris["geometry"]["coordinates"], serde_json::json!([2.35, 48.85]));
        assert_eq!(paris["properties"]["latitude"], 48.85);
        assert_eq!(paris["properties"]["kind"], "place");
        let line = &features[2];
        assert_eq!(line["properties"]["weight"], 1);
        let ends = line["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(ends.len(), 2);
    }
}
