//! Metadata: the fields that come with a corpus's records (a speech's `party`, an article's
//! `source`), counted per value on the nodes and edges of the graph, or used to cut the corpus
//! into one graph per value.
//!
//! A JSONL record keeps its other fields ([`Document::fields`]), but a graph of actors says
//! nothing of them unless they are counted while the mentions are: which party's speeches name
//! an actor, which source's articles put two actors together. [`FieldCounts`] counts, for each
//! field and value, the documents in which each node appears and those in which each edge's
//! ends share a window (so the counts of a field's values add up to the node's or edge's
//! `documents`, less the documents without the field). [`FieldSplits`] keeps a counter per
//! value, as [`TimeSlices`](crate::TimeSlices) keeps one per period.
//!
//! A document without the field, or whose field is `null` or empty, has no value: it is not
//! counted under any value of that field (its count is [`FieldCounts::missing`]), and a
//! [`FieldSplits`] leaves it out and counts it.

use std::collections::{BTreeMap, HashMap};

use super::{Cooccurrence, CooccurrenceBuilder, CooccurrenceGraph};
use crate::corpus::{Date, Document};
use crate::gazetteer::EntityId;
use crate::matcher::Mention;
use crate::segment::Segments;

/// Returns the value of `field` in `doc`: its text, or `None` if the record lacks the field or
/// it is `null` or empty.
///
/// ```
/// use actorgraph::{Document, JsonlOptions, field_value};
///
/// let line = r#"{"id": "s1", "party": "democrat", "event": null, "text": "Iran."}"#;
/// let doc: Document = JsonlOptions::new().read(line.as_bytes(), "x").next().unwrap()?;
/// assert_eq!(field_value(&doc, "party"), Some("democrat"));
/// assert_eq!((field_value(&doc, "event"), field_value(&doc, "source")), (None, None));
/// # Ok::<(), actorgraph::Error>(())
/// ```
pub fn field_value<'d>(doc: &'d Document, field: &str) -> Option<&'d str> {
    doc.fields().get(field).map(String::as_str).filter(|v| !v.is_empty())
}

/// The counts per field value of every node and edge: how many documents with each value of
/// each field an actor appears in, and how many such documents put two actors in one window.
///
/// A [`Cooccurrence`] made by a builder with [`CooccurrenceBuilder::fields`] keeps one and
/// fills it in [`Cooccurrence::add_record`]; its graph carries the counts of its nodes and
/// edges ([`CooccurrenceGraph::field_columns`]), and every format writes them.
///
/// ```
/// use actorgraph::{CooccurrenceBuilder, Document, Gazetteer, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let (matcher, segmenter) = (Matcher::new(&gaz)?, Segmenter::new());
/// let mut counts = CooccurrenceBuilder::new().fields(["party"]).build();
/// for (text, party) in [("Iran and Iraq.", "red"), ("Iran and Iraq.", "blue"), ("Iran.", "")] {
///     let line = format!(r#"{{"party": "{party}", "text": "{text}"}}"#);
///     let doc: Document = actorgraph::JsonlOptions::new().read(line.as_bytes(), "x").next().unwrap()?;
///     counts.add_record(&doc, &matcher.find_all(text), &segmenter.segment(text), None);
/// }
/// let fields = counts.fields().unwrap();
/// assert_eq!(fields.columns(), [("party", "blue"), ("party", "red")]);
/// let (iran, iraq) = (gaz.lookup("IRN").unwrap(), gaz.lookup("IRQ").unwrap());
/// assert_eq!(fields.node(iran, "party", "red"), 1);
/// assert_eq!(fields.edge(iraq, iran, "party", "blue"), 1);
/// assert_eq!(fields.missing("party"), 1); // the empty value is no value
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct FieldCounts {
    fields: Vec<String>,
    /// Each field's values, with their ids.
    index: Vec<HashMap<String, u32>>,
    /// The field and text of each value id, and the documents with it.
    values: Vec<(usize, String, u64)>,
    /// The documents without each field.
    missing: Vec<u64>,
    nodes: BTreeMap<EntityId, BTreeMap<u32, u64>>,
    edges: BTreeMap<(EntityId, EntityId), BTreeMap<u32, u64>>,
}

impl FieldCounts {
    /// Creates empty counts of the given fields; a field named twice counts once.
    pub fn new<I, S>(fields: I) -> FieldCounts
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut names: Vec<String> = Vec::new();
        for field in fields {
            let field = field.into();
            if !names.contains(&field) {
                names.push(field);
            }
        }
        let n = names.len();
        FieldCounts {
            fields: names,
            index: vec![HashMap::new(); n],
            missing: vec![0; n],
            ..FieldCounts::default()
        }
    }

    /// Returns the fields, in the order given.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// Counts one document, given its field values and its distinct nodes and edges.
    pub(super) fn add(
        &mut self,
        doc: &Document,
        nodes: &[EntityId],
        edges: &[(EntityId, EntityId)],
    ) {
        for f in 0..self.fields.len() {
            let Some(value) = field_value(doc, &self.fields[f]) else {
                self.missing[f] += 1;
                continue;
            };
            let id = self.value_id(f, value);
            self.values[id as usize].2 += 1;
            for node in nodes {
                *self.nodes.entry(*node).or_default().entry(id).or_default() += 1;
            }
            for pair in edges {
                *self.edges.entry(*pair).or_default().entry(id).or_default() += 1;
            }
        }
    }

    /// The id of a value of field `f`, given one the first time it is seen.
    fn value_id(&mut self, f: usize, value: &str) -> u32 {
        if let Some(&id) = self.index[f].get(value) {
            return id;
        }
        let id = u32::try_from(self.values.len()).expect("fewer than 2^32 distinct values");
        self.index[f].insert(value.to_string(), id);
        self.values.push((f, value.to_string(), 0));
        id
    }

    /// Returns every field and value seen, as the columns the formats write: the fields in
    /// the order given, each one's values in sorted (byte) order.
    pub fn columns(&self) -> Vec<(&str, &str)> {
        self.sorted_ids().into_iter().map(|id| self.column(id)).collect()
    }

    /// The value ids in column order.
    fn sorted_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.values.len() as u32).collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.values[a as usize], &self.values[b as usize]);
            (a.0, &a.1).cmp(&(b.0, &b.1))
        });
        ids
    }

    fn column(&self, id: u32) -> (&str, &str) {
        let (f, value, _) = &self.values[id as usize];
        (self.fields[*f].as_str(), value.as_str())
    }

    fn id_of(&self, field: &str, value: &str) -> Option<u32> {
        let f = self.fields.iter().position(|name| name == field)?;
        self.index[f].get(value).copied()
    }

    /// Returns the number of documents whose `field` is `value`.
    pub fn documents(&self, field: &str, value: &str) -> u64 {
        self.id_of(field, value).map_or(0, |id| self.values[id as usize].2)
    }

    /// Returns the number of documents without `field` (or with it `null` or empty).
    pub fn missing(&self, field: &str) -> u64 {
        self.fields.iter().position(|f| f == field).map_or(0, |f| self.missing[f])
    }

    /// Returns the number of documents whose `field` is `value` that mention `entity`.
    pub fn node(&self, entity: EntityId, field: &str, value: &str) -> u64 {
        let id = self.id_of(field, value);
        id.and_then(|id| self.nodes.get(&entity)?.get(&id).copied()).unwrap_or(0)
    }

    /// Returns the number of documents whose `field` is `value` in which `a` and `b` (in
    /// either order) share a window.
    pub fn edge(&self, a: EntityId, b: EntityId, field: &str, value: &str) -> u64 {
        let id = self.id_of(field, value);
        id.and_then(|id| self.edges.get(&(a.min(b), a.max(b)))?.get(&id).copied()).unwrap_or(0)
    }

    /// Adds other counts of the same fields to these, value by value.
    ///
    /// # Panics
    ///
    /// If the two count different fields, which is a programming error.
    pub fn merge(&mut self, other: &FieldCounts) {
        assert_eq!(self.fields, other.fields, "only counts of the same fields merge");
        let ids: Vec<u32> = other
            .values
            .iter()
            .map(|(f, value, documents)| {
                let id = self.value_id(*f, value);
                self.values[id as usize].2 += documents;
                id
            })
            .collect();
        for (f, n) in other.missing.iter().enumerate() {
            self.missing[f] += n;
        }
        for (node, counts) in &other.nodes {
            let mine = self.nodes.entry(*node).or_default();
            for (id, n) in counts {
                *mine.entry(ids[*id as usize]).or_default() += n;
            }
        }
        for (pair, counts) in &other.edges {
            let mine = self.edges.entry(*pair).or_default();
            for (id, n) in counts {
                *mine.entry(ids[*id as usize]).or_default() += n;
            }
        }
    }

    /// The columns and the counts of the nodes and edges of `graph`, for it to carry.
    pub(super) fn table(&self, graph: &CooccurrenceGraph) -> FieldTable {
        let ids = self.sorted_ids();
        let row = |counts: Option<&BTreeMap<u32, u64>>| -> Vec<u64> {
            ids.iter().map(|id| counts.and_then(|c| c.get(id).copied()).unwrap_or(0)).collect()
        };
        let nodes = graph.nodes().map(|n| (n.entity(), row(self.nodes.get(&n.entity()))));
        let edges = graph.edges().map(|(a, b, _)| ((a, b), row(self.edges.get(&(a, b)))));
        let columns = ids.iter().map(|&id| self.column(id)).map(|(f, v)| (f.into(), v.into()));
        FieldTable { columns: columns.collect(), nodes: nodes.collect(), edges: edges.collect() }
    }
}

/// The field counts a graph carries: the columns, and each node's and edge's counts in column
/// order.
#[derive(Clone, Debug, Default)]
pub(crate) struct FieldTable {
    pub(crate) columns: Vec<(String, String)>,
    pub(crate) nodes: HashMap<EntityId, Vec<u64>>,
    pub(crate) edges: HashMap<(EntityId, EntityId), Vec<u64>>,
}

/// Co-occurrence counts kept apart for each value of one field: the graph of each party's
/// speeches, or of each source's articles.
///
/// Each document goes to the counter of its value; a document without the field (or with it
/// `null` or empty) is left out and counted. Values come out in sorted (byte) order.
///
/// ```
/// use actorgraph::{CooccurrenceBuilder, FieldSplits, Gazetteer, JsonlOptions, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let (matcher, segmenter) = (Matcher::new(&gaz)?, Segmenter::new());
/// let mut splits = FieldSplits::new("party", &CooccurrenceBuilder::new());
/// let input = concat!(
///     r#"{"party": "red", "text": "Iran and Iraq met."}"#, "\n",
///     r#"{"party": "blue", "text": "Chile and Peru met."}"#, "\n",
///     r#"{"text": "Syria and Iraq met."}"#, "\n",
/// );
/// for doc in JsonlOptions::new().read(input.as_bytes(), "x") {
///     let doc = doc?;
///     let (mentions, segments) = (matcher.find_all(doc.text()), segmenter.segment(doc.text()));
///     splits.add_document(&doc, &mentions, &segments, None);
/// }
/// let values: Vec<(&str, usize)> =
///     splits.values().map(|(v, c)| (v, c.to_graph().node_count())).collect();
/// assert_eq!(values, [("blue", 2), ("red", 2)]);
/// assert_eq!(splits.left_out(), 1);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FieldSplits {
    field: String,
    config: CooccurrenceBuilder,
    values: BTreeMap<String, Cooccurrence>,
    left_out: u64,
}

impl FieldSplits {
    /// Creates empty splits by `field`; each value's counter is built by `config` (and counts
    /// the fields of [`CooccurrenceBuilder::fields`], if any).
    pub fn new<S: Into<String>>(field: S, config: &CooccurrenceBuilder) -> FieldSplits {
        FieldSplits {
            field: field.into(),
            config: config.clone(),
            values: BTreeMap::new(),
            left_out: 0,
        }
    }

    /// Returns the field the corpus is split by.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Counts one document under its value of the field and returns the value, or leaves it
    /// out and returns `None` if it has none.
    pub fn add_document<'d>(
        &mut self,
        doc: &'d Document,
        mentions: &[Mention],
        segments: &Segments,
        date: Option<Date>,
    ) -> Option<&'d str> {
        let Some(value) = field_value(doc, &self.field) else {
            self.left_out += 1;
            return None;
        };
        if !self.values.contains_key(value) {
            self.values.insert(value.to_string(), self.config.build());
        }
        let counts = self.values.get_mut(value).expect("inserted above");
        counts.add_record(doc, mentions, segments, date);
        Some(value)
    }

    /// Returns the number of documents left out, without a value of the field.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Returns each value that has documents, with its counts, in sorted order.
    pub fn values(&self) -> impl Iterator<Item = (&str, &Cooccurrence)> {
        self.values.iter().map(|(v, c)| (v.as_str(), c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::JsonlOptions;
    use crate::span::Span;

    fn id(n: usize) -> EntityId {
        EntityId::new(n)
    }

    fn doc(json: &str) -> Document {
        JsonlOptions::new().read(json.as_bytes(), "t").next().unwrap().unwrap()
    }

    /// Counts a record whose mentions of `entities` all share the first sentence.
    fn count(counts: &mut Cooccurrence, json: &str, entities: &[usize]) {
        let text = "a. b. c. d.";
        let mentions: Vec<Mention> =
            entities.iter().map(|&e| Mention::new(id(e), Span::new(0, 1), false)).collect();
        let segments = crate::segment::Segmenter::new().segment(text);
        counts.add_record(&doc(json), &mentions, &segments, None);
    }

    #[test]
    fn nodes_and_edges_count_documents_per_value() {
        let mut c = CooccurrenceBuilder::new().fields(["party", "party", "src"]).build();
        count(&mut c, r#"{"party": "r", "src": "x", "text": "t"}"#, &[0, 1, 0]);
        count(&mut c, r#"{"party": "d", "src": "x", "text": "t"}"#, &[0, 1]);
        count(&mut c, r#"{"party": "r", "text": "t"}"#, &[0, 2]);
        count(&mut c, r#"{"party": null, "src": "", "text": "t"}"#, &[1, 2]);
        let f = c.fields().unwrap();
        assert_eq!(f.fields(), ["party", "src"]);
        assert_eq!(f.columns(), [("party", "d"), ("party", "r"), ("src", "x")]);
        let rows = [
            // (entity, party=d, party=r, src=x)
            (0, [1, 2, 2]),
            (1, [1, 1, 2]),
            (2, [0, 1, 0]),
        ];
        for (e, want) in rows {
            let got = [
                f.node(id(e), "party", "d"),
                f.node(id(e), "party", "r"),
                f.node(id(e), "src", "x"),
            ];
            assert_eq!(got, want, "entity {e}");
        }
        assert_eq!(
            (f.edge(id(1), id(0), "party", "r"), f.edge(id(0), id(2), "party", "r")),
            (1, 1)
        );
        assert_eq!(f.edge(id(1), id(2), "party", "r"), 0, "the null party is no value");
        assert_eq!((f.missing("party"), f.missing("src")), (1, 2));
        assert_eq!((f.documents("party", "r"), f.documents("src", "x")), (2, 2));
        assert_eq!(f.node(id(0), "party", "nosuch"), 0);
    }

    #[test]
    fn the_graph_carries_the_counts_of_its_nodes_and_edges_in_column_order() {
        let mut c = CooccurrenceBuilder::new().fields(["party"]).build();
        count(&mut c, r#"{"party": "r", "text": "t"}"#, &[0, 1]);
        count(&mut c, r#"{"party": "d", "text": "t"}"#, &[0, 2]);
        let graph = c.to_graph();
        let columns: Vec<String> = graph.field_columns().map(|(f, v)| format!("{f}={v}")).collect();
        assert_eq!(columns, ["party=d", "party=r"]);
        assert_eq!(graph.node_field_counts(id(0)), Some(&[1, 1][..]));
        assert_eq!(graph.node_field_counts(id(2)), Some(&[1, 0][..]));
        assert_eq!(graph.edge_field_counts(id(1), id(0)), Some(&[0, 1][..]));
        assert_eq!(CooccurrenceBuilder::new().build().to_graph().field_columns().count(), 0);
    }

    #[test]
    fn merging_halves_gives_the_counts_of_the_whole() {
        let docs = [
            (r#"{"party": "r", "text": "t"}"#, &[0, 1][..]),
            (r#"{"party": "d", "text": "t"}"#, &[0, 2][..]),
            (r#"{"party": "d", "text": "t"}"#, &[1, 2][..]),
            (r#"{"text": "t"}"#, &[1][..]),
        ];
        let builder = CooccurrenceBuilder::new().fields(["party"]).clone();
        let (mut whole, mut first, mut second) =
            (builder.build(), builder.build(), builder.build());
        for (i, (json, entities)) in docs.iter().enumerate() {
            count(&mut whole, json, entities);
            count(if i < 2 { &mut second } else { &mut first }, json, entities);
        }
        first.merge(&second);
        let (a, b) = (whole.fields().unwrap(), first.fields().unwrap());
        assert_eq!(a.columns(), b.columns());
        for e in 0..3 {
            for v in ["d", "r"] {
                assert_eq!(a.node(id(e), "party", v), b.node(id(e), "party", v));
                assert_eq!(
                    a.edge(id(e), id((e + 1) % 3), "party", v),
                    b.edge(id(e), id((e + 1) % 3), "party", v)
                );
            }
        }
        assert_eq!(b.missing("party"), 1);
    }

    #[test]
    fn splits_leave_out_documents_without_the_field() {
        let mut splits = FieldSplits::new("party", &CooccurrenceBuilder::new());
        let mentions = [Mention::new(id(0), Span::new(0, 1), false)];
        let segments = crate::segment::Segmenter::new().segment("a.");
        for json in
            [r#"{"party": "r", "text": "t"}"#, r#"{"party": "", "text": "t"}"#, r#"{"text": "t"}"#]
        {
            splits.add_document(&doc(json), &mentions, &segments, None);
        }
        let values: Vec<(&str, u64)> =
            splits.values().map(|(v, c)| (v, c.document_count())).collect();
        assert_eq!((values, splits.left_out()), (vec![("r", 1)], 2));
    }
}
