//! The node and edge attributes that the graph formats write, declared once.
//!
//! Every format writes the same attributes in the same order: CSV as columns, GEXF and GraphML
//! as typed attributes or keys, JSON as object members. A new attribute is added here, and each
//! format picks it up. The id, the label and the edge weight are not in these lists, because
//! each format has its own place for them.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::view::{EdgeRef, GraphRef, NodeRef};
use super::{entry, state_of};
use crate::cooccur::{CooccurrenceGraph, EdgeWeight, EventWeight, Node, NodeMeasures};
use crate::corpus::Date;
use crate::gazetteer::EntityId;
use crate::gazetteer::Gazetteer;

/// The type of an attribute's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AttrType {
    /// A count.
    Integer,
    /// A real number.
    Double,
    /// Text.
    String,
    /// `true` or `false`.
    Boolean,
}

impl AttrType {
    /// The type's name in GEXF.
    pub(crate) fn gexf(self) -> &'static str {
        match self {
            AttrType::Integer => "long",
            AttrType::Double => "double",
            AttrType::String => "string",
            AttrType::Boolean => "boolean",
        }
    }

    /// The type's name in GraphML.
    pub(crate) fn graphml(self) -> &'static str {
        match self {
            AttrType::Integer => "long",
            AttrType::Double => "double",
            AttrType::String => "string",
            AttrType::Boolean => "boolean",
        }
    }
}

/// One attribute: its name in XML and JSON, its CSV column title, its id in XML, and its type.
#[derive(Clone, Debug)]
pub(crate) struct Attr {
    /// The lower-case name used by GEXF, GraphML and JSON.
    pub(crate) name: Cow<'static, str>,
    /// The CSV column title.
    pub(crate) title: Cow<'static, str>,
    /// The id GEXF's `attvalue` and GraphML's `data` refer to: the name, or `fieldN` for a
    /// metadata column, whose name may hold any character.
    pub(crate) id: Cow<'static, str>,
    /// The type of the values.
    pub(crate) ty: AttrType,
}

pub(crate) const fn attr(name: &'static str, title: &'static str, ty: AttrType) -> Attr {
    Attr { name: Cow::Borrowed(name), title: Cow::Borrowed(title), id: Cow::Borrowed(name), ty }
}

/// The attributes of the metadata columns of `graph` (see
/// [`CooccurrenceGraph::field_columns`](crate::CooccurrenceGraph::field_columns)): counts
/// named `field=value` everywhere, with ids `field0`, `field1` and so on in XML.
fn field_attrs(graph: &CooccurrenceGraph) -> impl Iterator<Item = Attr> + '_ {
    graph.field_columns().enumerate().map(|(i, (field, value))| {
        let name: Cow<'static, str> = Cow::Owned(format!("{field}={value}"));
        Attr {
            title: name.clone(),
            name,
            id: Cow::Owned(format!("field{i}")),
            ty: AttrType::Integer,
        }
    })
}

/// The values of [`field_attrs`] for a node or edge: its counts, or zeros if the graph has no
/// row for it.
fn field_values(graph: &CooccurrenceGraph, row: Option<&[u64]>) -> Vec<Value<'static>> {
    let n = graph.field_columns().count();
    (0..n).map(|i| Value::Int(row.and_then(|r| r.get(i).copied()).unwrap_or(0))).collect()
}

/// One attribute value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    /// A count.
    Int(u64),
    /// A real number; always finite.
    Float(f64),
    /// A count that may be negative (cooperation minus conflict).
    Signed(i64),
    /// Text.
    Str(&'a str),
    /// Owned text, such as a formatted date.
    Text(String),
    /// A truth value.
    Bool(bool),
    /// No value: an empty CSV cell, JSON `null`, and no element in GEXF or GraphML.
    Missing,
}

impl Value<'_> {
    /// Returns true for [`Value::Missing`], which the XML formats leave out.
    pub(crate) fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }
}

impl fmt::Display for Value<'_> {
    /// Writes the value as CSV and XML want it: integers plainly, reals with `.` as the decimal
    /// mark and no exponent, booleans as `true` or `false`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(n) => write!(f, "{n}"),
            Value::Signed(n) => write!(f, "{n}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Str(s) => f.write_str(s),
            Value::Text(s) => f.write_str(s),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Missing => Ok(()),
        }
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Int(n) => ser.serialize_u64(*n),
            Value::Signed(n) => ser.serialize_i64(*n),
            Value::Float(x) => ser.serialize_f64(*x),
            Value::Str(s) => ser.serialize_str(s),
            Value::Text(s) => ser.serialize_str(s),
            Value::Bool(b) => ser.serialize_bool(*b),
            Value::Missing => ser.serialize_none(),
        }
    }
}

/// Named values that serialize as one JSON object, in the order given.
#[derive(Debug)]
pub(crate) struct Record<'a>(pub(crate) Vec<(Cow<'static, str>, Value<'a>)>);

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut map = ser.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Where a place is, or a state's capital, in decimal degrees (WGS 84), when the gazetteer says:
/// the names Gephi's Geo Layout looks for.
const LATITUDE: Attr = attr("latitude", "Latitude", AttrType::Double);
const LONGITUDE: Attr = attr("longitude", "Longitude", AttrType::Double);

/// The entity's actor code in a coding scheme such as CAMEO (`RUSGOV`), when the gazetteer
/// gives one (its `code` column).
const CODE: Attr = attr("code", "Code", AttrType::String);

/// The code value of an entity, or a missing value.
fn code_value(e: &crate::gazetteer::Entry) -> Value<'_> {
    e.actor_code().map_or(Value::Missing, Value::Str)
}

/// The latitude and longitude values of an entity, or two missing values.
fn location_values(e: &crate::gazetteer::Entry) -> [Value<'static>; 2] {
    match e.location() {
        Some((lat, lon)) => [Value::Float(lat), Value::Float(lon)],
        None => [Value::Missing, Value::Missing],
    }
}

/// The node attributes every graph carries.
const NODE_ATTRS: [Attr; 12] = [
    attr("kind", "Kind", AttrType::String),
    attr("mentions", "Mentions", AttrType::Integer),
    attr("documents", "Documents", AttrType::Integer),
    attr("adjectival", "Adjectival", AttrType::Integer),
    attr("state", "State", AttrType::String),
    LATITUDE,
    LONGITUDE,
    CODE,
    attr("discovered", "Discovered", AttrType::Boolean),
    attr("windows", "Windows", AttrType::Integer),
    attr("first_seen", "FirstSeen", AttrType::String),
    attr("last_seen", "LastSeen", AttrType::String),
];

/// The edge attributes every graph carries, besides the weight.
const EDGE_ATTRS: [Attr; 9] = [
    attr("documents", "Documents", AttrType::Integer),
    attr("windows", "Windows", AttrType::Integer),
    attr("pmi", "PMI", AttrType::Double),
    attr("npmi", "NPMI", AttrType::Double),
    attr("jaccard", "Jaccard", AttrType::Double),
    attr("dice", "Dice", AttrType::Double),
    attr("association_strength", "AssociationStrength", AttrType::Double),
    attr("first_seen", "FirstSeen", AttrType::String),
    attr("last_seen", "LastSeen", AttrType::String),
];

/// The node attributes of the event graph.
const EVENT_NODE_ATTRS: [Attr; 10] = [
    attr("kind", "Kind", AttrType::String),
    attr("state", "State", AttrType::String),
    LATITUDE,
    LONGITUDE,
    CODE,
    attr("discovered", "Discovered", AttrType::Boolean),
    attr("out_events", "OutEvents", AttrType::Integer),
    attr("in_events", "InEvents", AttrType::Integer),
    attr("first_seen", "FirstSeen", AttrType::String),
    attr("last_seen", "LastSeen", AttrType::String),
];

/// The edge attributes of the event graph, besides the weight.
const EVENT_EDGE_ATTRS: [Attr; 11] = [
    attr("events", "Events", AttrType::Integer),
    attr("documents", "Documents", AttrType::Integer),
    attr("verbal_cooperation", "VerbalCooperation", AttrType::Integer),
    attr("material_cooperation", "MaterialCooperation", AttrType::Integer),
    attr("verbal_conflict", "VerbalConflict", AttrType::Integer),
    attr("material_conflict", "MaterialConflict", AttrType::Integer),
    attr("signed", "Signed", AttrType::Integer),
    attr("mean_score", "MeanScore", AttrType::Double),
    attr("quad_class", "QuadClass", AttrType::String),
    attr("first_seen", "FirstSeen", AttrType::String),
    attr("last_seen", "LastSeen", AttrType::String),
];

/// Returns the node attributes written for `graph`, in order.
pub(crate) fn node_attrs(graph: GraphRef<'_>) -> Vec<Attr> {
    match graph {
        GraphRef::Cooccurrence(graph) => {
            let mut attrs = NODE_ATTRS.to_vec();
            attrs.extend(graph.measures().map(measure_attrs).unwrap_or_default());
            attrs.extend(field_attrs(graph));
            attrs
        }
        GraphRef::Events(_) => EVENT_NODE_ATTRS.to_vec(),
    }
}

/// The node measures, when the graph has them
/// ([`CooccurrenceGraph::compute_measures`](crate::CooccurrenceGraph::compute_measures)):
/// betweenness and eigenvector only if they were computed.
pub(crate) fn measure_attrs(measures: &NodeMeasures) -> Vec<Attr> {
    let mut attrs = vec![
        attr("degree", "Degree", AttrType::Integer),
        attr("weighted_degree", "WeightedDegree", AttrType::Integer),
    ];
    if measures.has_betweenness() {
        attrs.push(attr("betweenness", "Betweenness", AttrType::Double));
    }
    if measures.has_eigenvector() {
        attrs.push(attr("eigenvector", "Eigenvector", AttrType::Double));
    }
    attrs.push(attr("community", "Community", AttrType::Integer));
    attrs
}

/// Returns the values of [`measure_attrs`] for one node, in the same order.
pub(crate) fn measure_values(measures: &NodeMeasures, node: &Node) -> Vec<Value<'static>> {
    let m = measures.get(node.entity()).expect("measures are computed on this graph");
    let mut values = vec![Value::Int(m.degree), Value::Int(m.weighted_degree)];
    values.extend(m.betweenness.map(Value::Float));
    values.extend(m.eigenvector.map(Value::Float));
    values.push(Value::Int(m.community as u64));
    values
}

/// Returns the values of [`node_attrs`] for one node, in the same order.
pub(crate) fn node_values<'a>(
    graph: GraphRef<'_>,
    gaz: &'a Gazetteer,
    node: NodeRef<'_>,
) -> Vec<Value<'a>> {
    let e = entry(gaz, node.entity());
    let [lat, lon] = location_values(e);
    match (graph, node) {
        (GraphRef::Cooccurrence(graph), NodeRef::Co(node)) => {
            let mut values = vec![
                Value::Str(e.kind().as_str()),
                Value::Int(node.mentions()),
                Value::Int(node.documents()),
                Value::Int(node.adjectival_mentions()),
                Value::Str(state_of(e)),
                lat.clone(),
                lon.clone(),
                code_value(e),
                Value::Bool(e.is_discovered()),
                Value::Int(node.windows()),
                date_value(node.first_seen()),
                date_value(node.last_seen()),
            ];
            values.extend(graph.measures().map(|m| measure_values(m, node)).unwrap_or_default());
            values.extend(field_values(graph, graph.node_field_counts(node.entity())));
            values
        }
        (_, node) => {
            let (out, into) = match node {
                NodeRef::Ev(n) => (n.out_events(), n.in_events()),
                NodeRef::Co(_) => (0, 0),
            };
            vec![
                Value::Str(e.kind().as_str()),
                Value::Str(state_of(e)),
                lat,
                lon,
                code_value(e),
                Value::Bool(e.is_discovered()),
                Value::Int(out),
                Value::Int(into),
                date_value(node.first_seen()),
                date_value(node.last_seen()),
            ]
        }
    }
}

/// Returns the edge attributes written for `graph`, besides the weight, in order.
pub(crate) fn edge_attrs(graph: GraphRef<'_>) -> Vec<Attr> {
    match graph {
        GraphRef::Cooccurrence(graph) => EDGE_ATTRS.into_iter().chain(field_attrs(graph)).collect(),
        GraphRef::Events(_) => EVENT_EDGE_ATTRS.to_vec(),
    }
}

/// Returns the values of [`edge_attrs`] for the edge `ends` of `graph`, in the same order.
pub(crate) fn edge_values(
    graph: GraphRef<'_>,
    ends: (EntityId, EntityId),
    edge: EdgeRef<'_>,
) -> Vec<Value<'static>> {
    match edge {
        EdgeRef::Co(edge) => {
            let a = edge.association();
            let fields = match graph {
                GraphRef::Cooccurrence(g) => field_values(g, g.edge_field_counts(ends.0, ends.1)),
                GraphRef::Events(_) => Vec::new(),
            };
            let mut values = vec![
                Value::Int(edge.documents()),
                Value::Int(edge.weight()),
                Value::Float(a.pmi),
                Value::Float(a.npmi),
                Value::Float(a.jaccard),
                Value::Float(a.dice),
                Value::Float(a.association_strength),
                date_value(edge.first_seen()),
                date_value(edge.last_seen()),
            ];
            values.extend(fields);
            values
        }
        EdgeRef::Ev(edge) => {
            let mut values = vec![Value::Int(edge.events()), Value::Int(edge.documents())];
            values.extend(edge.quad_counts().map(Value::Int));
            values.extend([
                Value::Signed(edge.signed()),
                Value::Float(round(edge.mean_score(), 4)),
                Value::Str(edge.dominant_class().as_str()),
                date_value(edge.first_seen()),
                date_value(edge.last_seen()),
            ]);
            values
        }
    }
}

/// Rounds to `digits` decimals by formatting and parsing back, so the value prints with at
/// most those digits.
fn round(x: f64, digits: usize) -> f64 {
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// A first-seen or last-seen date as ISO 8601 text (`YYYY-MM-DD`, or `YYYY-MM` or `YYYY` for
/// a partial date); empty when undated.
fn date_value(date: Option<Date>) -> Value<'static> {
    Value::Text(date.map(|d| d.to_string()).unwrap_or_default())
}

/// Returns the type of the edge weight in `graph`.
pub(crate) fn weight_type(graph: GraphRef<'_>) -> AttrType {
    match graph {
        GraphRef::Cooccurrence(g) if !g.edge_weight().is_count() => AttrType::Double,
        _ => AttrType::Integer,
    }
}

/// Returns an edge's weight, as chosen for `graph`: the value Gephi, GraphML and JSON readers
/// take as the weight.
pub(crate) fn weight(graph: GraphRef<'_>, edge: EdgeRef<'_>) -> Value<'static> {
    match (graph, edge) {
        (GraphRef::Cooccurrence(graph), EdgeRef::Co(edge)) => match graph.edge_weight() {
            EdgeWeight::Windows => Value::Int(edge.weight()),
            EdgeWeight::Documents => Value::Int(edge.documents()),
            other => Value::Float(edge.value(other)),
        },
        (GraphRef::Events(graph), EdgeRef::Ev(edge)) => match graph.weight() {
            EventWeight::Signed => Value::Signed(edge.signed()),
            _ => Value::Int(edge.events()),
        },
        (_, edge) => Value::Int(edge.count()),
    }
}

/// Returns an edge's weight as a real number, for scaling pen widths.
pub(crate) fn weight_f64(graph: GraphRef<'_>, edge: EdgeRef<'_>) -> f64 {
    match weight(graph, edge) {
        Value::Int(n) => n as f64,
        Value::Signed(n) => n as f64,
        Value::Float(x) => x,
        _ => 0.0,
    }
}

/// Returns true if the weight of `graph` is a count from 1 up (not a measure or a signed
/// weight, which may be 0 or negative).
pub(crate) fn weight_is_count(graph: GraphRef<'_>) -> bool {
    match graph {
        GraphRef::Cooccurrence(g) => g.edge_weight().is_count(),
        GraphRef::Events(g) => g.weight() == EventWeight::Events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_display_for_csv_and_xml() {
        assert_eq!(Value::Int(42).to_string(), "42");
        assert_eq!(Value::Float(0.5).to_string(), "0.5");
        assert_eq!(Value::Float(1e-7).to_string(), "0.0000001");
        assert_eq!(Value::Float(-2.0).to_string(), "-2");
        assert_eq!(Value::Bool(true).to_string(), "true");
        assert_eq!(Value::Text("2024-05".into()).to_string(), "2024-05");
    }

    #[test]
    fn records_keep_their_order_in_json() {
        let record = Record(vec![("z".into(), Value::Int(1)), ("a".into(), Value::Str("x"))]);
        assert_eq!(serde_json::to_string(&record).unwrap(), r#"{"z":1,"a":"x"}"#);
    }
}
