//! The directed event graph: who did what to whom, summed over a corpus.
//!
//! Co-occurrence says two actors were named together; the events of an
//! [`EventExtractor`](crate::EventExtractor) say which one acted on the other and how. An
//! [`EventCounts`] sums them per ordered pair (source, target): the events in each quad class,
//! the sum of their scores, the documents and the dates. Its counts become an [`EventGraph`], a
//! petgraph `DiGraph` in which A → B and B → A are two edges.
//!
//! Only events told as having happened ([`EventFlags::is_asserted`](crate::EventFlags)) are
//! counted by default: a negated ("did not attack") or modal ("could attack", "threatened to
//! impose sanctions on") event did not take place. [`EventCounts::include_unasserted`] counts
//! them too. Scores are summed as whole hundredths, so a mean does not depend on the order in
//! which documents or partial results are added.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::filter::GraphOptions;
use crate::corpus::Date;
use crate::events::{CodedEvent, QuadClass};
use crate::gazetteer::{EntityId, Gazetteer};

/// The four quad classes in GDELT's order, the order of [`EventEdge::quad_counts`].
pub(crate) const QUAD_CLASSES: [QuadClass; 4] = [
    QuadClass::VerbalCooperation,
    QuadClass::MaterialCooperation,
    QuadClass::VerbalConflict,
    QuadClass::MaterialConflict,
];

/// What the event graph's formats write as the edge weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventWeight {
    /// The number of events from the source to the target.
    #[default]
    Events,
    /// Cooperation minus conflict: the events in the two cooperation classes (verbal and
    /// material) less those in the two conflict classes. Negative for a hostile tie.
    Signed,
}

/// The counts of one ordered pair: the events from a source to a target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PairCounts {
    /// The events in each quad class, in the order of [`QUAD_CLASSES`].
    pub(crate) quads: [u64; 4],
    /// The sum of the events' scores in hundredths.
    pub(crate) score: i64,
    pub(crate) documents: u64,
    pub(crate) first_seen: Option<Date>,
    pub(crate) last_seen: Option<Date>,
}

impl PairCounts {
    fn events(&self) -> u64 {
        self.quads.iter().sum()
    }

    fn merge(&mut self, other: &PairCounts) {
        for (a, b) in self.quads.iter_mut().zip(other.quads) {
            *a += b;
        }
        self.score += other.score;
        self.documents += other.documents;
        self.first_seen = Date::earliest(self.first_seen, other.first_seen);
        self.last_seen = Date::latest(self.last_seen, other.last_seen);
    }
}

/// A score in whole hundredths: dictionary scores have at most two decimals in practice, and
/// integers add up the same in any order.
fn hundredths(score: f32) -> i64 {
    (f64::from(score) * 100.0).round() as i64
}

/// The position of a class in [`QUAD_CLASSES`].
fn quad_index(class: QuadClass) -> usize {
    usize::from(class.number() - 1)
}

/// Sums coded events per ordered pair of actors, over documents; merges by addition.
///
/// ```
/// use actorgraph::{EventCounts, EventDictionary, EventExtractor, Gazetteer, Matcher, QuadClass, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let (matcher, extractor) = (Matcher::new(&gaz)?, EventExtractor::new(&EventDictionary::builtin())?);
/// let mut counts = EventCounts::new();
/// for text in ["Iraq attacked Iran.", "Iraq signed an agreement with Iran.", "Iraq did not attack Iran."] {
///     let mentions = matcher.find_all(text);
///     let events = extractor.extract(text, &mentions, Segmenter::new().segment(text).sentences());
///     counts.add_document(&events, None);
/// }
/// assert_eq!(counts.left_out(), 1, "the negated attack");
/// let graph = counts.to_graph();
/// let (iraq, iran) = (gaz.lookup("IRQ").unwrap(), gaz.lookup("IRN").unwrap());
/// let edge = graph.edge(iraq, iran).unwrap();
/// assert_eq!((edge.events(), edge.signed()), (2, 0));
/// assert_eq!(edge.count(QuadClass::MaterialConflict), 1);
/// assert!(graph.edge(iran, iraq).is_none(), "directed");
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventCounts {
    pairs: BTreeMap<(EntityId, EntityId), PairCounts>,
    unasserted: bool,
    left_out: u64,
}

impl EventCounts {
    /// Creates an empty counter that counts asserted events only.
    pub fn new() -> EventCounts {
        EventCounts::default()
    }

    /// Sets whether negated and modal events are counted too. Off by default. Set it before
    /// adding documents.
    pub fn include_unasserted(&mut self, yes: bool) -> &mut EventCounts {
        self.unasserted = yes;
        self
    }

    /// Returns whether negated and modal events are counted.
    pub fn includes_unasserted(&self) -> bool {
        self.unasserted
    }

    /// Adds the events of one document, dated `date` if known. An event whose source and
    /// target are the same entity is left out (the extractor makes none).
    pub fn add_document(&mut self, events: &[CodedEvent], date: Option<Date>) {
        let mut seen = BTreeSet::new();
        for event in events {
            let (source, target) = (event.source().entity(), event.target().entity());
            if source == target {
                continue;
            }
            if !self.unasserted && !event.flags().is_asserted() {
                self.left_out += 1;
                continue;
            }
            let pair = self.pairs.entry((source, target)).or_default();
            pair.quads[quad_index(event.quad_class())] += 1;
            pair.score += hundredths(event.score());
            if seen.insert((source, target)) {
                pair.documents += 1;
                pair.first_seen = Date::earliest(pair.first_seen, date);
                pair.last_seen = Date::latest(pair.last_seen, date);
            }
        }
    }

    /// Adds another counter's counts (of other documents) to these.
    pub fn merge(&mut self, other: &EventCounts) {
        for (pair, counts) in &other.pairs {
            self.pairs.entry(*pair).or_default().merge(counts);
        }
        self.left_out += other.left_out;
    }

    /// The counts of every ordered pair, in (source, target) order.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (EntityId, EntityId, &PairCounts)> {
        self.pairs.iter().map(|(&(source, target), counts)| (source, target, counts))
    }

    /// Adds the counts of a pair and of events left out, as a partial result holds them.
    pub(crate) fn add_counts(&mut self, source: EntityId, target: EntityId, counts: &PairCounts) {
        self.pairs.entry((source, target)).or_default().merge(counts);
    }

    /// Adds to the number of negated or modal events left out.
    pub(crate) fn add_left_out(&mut self, n: u64) {
        self.left_out += n;
    }

    /// Returns the number of events counted.
    pub fn event_count(&self) -> u64 {
        self.pairs.values().map(PairCounts::events).sum()
    }

    /// Returns the number of negated or modal events left out.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Builds the graph of every counted pair, weighted by events.
    pub fn to_graph(&self) -> EventGraph {
        self.build(|_| true, |_, _, _| true, false, EventWeight::Events)
    }

    /// Builds the graph with `options`' filters and `weight` as the edge weight.
    ///
    /// The filters that apply to events, in this order: kinds and excluded actors; the minimum
    /// weight (on the chosen weight: events, or cooperation minus conflict) and minimum
    /// documents; the top edges by the chosen weight (ties by source, then target id); and
    /// isolated nodes. The edge weight, the backbone and the top nodes of `options` are
    /// co-occurrence options and are not used. The nodes are the actors of the counted events.
    ///
    /// ```
    /// use actorgraph::{EventCounts, EventWeight, Gazetteer, GraphOptions};
    ///
    /// let graph = EventCounts::new().to_graph_with(&Gazetteer::builtin(), &GraphOptions::new(), EventWeight::Signed);
    /// assert_eq!((graph.node_count(), graph.weight()), (0, EventWeight::Signed));
    /// ```
    pub fn to_graph_with(
        &self,
        gaz: &Gazetteer,
        options: &GraphOptions,
        weight: EventWeight,
    ) -> EventGraph {
        let keep = |id: EntityId| options.keeps_node(id, |id| gaz.get(id).map(|e| e.kind()));
        let min = options.min_weight_value();
        let pass = |_: EntityId, _: EntityId, edge: &EventEdge| {
            min.is_none_or(|m| edge.value(weight) >= m)
                && edge.documents() >= options.min_documents_value()
        };
        let mut graph = self.build(keep, pass, options.drops_isolated(), weight);
        if let Some(n) = options.top_edges_value() {
            graph = graph.top_edges(n, options.drops_isolated());
        }
        graph
    }

    fn build<K, P>(&self, keep: K, pass: P, drop_isolated: bool, weight: EventWeight) -> EventGraph
    where
        K: Fn(EntityId) -> bool,
        P: Fn(EntityId, EntityId, &EventEdge) -> bool,
    {
        let mut nodes: BTreeMap<EntityId, EventNode> = BTreeMap::new();
        for (&(a, b), counts) in &self.pairs {
            let node = |entity| EventNode {
                entity,
                out_events: 0,
                in_events: 0,
                first_seen: None,
                last_seen: None,
            };
            let out = nodes.entry(a).or_insert_with(|| node(a));
            out.out_events += counts.events();
            out.seen(counts);
            let into = nodes.entry(b).or_insert_with(|| node(b));
            into.in_events += counts.events();
            into.seen(counts);
        }
        nodes.retain(|id, _| keep(*id));
        let edges: Vec<(EntityId, EntityId, EventEdge)> = self
            .pairs
            .iter()
            .filter(|((a, b), _)| nodes.contains_key(a) && nodes.contains_key(b))
            .map(|(&(a, b), c)| (a, b, EventEdge { counts: *c }))
            .filter(|(a, b, e)| pass(*a, *b, e))
            .collect();
        if drop_isolated {
            let linked: BTreeSet<EntityId> = edges.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
            nodes.retain(|id, _| linked.contains(id));
        }
        EventGraph::from_parts(nodes.into_values(), edges, weight)
    }
}

/// A node of the event graph: an actor and the events it took part in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventNode {
    entity: EntityId,
    out_events: u64,
    in_events: u64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
}

impl EventNode {
    fn seen(&mut self, counts: &PairCounts) {
        self.first_seen = Date::earliest(self.first_seen, counts.first_seen);
        self.last_seen = Date::latest(self.last_seen, counts.last_seen);
    }

    /// Returns the entity.
    pub fn entity(&self) -> EntityId {
        self.entity
    }

    /// Returns the number of events the actor is the source of, over all its counted events
    /// (before any edge filter).
    pub fn out_events(&self) -> u64 {
        self.out_events
    }

    /// Returns the number of events the actor is the target of (before any edge filter).
    pub fn in_events(&self) -> u64 {
        self.in_events
    }

    /// Returns the earliest date of a dated document with an event of the actor.
    pub fn first_seen(&self) -> Option<Date> {
        self.first_seen
    }

    /// Returns the latest date of a dated document with an event of the actor.
    pub fn last_seen(&self) -> Option<Date> {
        self.last_seen
    }
}

/// An edge of the event graph: the events from its source to its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventEdge {
    counts: PairCounts,
}

impl EventEdge {
    /// Returns the number of events (the edge's weight by default).
    pub fn events(&self) -> u64 {
        self.counts.events()
    }

    /// Returns the number of events of one quad class.
    pub fn count(&self, class: QuadClass) -> u64 {
        self.counts.quads[quad_index(class)]
    }

    /// Returns the events per quad class, in GDELT's order: verbal cooperation, material
    /// cooperation, verbal conflict, material conflict.
    pub fn quad_counts(&self) -> [u64; 4] {
        self.counts.quads
    }

    /// Returns cooperation minus conflict: the events of the two cooperation classes less
    /// those of the two conflict classes.
    pub fn signed(&self) -> i64 {
        let [vc, mc, vk, mk] = self.counts.quads.map(|n| n as i64);
        vc + mc - vk - mk
    }

    /// Returns the mean score of the events (each rounded to hundredths before summing).
    pub fn mean_score(&self) -> f64 {
        match self.events() {
            0 => 0.0,
            n => self.counts.score as f64 / 100.0 / n as f64,
        }
    }

    /// Returns the class with the most events; a tie goes to the class first in GDELT's
    /// order (verbal cooperation, material cooperation, verbal conflict, material conflict).
    pub fn dominant_class(&self) -> QuadClass {
        let mut best = 0;
        for i in 1..4 {
            if self.counts.quads[i] > self.counts.quads[best] {
                best = i;
            }
        }
        QUAD_CLASSES[best]
    }

    /// Returns the number of distinct documents with an event from the source to the target.
    pub fn documents(&self) -> u64 {
        self.counts.documents
    }

    /// Returns one of the edge's weights as a real number.
    pub fn value(&self, weight: EventWeight) -> f64 {
        match weight {
            EventWeight::Events => self.events() as f64,
            EventWeight::Signed => self.signed() as f64,
        }
    }

    /// Returns the earliest date of a dated document with an event of the pair.
    pub fn first_seen(&self) -> Option<Date> {
        self.counts.first_seen
    }

    /// Returns the latest date of a dated document with an event of the pair.
    pub fn last_seen(&self) -> Option<Date> {
        self.counts.last_seen
    }
}

/// A directed actor graph of coded events: one edge per ordered pair (source, target).
///
/// Nodes are in entity id order and edges in (source, target) order, so the same input always
/// gives the same graph. [`EventGraph::as_petgraph`] gives the underlying petgraph `DiGraph`.
#[derive(Clone, Debug, Default)]
pub struct EventGraph {
    graph: DiGraph<EventNode, EventEdge>,
    index: BTreeMap<EntityId, NodeIndex>,
    weight: EventWeight,
}

impl EventGraph {
    fn from_parts<N>(
        nodes: N,
        edges: Vec<(EntityId, EntityId, EventEdge)>,
        weight: EventWeight,
    ) -> EventGraph
    where
        N: Iterator<Item = EventNode>,
    {
        let mut graph = DiGraph::default();
        let mut index = BTreeMap::new();
        for node in nodes {
            index.insert(node.entity, graph.add_node(node));
        }
        for (a, b, edge) in edges {
            graph.add_edge(index[&a], index[&b], edge);
        }
        EventGraph { graph, index, weight }
    }

    /// Keeps the `n` edges with the highest weight, ties by source and target id.
    fn top_edges(self, n: usize, drop_isolated: bool) -> EventGraph {
        let mut edges: Vec<(EntityId, EntityId, EventEdge)> =
            self.edges().map(|(a, b, e)| (a, b, *e)).collect();
        let weight = self.weight;
        edges.sort_by(|x, y| {
            y.2.value(weight).total_cmp(&x.2.value(weight)).then((x.0, x.1).cmp(&(y.0, y.1)))
        });
        edges.truncate(n);
        edges.sort_by_key(|(a, b, _)| (*a, *b));
        let linked: BTreeSet<EntityId> = edges.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        let nodes: Vec<EventNode> = self
            .nodes()
            .filter(|n| !drop_isolated || linked.contains(&n.entity))
            .copied()
            .collect();
        EventGraph::from_parts(nodes.into_iter(), edges, weight)
    }

    /// Returns which value the formats write as the edge weight.
    pub fn weight(&self) -> EventWeight {
        self.weight
    }

    /// Returns the number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Returns the number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Returns the nodes, in entity id order.
    pub fn nodes(&self) -> impl Iterator<Item = &EventNode> {
        self.graph.node_weights()
    }

    /// Returns the node of an entity, if it is in the graph.
    pub fn node(&self, entity: EntityId) -> Option<&EventNode> {
        self.index.get(&entity).map(|&i| &self.graph[i])
    }

    /// Returns the edges as (source, target, edge), in (source, target) order.
    pub fn edges(&self) -> impl Iterator<Item = (EntityId, EntityId, &EventEdge)> {
        self.graph
            .edge_references()
            .map(|e| (self.graph[e.source()].entity, self.graph[e.target()].entity, e.weight()))
    }

    /// Returns the edge from `source` to `target`, if any (the other direction is another
    /// edge).
    pub fn edge(&self, source: EntityId, target: EntityId) -> Option<&EventEdge> {
        let (a, b) = (self.index.get(&source)?, self.index.get(&target)?);
        self.graph.find_edge(*a, *b).map(|e| &self.graph[e])
    }

    /// Returns the underlying petgraph graph. Its node indices follow entity id order.
    ///
    /// ```
    /// use actorgraph::EventCounts;
    /// use actorgraph::petgraph::algo::is_cyclic_directed;
    ///
    /// assert!(!is_cyclic_directed(EventCounts::new().to_graph().as_petgraph()));
    /// ```
    pub fn as_petgraph(&self) -> &DiGraph<EventNode, EventEdge> {
        &self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{EventDictionary, EventExtractor};
    use crate::gazetteer::EntityKind;
    use crate::matcher::Matcher;
    use crate::segment::Segmenter;

    const A: &str = "Russia attacked Ukraine. Russia signed an agreement with Ukraine. Ukraine \
                     accused Russia of lying.\n\nRussia did not attack Ukraine. Russia could \
                     attack Ukraine. Russia sent aid to Ukraine.";
    const B: &str = "Russia attacked Ukraine. Turkey met with Russia.";

    fn gazetteer() -> Gazetteer {
        let tsv = "id\tkind\tlabel\nRUS\tstate\tRussia\nUKR\tstate\tUkraine\nTUR\tgroup\tTurkey\n";
        Gazetteer::builder().add_str("t.tsv", tsv).unwrap().build().unwrap()
    }

    fn events(gaz: &Gazetteer, text: &str) -> Vec<CodedEvent> {
        let extractor = EventExtractor::new(&EventDictionary::builtin()).unwrap();
        let mentions = Matcher::new(gaz).unwrap().find_all(text);
        extractor.extract(text, &mentions, Segmenter::new().segment(text).sentences())
    }

    fn counts(gaz: &Gazetteer, texts: &[(&str, &str)], unasserted: bool) -> EventCounts {
        let mut counts = EventCounts::new();
        counts.include_unasserted(unasserted);
        for (text, date) in texts {
            counts.add_document(&events(gaz, text), date.parse().ok());
        }
        counts
    }

    fn ids(gaz: &Gazetteer) -> (EntityId, EntityId, EntityId) {
        let id = |s| gaz.lookup(s).unwrap();
        (id("RUS"), id("UKR"), id("TUR"))
    }

    #[test]
    fn counts_per_quad_class_and_direction() {
        let gaz = gazetteer();
        let (rus, ukr, _) = ids(&gaz);
        let graph = counts(&gaz, &[(A, "")], false).to_graph();
        let edge = graph.edge(rus, ukr).unwrap();
        // Attacked (190), signed an agreement (057), sent aid (070); the negated and the modal
        // attack are left out.
        assert_eq!(edge.quad_counts(), [1, 1, 0, 1]);
        assert_eq!((edge.events(), edge.documents()), (3, 1));
        let back = graph.edge(ukr, rus).unwrap();
        assert_eq!(back.quad_counts(), [0, 0, 1, 0], "accused ... of: the other direction");
        assert_eq!(graph.edge_count(), 2);
        let node = graph.node(rus).unwrap();
        assert_eq!((node.out_events(), node.in_events()), (3, 1));
    }

    #[test]
    fn mean_score_and_signed_weight() {
        let gaz = gazetteer();
        let (rus, ukr, tur) = ids(&gaz);
        let graph = counts(&gaz, &[(A, ""), (B, "")], false).to_graph();
        let edge = graph.edge(rus, ukr).unwrap();
        assert_eq!(edge.quad_counts(), [1, 1, 0, 2]);
        assert_eq!(edge.mean_score(), (-10.0 + 8.0 + 7.0 - 10.0) / 4.0);
        assert_eq!(edge.signed(), 0, "two cooperation events less two conflict events");
        assert_eq!(edge.dominant_class(), QuadClass::MaterialConflict);
        assert_eq!(edge.documents(), 2);
        assert_eq!(graph.edge(ukr, rus).unwrap().signed(), -1);
        assert_eq!(graph.edge(ukr, rus).unwrap().mean_score(), -2.0);
        assert_eq!(graph.edge(tur, rus).unwrap().signed(), 1, "met with: verbal cooperation");
        assert_eq!(graph.edge(tur, rus).unwrap().value(EventWeight::Signed), 1.0);
    }

    #[test]
    fn dominant_class_ties_go_to_the_first_class() {
        let gaz = gazetteer();
        let (rus, ukr, _) = ids(&gaz);
        let graph = counts(&gaz, &[(A, "")], false).to_graph();
        assert_eq!(graph.edge(rus, ukr).unwrap().dominant_class(), QuadClass::VerbalCooperation);
    }

    #[test]
    fn negated_and_modal_events_are_left_out_unless_asked_for() {
        let gaz = gazetteer();
        let (rus, ukr, _) = ids(&gaz);
        let asserted = counts(&gaz, &[(A, "")], false);
        assert_eq!((asserted.event_count(), asserted.left_out()), (4, 2));
        let all = counts(&gaz, &[(A, "")], true);
        assert_eq!((all.event_count(), all.left_out()), (6, 0));
        assert_eq!(all.to_graph().edge(rus, ukr).unwrap().quad_counts(), [1, 1, 0, 3]);
    }

    #[test]
    fn merging_gives_the_counts_of_one_pass_in_any_order() {
        let gaz = gazetteer();
        let docs = [(A, "2024-05-01"), (B, "2024-06")];
        let one = counts(&gaz, &docs, false);
        let (mut ab, mut ba) = (counts(&gaz, &docs[..1], false), counts(&gaz, &docs[1..], false));
        let (a, b) = (ab.clone(), ba.clone());
        ab.merge(&b);
        ba.merge(&a);
        assert_eq!(ab, one);
        assert_eq!(ba, one);
        let (rus, ukr, _) = ids(&gaz);
        let graph = one.to_graph();
        let edge = graph.edge(rus, ukr).unwrap();
        assert_eq!(edge.first_seen().unwrap().to_string(), "2024-05-01");
        assert_eq!(edge.last_seen().unwrap().to_string(), "2024-06");
    }

    #[test]
    fn filters_apply_to_the_chosen_weight() {
        let gaz = gazetteer();
        let (rus, ukr, tur) = ids(&gaz);
        let all = counts(&gaz, &[(A, ""), (B, "")], false);
        let mut options = GraphOptions::new();
        options.min_weight(1.0);
        let signed = all.to_graph_with(&gaz, &options, EventWeight::Signed);
        let pairs: Vec<_> = signed.edges().map(|(a, b, _)| (a, b)).collect();
        assert_eq!(pairs, [(tur, rus)], "signed weights 0, -1 and 1");
        assert_eq!(signed.node_count(), 3, "nodes stay without --drop-isolated");
        options.drop_isolated(true);
        assert_eq!(all.to_graph_with(&gaz, &options, EventWeight::Signed).node_count(), 2);
        let mut options = GraphOptions::new();
        options.kinds(&[EntityKind::State]).top_edges(1);
        let top = all.to_graph_with(&gaz, &options, EventWeight::Events);
        let pairs: Vec<_> = top.edges().map(|(a, b, e)| (a, b, e.events())).collect();
        assert_eq!(pairs, [(rus, ukr, 4)]);
        let mut options = GraphOptions::new();
        options.exclude(ukr).min_documents(1);
        let graph = all.to_graph_with(&gaz, &options, EventWeight::Events);
        assert_eq!((graph.node_count(), graph.edge_count()), (2, 1));
    }
}
