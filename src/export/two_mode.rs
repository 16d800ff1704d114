//! The two-mode network of actors and field values in the graph formats that read one: Gephi
//! (CSV, GEXF), networkx (node-link JSON, GraphML), igraph (GraphML) and Graphviz (DOT).
//!
//! Every format marks the mode of each node three ways, one for each tool's convention:
//! `mode` (`actor`, or the field's name: Gephi's filters and partitions), `bipartite` (0 or 1:
//! networkx's `bipartite` module) and `type` (false or true: igraph's bipartite functions).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::attrs::{Attr, AttrType, Record, Value, attr};
use super::csv::text_cell;
use super::dot::{quote, quote_label};
use super::{CsvCells, GraphFormat, entry, kind_color, xml_escape};
use crate::cooccur::{TwoModeGraph, TwoModeNode};
use crate::error::Result;
use crate::gazetteer::{EntityKind, Gazetteer};

/// The node attributes of a two-mode graph, after the id and label.
const NODE_ATTRS: [Attr; 6] = [
    attr("mode", "Mode", AttrType::String),
    attr("bipartite", "Bipartite", AttrType::Integer),
    attr("type", "Type", AttrType::Boolean),
    attr("kind", "Kind", AttrType::String),
    attr("mentions", "Mentions", AttrType::Integer),
    attr("documents", "Documents", AttrType::Integer),
];

/// The edge attributes of a two-mode graph, after the weight (documents).
const EDGE_ATTRS: [Attr; 2] = [
    attr("documents", "Documents", AttrType::Integer),
    attr("mentions", "Mentions", AttrType::Integer),
];

/// One node as the writers write it.
struct Row<'a> {
    id: Cow<'a, str>,
    label: &'a str,
    values: Vec<Value<'a>>,
    /// An actor's kind; `None` for a value.
    kind: Option<EntityKind>,
}

/// The id of a value node: `field=value`, which no gazetteer id is written as.
fn value_id(field: &str, value: &str) -> String {
    format!("{field}={value}")
}

fn node_rows<'a>(graph: &'a TwoModeGraph, gaz: &'a Gazetteer) -> Vec<Row<'a>> {
    let field = graph.field();
    graph
        .nodes()
        .map(|node| match node {
            TwoModeNode::Actor { entity, mentions, documents } => {
                let e = entry(gaz, *entity);
                let values = vec![
                    Value::Str("actor"),
                    Value::Int(0),
                    Value::Bool(false),
                    Value::Str(e.kind().as_str()),
                    Value::Int(*mentions),
                    Value::Int(*documents),
                ];
                Row { id: Cow::Borrowed(e.id()), label: e.label(), values, kind: Some(e.kind()) }
            }
            TwoModeNode::Value { value, documents } => {
                let values = vec![
                    Value::Str(field),
                    Value::Int(1),
                    Value::Bool(true),
                    Value::Missing,
                    Value::Missing,
                    Value::Int(*documents),
                ];
                let id = Cow::Owned(value_id(field, value));
                Row { id, label: value, values, kind: None }
            }
        })
        .collect()
}

/// Each edge as (actor id, value id, documents, attribute values).
fn edge_rows<'a>(
    graph: &'a TwoModeGraph,
    gaz: &'a Gazetteer,
) -> impl Iterator<Item = (&'a str, String, u64, [Value<'static>; 2])> {
    graph.edges().map(move |(actor, value, edge)| {
        let TwoModeNode::Value { value, .. } = value else { unreachable!("actor to value") };
        let values = [Value::Int(edge.documents), Value::Int(edge.mentions)];
        (entry(gaz, actor).id(), value_id(graph.field(), value), edge.documents, values)
    })
}

/// Writes the two-mode graph as Gephi node and edge tables, text cells treated as `cells`
/// says (see [`CsvCells`]).
///
/// Nodes carry `Id,Label,Mode,Bipartite,Type,Kind,Mentions,Documents`: an actor has its
/// gazetteer id and label, Mode `actor`, Bipartite 0, Type `false`, its kind, and its mentions
/// and documents among the documents with a value; a value has the id `FIELD=VALUE`, the value
/// as label, Mode the field's name, Bipartite 1, Type `true`, no kind or mentions, and its
/// documents. Edges carry `Source,Target,Type,Weight,Documents,Mentions` from the actor to the
/// value, Type `Undirected`, Weight the documents with the value that mention the actor and
/// Mentions its mentions in them.
///
/// ```
/// use actorgraph::{CsvCells, Gazetteer, JsonlOptions, Matcher, TwoModeCounts, write_two_mode_csv};
///
/// let gaz = Gazetteer::builtin();
/// let line = r#"{"id": "s1", "party": "red", "text": "Iran and Iraq met. Iran agreed."}"#;
/// let doc = JsonlOptions::new().read(line.as_bytes(), "x").next().unwrap()?;
/// let mut counts = TwoModeCounts::new("party");
/// counts.add_document(&doc, &Matcher::new(&gaz)?.find_all(doc.text()));
/// let (mut nodes, mut edges) = (Vec::new(), Vec::new());
/// write_two_mode_csv(&counts.to_graph(), &gaz, CsvCells::Safe, &mut nodes, &mut edges)?;
/// let nodes = String::from_utf8(nodes).unwrap();
/// assert!(nodes.contains("\nIRN,Iran,actor,0,false,state,2,1\n"));
/// assert!(nodes.ends_with("\nparty=red,red,party,1,true,,,1\n"));
/// assert!(String::from_utf8(edges).unwrap().contains("\nIRN,party=red,Undirected,1,1,2\n"));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// Returns an error if writing fails.
///
/// # Panics
///
/// If the graph names an entity that `gaz` does not have: it must come from this gazetteer.
pub fn write_two_mode_csv<N: io::Write, E: io::Write>(
    graph: &TwoModeGraph,
    gaz: &Gazetteer,
    cells: CsvCells,
    nodes: N,
    edges: E,
) -> Result<()> {
    let cell = |v: &Value<'_>| match v {
        Value::Str(s) => text_cell(s, cells).into_owned(),
        other => other.to_string(),
    };
    let mut wtr = csv::Writer::from_writer(nodes);
    let titles: Vec<String> = NODE_ATTRS.iter().map(|a| a.title.to_string()).collect();
    wtr.write_record(["Id".to_string(), "Label".to_string()].into_iter().chain(titles))?;
    for row in node_rows(graph, gaz) {
        let fixed =
            [text_cell(&row.id, cells).into_owned(), text_cell(row.label, cells).into_owned()];
        wtr.write_record(fixed.into_iter().chain(row.values.iter().map(cell)))?;
    }
    wtr.flush()?;
    let mut wtr = csv::Writer::from_writer(edges);
    wtr.write_record(["Source", "Target", "Type", "Weight", "Documents", "Mentions"])?;
    for (a, b, weight, values) in edge_rows(graph, gaz) {
        let fixed = [
            text_cell(a, cells).into_owned(),
            text_cell(&b, cells).into_owned(),
            "Undirected".to_string(),
            weight.to_string(),
        ];
        wtr.write_record(fixed.into_iter().chain(values.iter().map(cell)))?;
    }
    wtr.flush()?;
    Ok(())
}

/// Writes the two-mode graph in one of the single-file formats: [`GraphFormat::Gexf`],
/// [`GraphFormat::GraphMl`], [`GraphFormat::Json`] (node-link, for networkx) or
/// [`GraphFormat::Dot`], with the attributes of [`write_two_mode_csv`] in lower case (`mode`,
/// `bipartite`, `type`, `kind`, `mentions`, `documents`; edges `weight`, `documents`,
/// `mentions`), typed and declared in GEXF and GraphML. A missing kind or mention count (on a
/// value node) is left out of GEXF and GraphML and is `null` in JSON. In DOT, actors are
/// ellipses coloured by kind and values are grey boxes.
///
/// ```
/// use actorgraph::{Gazetteer, GraphFormat, JsonlOptions, Matcher, TwoModeCounts, write_two_mode};
///
/// let gaz = Gazetteer::builtin();
/// let line = r#"{"id": "s1", "party": "red", "text": "Iran and Iraq met."}"#;
/// let doc = JsonlOptions::new().read(line.as_bytes(), "x").next().unwrap()?;
/// let mut counts = TwoModeCounts::new("party");
/// counts.add_document(&doc, &Matcher::new(&gaz)?.find_all(doc.text()));
/// let mut out = Vec::new();
/// write_two_mode(&counts.to_graph(), &gaz, GraphFormat::GraphMl, &mut out)?;
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.contains(r#"<key id="n_bipartite" for="node" attr.name="bipartite" attr.type="long"/>"#));
/// assert!(out.contains(r#"<edge id="e0" source="IRN" target="party=red">"#));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
///
/// If writing fails, or for a format that has no two-mode form (CSV, which is two files and
/// written by [`write_two_mode_csv`], HTML and GeoJSON).
///
/// # Panics
///
/// If the graph names an entity that `gaz` does not have: it must come from this gazetteer.
pub fn write_two_mode<W: io::Write>(
    graph: &TwoModeGraph,
    gaz: &Gazetteer,
    format: GraphFormat,
    wtr: W,
) -> Result<()> {
    let mut wtr = io::BufWriter::new(wtr);
    match format {
        GraphFormat::Gexf => write_gexf(graph, gaz, &mut wtr)?,
        GraphFormat::GraphMl => write_graphml(graph, gaz, &mut wtr)?,
        GraphFormat::Json => super::json::write_pretty(&node_link(graph, gaz), &mut wtr)?,
        GraphFormat::Dot => write_dot(graph, gaz, &mut wtr)?,
        other => {
            let msg = format!(
                "the two-mode network is written as csv, gexf, graphml, json or dot, not {}",
                other.as_str()
            );
            return Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into());
        }
    }
    wtr.flush()?;
    Ok(())
}

fn write_gexf<W: Write>(graph: &TwoModeGraph, gaz: &Gazetteer, wtr: &mut W) -> Result<()> {
    super::gexf::write_header(wtr)?;
    writeln!(wtr, r#"  <graph defaultedgetype="undirected">"#)?;
    for (class, attrs) in [("node", &NODE_ATTRS[..]), ("edge", &EDGE_ATTRS[..])] {
        writeln!(wtr, r#"    <attributes class="{class}">"#)?;
        for a in attrs {
            let (id, ty) = (&a.id, a.ty.gexf());
            writeln!(wtr, r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#)?;
        }
        writeln!(wtr, "    </attributes>")?;
    }
    writeln!(wtr, "    <nodes>")?;
    for row in node_rows(graph, gaz) {
        let (id, label) = (xml_escape(&row.id), xml_escape(row.label));
        writeln!(wtr, r#"      <node id="{id}" label="{label}">"#)?;
        writeln!(wtr, "        <attvalues>")?;
        for (a, value) in NODE_ATTRS.iter().zip(&row.values) {
            if !value.is_missing() {
                let value = xml_escape(&value.to_string());
                writeln!(wtr, r#"          <attvalue for="{}" value="{value}"/>"#, a.id)?;
            }
        }
        writeln!(wtr, "        </attvalues>")?;
        let (r, g, b) = row.kind.map_or((0x99, 0x99, 0x99), kind_color);
        writeln!(wtr, r#"        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>"#)?;
        writeln!(wtr, "      </node>")?;
    }
    writeln!(wtr, "    </nodes>\n    <edges>")?;
    for (i, (a, b, weight, values)) in edge_rows(graph, gaz).enumerate() {
        let (a, b) = (xml_escape(a), xml_escape(&b));
        writeln!(wtr, r#"      <edge id="{i}" source="{a}" target="{b}" weight="{weight}">"#)?;
        writeln!(wtr, "        <attvalues>")?;
        for (attr, value) in EDGE_ATTRS.iter().zip(values) {
            writeln!(wtr, r#"          <attvalue for="{}" value="{value}"/>"#, attr.id)?;
        }
        writeln!(wtr, "        </attvalues>\n      </edge>")?;
    }
    writeln!(wtr, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}

fn write_graphml<W: Write>(graph: &TwoModeGraph, gaz: &Gazetteer, wtr: &mut W) -> Result<()> {
    super::graphml::write_header(wtr)?;
    let label = attr("label", "Label", AttrType::String);
    let weight = attr("weight", "Weight", AttrType::Integer);
    let keys = [
        ("n", "node", [&[label][..], &NODE_ATTRS].concat()),
        ("e", "edge", [&[weight][..], &EDGE_ATTRS].concat()),
    ];
    for (prefix, domain, attrs) in &keys {
        for a in attrs {
            let (id, ty) = (&a.id, a.ty.graphml());
            writeln!(
                wtr,
                r#"  <key id="{prefix}_{id}" for="{domain}" attr.name="{id}" attr.type="{ty}"/>"#
            )?;
        }
    }
    writeln!(wtr, r#"  <graph id="actorgraph" edgedefault="undirected">"#)?;
    let data =
        |key: &str, value: &str| format!(r#"      <data key="{key}">{}</data>"#, xml_escape(value));
    for row in node_rows(graph, gaz) {
        writeln!(wtr, r#"    <node id="{}">"#, xml_escape(&row.id))?;
        writeln!(wtr, "{}", data("n_label", row.label))?;
        for (a, value) in NODE_ATTRS.iter().zip(&row.values) {
            if !value.is_missing() {
                writeln!(wtr, "{}", data(&format!("n_{}", a.id), &value.to_string()))?;
            }
        }
        writeln!(wtr, "    </node>")?;
    }
    for (i, (a, b, weight, values)) in edge_rows(graph, gaz).enumerate() {
        let (a, b) = (xml_escape(a), xml_escape(&b));
        writeln!(wtr, r#"    <edge id="e{i}" source="{a}" target="{b}">"#)?;
        writeln!(wtr, "{}", data("e_weight", &weight.to_string()))?;
        for (attr, value) in EDGE_ATTRS.iter().zip(values) {
            writeln!(wtr, "{}", data(&format!("e_{}", attr.id), &value.to_string()))?;
        }
        writeln!(wtr, "    </edge>")?;
    }
    writeln!(wtr, "  </graph>\n</graphml>")?;
    Ok(())
}

/// The whole two-mode graph in networkx's node-link layout.
#[derive(Debug, Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: BTreeMap<&'static str, &'a str>,
    nodes: Vec<Record<'a>>,
    edges: Vec<Record<'a>>,
}

fn node_link<'a>(graph: &'a TwoModeGraph, gaz: &'a Gazetteer) -> NodeLink<'a> {
    let nodes = node_rows(graph, gaz)
        .into_iter()
        .map(|row| {
            let mut record = vec![("id".into(), Value::Text(row.id.into_owned()))];
            record.push(("label".into(), Value::Str(row.label)));
            record.extend(NODE_ATTRS.iter().map(|a| a.name.clone()).zip(row.values));
            Record(record)
        })
        .collect();
    let edges = edge_rows(graph, gaz)
        .map(|(a, b, weight, values)| {
            let mut record = vec![
                ("source".into(), Value::Str(a)),
                ("target".into(), Value::Text(b)),
                ("weight".into(), Value::Int(weight)),
            ];
            record.extend(EDGE_ATTRS.iter().map(|a| a.name.clone()).zip(values));
            Record(record)
        })
        .collect();
    let graph_attrs = BTreeMap::from([("two_mode", graph.field())]);
    NodeLink { directed: false, multigraph: false, graph: graph_attrs, nodes, edges }
}

fn write_dot<W: Write>(graph: &TwoModeGraph, gaz: &Gazetteer, wtr: &mut W) -> Result<()> {
    writeln!(wtr, "graph actorgraph {{")?;
    writeln!(wtr, "  graph [overlap=false, splines=false, outputorder=edgesfirst];")?;
    writeln!(wtr, "  node [fontname=\"Helvetica\", fontsize=10, style=filled];")?;
    writeln!(wtr, "  edge [color=\"#00000066\"];")?;
    for row in node_rows(graph, gaz) {
        let (shape, (r, g, b)) = match row.kind {
            Some(kind) => ("ellipse", kind_color(kind)),
            None => ("box", (0xdd, 0xdd, 0xdd)),
        };
        let bipartite = u8::from(row.kind.is_none());
        writeln!(
            wtr,
            "  {} [label={}, shape={shape}, fillcolor=\"#{r:02x}{g:02x}{b:02x}\", bipartite={bipartite}];",
            quote(&row.id),
            quote_label(row.label)
        )?;
    }
    for (a, b, weight, _) in edge_rows(graph, gaz) {
        writeln!(wtr, "  {} -- {} [weight={weight}];", quote(a), quote(&b))?;
    }
    writeln!(wtr, "}}")?;
    Ok(())
}
