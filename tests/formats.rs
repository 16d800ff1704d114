//! The GEXF, GraphML, JSON, GeoJSON and HTML graph formats, written by the real CLI on data/articles and
//! checked against the CSV tables of the same run.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::util::{TempDir, actorgraph, run};

/// What the CSV tables say about the graph.
#[derive(Debug, PartialEq)]
struct Summary {
    ids: BTreeSet<String>,
    edges: Vec<(String, String, u64)>,
}

impl Summary {
    fn weight(&self) -> u64 {
        self.edges.iter().map(|e| e.2).sum()
    }

    /// Checks another summary against this one and every edge end against the node ids.
    fn assert_matches(&self, format: &str, got: &Summary) {
        assert_eq!(got.ids, self.ids, "{format}: node ids");
        assert_eq!(got.edges.len(), self.edges.len(), "{format}: edge count");
        assert_eq!(got.weight(), self.weight(), "{format}: total weight");
        for (a, b, _) in &got.edges {
            assert!(got.ids.contains(a) && got.ids.contains(b), "{format}: edge {a} -- {b}");
        }
        assert_eq!(got.edges, self.edges, "{format}: edges");
    }
}

/// Runs `graph data/articles --format csv,FORMAT` and returns the directory, the CSV summary
/// and the FORMAT file's text.
fn graph(format: &str, file: &str) -> (TempDir, Summary, String) {
    let dir = TempDir::new(format);
    let (code, _, err) = run(actorgraph()
        .args(["graph", "data/articles", "--format", &format!("csv,{format}"), "--out"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let summary = csv_summary(&dir);
    assert!(summary.ids.len() > 50 && summary.edges.len() > 100, "the sample graph is large");
    let text = fs::read_to_string(dir.join(file)).unwrap();
    (dir, summary, text)
}

fn csv_summary(dir: &TempDir) -> Summary {
    let mut rdr = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let ids = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    let mut rdr = csv::Reader::from_path(dir.join("edges.csv")).unwrap();
    let edges = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[3].parse().unwrap())
        })
        .collect();
    Summary { ids, edges }
}

/// One XML element start or end, with its attributes and the text that follows it.
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    attrs: BTreeMap<String, String>,
    text: String,
}

/// Parses XML just enough to check that it is well formed: tags balance, attribute values are
/// quoted, and `<`, `>`, `"` and `&` occur only where they may. Returns the tags in order.
fn parse_xml(xml: &str) -> Vec<Tag> {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").expect("prolog");
    let (mut tags, mut open) = (Vec::new(), Vec::new());
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        assert!(rest[..start].trim().is_empty() || !tags.is_empty(), "text before the root");
        rest = &rest[start + 1..];
        let end = tag_end(rest);
        let (inner, after) = (&rest[..end], &rest[end + 1..]);
        let text = &after[..after.find('<').unwrap_or(after.len())];
        assert_escaped(text);
        let tag = parse_tag(inner, unescape(text));
        if tag.closing {
            assert_eq!(
                open.pop().as_deref(),
                Some(tag.name.as_str()),
                "unbalanced </{}>",
                tag.name
            );
        } else if !inner.ends_with('/') {
            open.push(tag.name.clone());
        }
        tags.push(tag);
        rest = after;
    }
    assert!(open.is_empty(), "unclosed elements: {open:?}");
    assert!(rest.trim().is_empty(), "text after the root element");
    tags
}

/// Returns the index of the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' => panic!("unescaped < in a tag: {}", &s[..i]),
            '>' if !quoted => return i,
            _ => {}
        }
    }
    panic!("unterminated tag")
}

fn parse_tag(inner: &str, text: String) -> Tag {
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/').trim_end_matches('/');
    let (name, mut rest) = inner.split_once(' ').unwrap_or((inner, ""));
    let mut attrs = BTreeMap::new();
    while let Some((key, after)) = rest.split_once("=\"") {
        let end = after.find('"').expect("a closing quote");
        let value = &after[..end];
        assert!(!value.contains('>'), "unescaped > in {value:?}");
        assert_escaped(value);
        attrs.insert(key.trim().to_string(), unescape(value));
        rest = &after[end + 1..];
    }
    assert!(rest.trim().is_empty(), "stray text in <{inner}>");
    Tag { name: name.to_string(), closing, attrs, text }
}

/// Checks that every `&` starts one of the five predefined entities.
fn assert_escaped(s: &str) {
    for (i, _) in s.match_indices('&') {
        let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];
        assert!(entity.iter().any(|e| s[i..].starts_with(e)), "bare & in {s:?}");
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Collects node ids and (source, target, weight) edges from parsed XML; `weight` reads an
/// edge tag's weight.
fn xml_summary(tags: &[Tag], weight: impl Fn(&[Tag], usize) -> u64) -> Summary {
    let mut summary = Summary { ids: BTreeSet::new(), edges: Vec::new() };
    for (i, tag) in tags.iter().enumerate().filter(|(_, t)| !t.closing) {
        match tag.name.as_str() {
            "node" => assert!(summary.ids.insert(tag.attrs["id"].clone()), "duplicate node"),
            "edge" => summary.edges.push((
                tag.attrs["source"].clone(),
                tag.attrs["target"].clone(),
                weight(tags, i),
            )),
            _ => {}
        }
    }
    summary
}

#[test]
fn gexf_matches_the_csv_tables() {
    let (_dir, want, xml) = graph("gexf", "graph.gexf");
    let tags = parse_xml(&xml);
    assert_eq!(tags[0].name, "gexf");
    assert_eq!(tags[0].attrs["xmlns"], "http://gexf.net/1.3");
    assert_eq!(tags[0].attrs["version"], "1.3");
    let graph = tags.iter().find(|t| t.name == "graph").unwrap();
    assert_eq!(graph.attrs["defaultedgetype"], "undirected");
    let types: BTreeMap<_, _> = tags
        .iter()
        .filter(|t| t.name == "attribute")
        .map(|t| (t.attrs["id"].as_str(), t.attrs["type"].as_str()))
        .collect();
    assert_eq!(types["mentions"], "long");
    assert_eq!(types["discovered"], "boolean");
    assert_eq!((types["degree"], types["weighted_degree"]), ("long", "long"));
    assert_eq!((types["betweenness"], types["eigenvector"]), ("double", "double"));
    assert_eq!(types["community"], "long");
    let colours = tags.iter().filter(|t| t.name == "viz:color").count();
    assert_eq!(colours, want.ids.len(), "every node has a colour");
    let got = xml_summary(&tags, |tags, i| tags[i].attrs["weight"].parse().unwrap());
    want.assert_matches("gexf", &got);
}

#[test]
fn graphml_matches_the_csv_tables() {
    let (_dir, want, xml) = graph("graphml", "graph.graphml");
    let tags = parse_xml(&xml);
    assert_eq!(tags[0].name, "graphml");
    let keys: BTreeMap<_, _> = tags
        .iter()
        .filter(|t| t.name == "key")
        .map(|t| (t.attrs["id"].as_str(), t.attrs["attr.type"].as_str()))
        .collect();
    assert_eq!(keys.len(), 28, "{keys:?}");
    assert_eq!(keys["n_code"], "string");
    assert_eq!((keys["n_first_seen"], keys["e_last_seen"]), ("string", "string"));
    assert_eq!((keys["n_latitude"], keys["n_longitude"]), ("double", "double"));
    assert_eq!((keys["n_mentions"], keys["n_discovered"]), ("long", "boolean"));
    assert_eq!((keys["e_weight"], keys["e_windows"], keys["e_npmi"]), ("long", "long", "double"));
    assert_eq!((keys["n_betweenness"], keys["n_community"]), ("double", "long"));
    let graph = tags.iter().find(|t| t.name == "graph").unwrap();
    assert_eq!(graph.attrs["edgedefault"], "undirected");
    // An edge's weight is the text of its <data key="e_weight"> child.
    let got = xml_summary(&tags, |tags, i| {
        let data = tags[i..].iter().find(|t| t.attrs.get("key").is_some_and(|k| k == "e_weight"));
        data.unwrap().text.parse().unwrap()
    });
    want.assert_matches("graphml", &got);
}

/// Reads node-link JSON into a summary.
fn json_summary(value: &serde_json::Value) -> Summary {
    let ids = value["nodes"].as_array().unwrap().iter();
    let ids = ids.map(|n| n["id"].as_str().unwrap().to_string()).collect();
    let edges = value["edges"].as_array().unwrap().iter().map(|e| {
        let end = |k: &str| e[k].as_str().unwrap().to_string();
        (end("source"), end("target"), e["weight"].as_u64().unwrap())
    });
    Summary { ids, edges: edges.collect() }
}

#[test]
fn json_matches_the_csv_tables() {
    let (_dir, want, text) = graph("json", "graph.json");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["directed"], false);
    assert_eq!(value["multigraph"], false);
    assert!(value["graph"].is_object());
    for key in ["label", "kind", "mentions", "documents", "adjectival", "state", "discovered"] {
        assert!(value["nodes"][0].get(key).is_some(), "nodes have {key}");
    }
    want.assert_matches("json", &json_summary(&value));
}

#[test]
fn geojson_holds_the_located_part_of_the_csv_tables() {
    let (dir, want, text) = graph("geojson", "graph.geojson");
    // The nodes that nodes.csv gives a latitude and longitude.
    let mut rdr = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (lat, lon) = (column("Latitude"), column("Longitude"));
    let mut located = BTreeMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        if !r[lat].is_empty() {
            let at: [f64; 2] = [r[lon].parse().unwrap(), r[lat].parse().unwrap()];
            located.insert(r[0].to_string(), at);
        }
    }
    assert!(located.len() > 20, "the sample graph's states have capitals: {located:?}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    let mut ids = BTreeSet::new();
    let mut edges = Vec::new();
    for f in value["features"].as_array().unwrap() {
        assert_eq!(f["type"], "Feature");
        let at = |c: &serde_json::Value| [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()];
        let coordinates = &f["geometry"]["coordinates"];
        let p = &f["properties"];
        match f["geometry"]["type"].as_str().unwrap() {
            "Point" => {
                let id = p["id"].as_str().unwrap().to_string();
                // Longitude first, as RFC 7946 wants, and the same place as the CSV's.
                assert_eq!(Some(&at(coordinates)), located.get(&id), "{id}");
                ids.insert(id);
            }
            "LineString" => {
                let (a, b) = (p["source"].as_str().unwrap(), p["target"].as_str().unwrap());
                assert_eq!(at(&coordinates[0]), located[a]);
                assert_eq!(at(&coordinates[1]), located[b]);
                edges.push((a.to_string(), b.to_string(), p["weight"].as_u64().unwrap()));
            }
            other => panic!("unexpected geometry {other}"),
        }
    }
    let want = Summary {
        ids: located.keys().cloned().collect(),
        edges: want
            .edges
            .into_iter()
            .filter(|(a, b, _)| located.contains_key(a) && located.contains_key(b))
            .collect(),
    };
    assert!(!want.edges.is_empty());
    want.assert_matches("geojson", &Summary { ids, edges });
}

#[test]
fn html_is_self_contained_and_embeds_the_graph() {
    let (_dir, want, page) = graph("html", "graph.html");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<canvas"));
    assert!(!page.contains("http://") && !page.contains("https://"), "no network access");
    assert!(!page.contains("<script src") && !page.contains("<link"), "nothing to load");
    let open = r#"<script type="application/json" id="graph-data">"#;
    let start = page.find(open).unwrap() + open.len();
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    assert!(!json.contains('<'), "the data cannot end its script element");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    want.assert_matches("html", &json_summary(&value));
    // The page opens laid out: every node has a position, computed in Rust, with at most two
    // decimals, and no two nodes share one.
    let mut places = std::collections::BTreeSet::new();
    for node in value["nodes"].as_array().unwrap() {
        let (x, y) = (node["x"].as_f64().unwrap(), node["y"].as_f64().unwrap());
        assert!(x.is_finite() && y.is_finite());
        assert_eq!(((x * 100.0).round() / 100.0, (y * 100.0).round() / 100.0), (x, y));
        assert!(places.insert((node["x"].to_string(), node["y"].to_string())), "{node}");
    }
}
