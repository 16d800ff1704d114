//! Turning counts into a graph: the choice of edge weight and the filters that thin a hairball
//! into something readable.
//!
//! Association measures are computed from the full counts first, so no filter changes the
//! counts or the measures of what remains. The filters then apply in a fixed order:
//!
//! 1. node filters: [`kinds`](GraphOptions::kinds) and [`exclude`](GraphOptions::exclude)
//!    remove nodes and every edge that touches them;
//! 2. edge thresholds: [`min_weight`](GraphOptions::min_weight) on the chosen weight and
//!    [`min_documents`](GraphOptions::min_documents);
//! 3. the disparity-filter [`backbone`](GraphOptions::backbone), on the edges left by 1 and 2;
//! 4. [`top_nodes`](GraphOptions::top_nodes): the N nodes ranked highest (by mentions, or by
//!    their degree after 3), and the edges among them;
//! 5. [`top_edges`](GraphOptions::top_edges): the N strongest edges left, by the chosen weight;
//! 6. [`drop_isolated`](GraphOptions::drop_isolated): nodes without edges are removed.
//!
//! Without step 6, a node that passes the node filters stays in the graph even if it has lost
//! all its edges. Ties are always broken by entity id (for edges, source then target id), so
//! the result never depends on anything but the counts.

use std::collections::{BTreeMap, BTreeSet};

use super::association::{Association, EdgeWeight, Frequencies};
use super::graph::{CooccurrenceGraph, Edge, Node};
use super::{EdgeCounts, NodeCounts};
use crate::gazetteer::{EntityId, EntityKind};

/// How nodes are ranked by [`GraphOptions::top_nodes`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NodeRank {
    /// By the number of mentions.
    #[default]
    Mentions,
    /// By the number of edges left after the thresholds and the backbone.
    Degree,
}

/// How counts become a graph: which value is the edge weight, and which nodes and edges stay.
///
/// The default keeps every node and edge and weighs edges by windows, as
/// [`Cooccurrence::to_graph`](crate::Cooccurrence::to_graph) does.
///
/// # Order
///
/// Node filters (kinds, exclude), then edge thresholds (minimum weight and documents), then the
/// backbone, then the top nodes, then the top edges, then dropping isolated nodes. Measures are
/// always computed from the full counts, before any filter, so they do not change.
///
/// ```
/// use actorgraph::{Cooccurrence, EdgeWeight, EntityKind, Gazetteer, GraphOptions, Matcher, Segmenter};
///
/// let gaz = Gazetteer::builtin();
/// let text = "The US and Iran met in Geneva. The US and Iraq met. Iran and Iraq met.";
/// let mut counts = Cooccurrence::new();
/// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
///
/// let mut options = GraphOptions::new();
/// options.weight(EdgeWeight::Npmi).kinds(&[EntityKind::State]).exclude(gaz.lookup("USA").unwrap());
/// let graph = counts.to_graph_with(&gaz, &options);
/// assert_eq!((graph.node_count(), graph.edge_count()), (2, 1)); // Iran and Iraq
///
/// // Measured over all 3 windows: Iran and Iraq are in 2 each and share 1, less than chance.
/// let (iran, iraq) = (gaz.lookup("IRN").unwrap(), gaz.lookup("IRQ").unwrap());
/// let npmi = graph.edge(iran, iraq).unwrap().value(EdgeWeight::Npmi);
/// assert!((npmi - 0.75f64.log2() / 3f64.log2()).abs() < 1e-12 && npmi < 0.0);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GraphOptions {
    weight: EdgeWeight,
    min_weight: Option<f64>,
    min_documents: u64,
    kinds: Option<BTreeSet<EntityKind>>,
    exclude: BTreeSet<EntityId>,
    backbone: Option<f64>,
    top_nodes: Option<(usize, NodeRank)>,
    top_edges: Option<usize>,
    drop_isolated: bool,
}

impl GraphOptions {
    /// Creates options that keep everything and weigh edges by windows.
    pub fn new() -> GraphOptions {
        GraphOptions::default()
    }

    /// Sets which value is the edge weight, for the formats and for `min_weight` and
    /// `top_edges`.
    pub fn weight(&mut self, weight: EdgeWeight) -> &mut GraphOptions {
        self.weight = weight;
        self
    }

    /// Keeps only edges whose chosen weight is at least `min` (a window count by default, or
    /// for example an NPMI).
    pub fn min_weight(&mut self, min: f64) -> &mut GraphOptions {
        self.min_weight = Some(min);
        self
    }

    /// Keeps only edges seen in at least `n` distinct documents.
    pub fn min_documents(&mut self, n: u64) -> &mut GraphOptions {
        self.min_documents = n;
        self
    }

    /// Keeps only nodes of these kinds. An empty list keeps every kind.
    pub fn kinds(&mut self, kinds: &[EntityKind]) -> &mut GraphOptions {
        self.kinds = (!kinds.is_empty()).then(|| kinds.iter().copied().collect());
        self
    }

    /// Removes an entity and its edges (a stop-actor such as the United States). Repeatable.
    pub fn exclude(&mut self, entity: EntityId) -> &mut GraphOptions {
        self.exclude.insert(entity);
        self
    }

    /// Keeps only the backbone found by the disparity filter (Serrano, Boguñá and Vespignani
    /// 2009) at significance `alpha`.
    ///
    /// With `w_ij` the window count of an edge, `s_i` the sum of node `i`'s window counts and
    /// `k_i` its degree (both over the edges left by the node filters and thresholds), an edge
    /// stays if, for at least one end with `k_i > 1`, `(1 - w_ij / s_i)^(k_i - 1) < alpha`. An
    /// edge between two nodes of degree 1 is therefore removed.
    pub fn backbone(&mut self, alpha: f64) -> &mut GraphOptions {
        self.backbone = Some(alpha);
        self
    }

    /// Keeps only the `n` highest-ranked nodes, ties broken by entity id, and their edges.
    pub fn top_nodes(&mut self, n: usize, rank: NodeRank) -> &mut GraphOptions {
        self.top_nodes = Some((n, rank));
        self
    }

    /// Keeps only the `n` edges with the highest chosen weight, ties broken by source and then
    /// target id.
    pub fn top_edges(&mut self, n: usize) -> &mut GraphOptions {
        self.top_edges = Some(n);
        self
    }

    /// Removes the nodes left without edges by the other filters (and those that never had any).
    pub fn drop_isolated(&mut self, yes: bool) -> &mut GraphOptions {
        self.drop_isolated = yes;
        self
    }

    /// Returns whether a node passes the kinds and excluded actors (for the event graph).
    pub(crate) fn keeps_node<K>(&self, id: EntityId, kind_of: K) -> bool
    where
        K: Fn(EntityId) -> Option<EntityKind>,
    {
        !self.exclude.contains(&id)
            && self.kinds.as_ref().is_none_or(|k| kind_of(id).is_some_and(|x| k.contains(&x)))
    }

    /// Returns the minimum weight, if set.
    pub(crate) fn min_weight_value(&self) -> Option<f64> {
        self.min_weight
    }

    /// Returns the minimum number of documents.
    pub(crate) fn min_documents_value(&self) -> u64 {
        self.min_documents
    }

    /// Returns the number of top edges to keep, if set.
    pub(crate) fn top_edges_value(&self) -> Option<usize> {
        self.top_edges
    }

    /// Returns whether isolated nodes are removed.
    pub(crate) fn drops_isolated(&self) -> bool {
        self.drop_isolated
    }

    /// Builds the graph from full counts. `kind_of` gives an entity's kind (for `kinds`);
    /// `min_windows` is the counter's own minimum weight.
    pub(crate) fn build<K>(&self, counts: Counts<'_>, kind_of: K) -> CooccurrenceGraph
    where
        K: Fn(EntityId) -> Option<EntityKind>,
    {
        let nodes: BTreeSet<EntityId> = counts
            .nodes
            .keys()
            .copied()
            .filter(|id| !self.exclude.contains(id))
            .filter(|id| {
                self.kinds.as_ref().is_none_or(|k| kind_of(*id).is_some_and(|x| k.contains(&x)))
            })
            .collect();
        let mut edges = self.thresholds(&counts, &nodes);
        if let Some(alpha) = self.backbone {
            edges = backbone(edges, alpha);
        }
        let mut nodes = nodes;
        if let Some((n, rank)) = self.top_nodes {
            nodes = top_nodes(&counts, nodes, &edges, n, rank);
            edges.retain(|(a, b, _)| nodes.contains(a) && nodes.contains(b));
        }
        if let Some(n) = self.top_edges {
            edges = top_edges(edges, n, self.weight);
        }
        if self.drop_isolated {
            nodes = edges.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        }
        let nodes = nodes.into_iter().map(|id| Node::new(id, counts.nodes[&id]));
        CooccurrenceGraph::from_parts(nodes, edges.into_iter()).with_weight(self.weight)
    }

    /// The edges between `nodes` that pass the minimum weight and documents, with their
    /// measures, in (source, target) order.
    fn thresholds(
        &self,
        counts: &Counts<'_>,
        nodes: &BTreeSet<EntityId>,
    ) -> Vec<(EntityId, EntityId, Edge)> {
        let strengths = counts.strengths();
        let total_weight = counts.edges.values().map(|c| c.weight).sum();
        counts
            .edges
            .iter()
            .filter(|((a, b), c)| {
                nodes.contains(a)
                    && nodes.contains(b)
                    && c.weight >= counts.min_windows
                    && c.documents >= self.min_documents
            })
            .map(|(&(a, b), &c)| {
                let window = |id: EntityId| counts.nodes.get(&id).map_or(0, |n| n.windows);
                let strength = |id: EntityId| strengths.get(&id).copied().unwrap_or(0);
                let association = Association::new(Frequencies {
                    windows: counts.windows,
                    ends: (window(a), window(b)),
                    both: c.weight,
                    strengths: (strength(a), strength(b)),
                    total_weight,
                });
                (a, b, Edge::new(c, association))
            })
            .filter(|(_, _, e)| self.min_weight.is_none_or(|min| e.value(self.weight) >= min))
            .collect()
    }
}

/// The full counts a graph is built from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Counts<'a> {
    /// Every node's counts.
    pub(crate) nodes: &'a BTreeMap<EntityId, NodeCounts>,
    /// Every pair's counts.
    pub(crate) edges: &'a BTreeMap<(EntityId, EntityId), EdgeCounts>,
    /// `N`, the windows counted.
    pub(crate) windows: u64,
    /// The counter's own minimum window count for edges.
    pub(crate) min_windows: u64,
}

impl Counts<'_> {
    /// Each node's strength: the sum of its pairs' window counts.
    fn strengths(&self) -> BTreeMap<EntityId, u64> {
        let mut strengths = BTreeMap::new();
        for (&(a, b), c) in self.edges {
            *strengths.entry(a).or_insert(0) += c.weight;
            *strengths.entry(b).or_insert(0) += c.weight;
        }
        strengths
    }
}

type Edges = Vec<(EntityId, EntityId, Edge)>;

/// Each node's degree and the sum of its window counts over `edges`.
fn degrees(edges: &Edges) -> BTreeMap<EntityId, (u64, u64)> {
    let mut out: BTreeMap<EntityId, (u64, u64)> = BTreeMap::new();
    for (a, b, e) in edges {
        for id in [a, b] {
            let slot = out.entry(*id).or_default();
            slot.0 += 1;
            slot.1 += e.weight();
        }
    }
    out
}

/// The disparity filter: keeps an edge if it is significant at `alpha` for one of its ends.
fn backbone(edges: Edges, alpha: f64) -> Edges {
    let degrees = degrees(&edges);
    let significant = |id: &EntityId, w: u64| {
        let (k, s) = degrees[id];
        k > 1 && (1.0 - w as f64 / s as f64).powf((k - 1) as f64) < alpha
    };
    edges
        .into_iter()
        .filter(|(a, b, e)| significant(a, e.weight()) || significant(b, e.weight()))
        .collect()
}

/// The `n` highest-ranked nodes, ties broken by id.
fn top_nodes(
    counts: &Counts<'_>,
    nodes: BTreeSet<EntityId>,
    edges: &Edges,
    n: usize,
    rank: NodeRank,
) -> BTreeSet<EntityId> {
    let degrees = degrees(edges);
    let score = |id: &EntityId| match rank {
        NodeRank::Mentions => counts.nodes[id].mentions,
        NodeRank::Degree => degrees.get(id).map_or(0, |d| d.0),
    };
    let mut ranked: Vec<EntityId> = nodes.into_iter().collect();
    ranked.sort_by(|a, b| score(b).cmp(&score(a)).then(a.cmp(b)));
    ranked.into_iter().take(n).collect()
}

/// The `n` edges with the highest `weight`, ties broken by ids, in (source, target) order.
fn top_edges(mut edges: Edges, n: usize, weight: EdgeWeight) -> Edges {
    edges.sort_by(|x, y| {
        y.2.value(weight).total_cmp(&x.2.value(weight)).then((x.0, x.1).cmp(&(y.0, y.1)))
    });
    edges.truncate(n);
    edges.sort_by_key(|e| (e.0, e.1));
    edges
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::cooccur::Cooccurrence;

    fn id(n: usize) -> EntityId {
        EntityId::new(n)
    }

    /// Kinds cycle person, state, group, place by id.
    fn kind_of(id: EntityId) -> Option<EntityKind> {
        Some(EntityKind::ALL[id.as_usize() % 4])
    }

    /// Nodes 0..=6 with these mentions, and the edges (a, b, windows, documents):
    /// 0-1 heavy, a triangle 0-1-2, a path 0-3-4 and a lone pair 5-6.
    fn sample() -> Cooccurrence {
        let mentions = [5, 9, 5, 1, 7, 2, 2];
        let edges =
            [(0, 1, 10, 3), (0, 2, 1, 1), (0, 3, 1, 1), (1, 2, 1, 1), (3, 4, 1, 2), (5, 6, 1, 1)];
        counts(&mentions, &edges)
    }

    /// Counts with consistent windows: each node is in one window of its own plus the
    /// windows of its pairs.
    fn counts(mentions: &[u64], edges: &[(usize, usize, u64, u64)]) -> Cooccurrence {
        let mut nodes: Vec<(EntityId, NodeCounts)> = mentions
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                (
                    id(i),
                    NodeCounts {
                        mentions: m,
                        documents: 1,
                        windows: 1,
                        adjectival: 0,
                        ..NodeCounts::default()
                    },
                )
            })
            .collect();
        for &(a, b, w, _) in edges {
            nodes[a].1.windows += w;
            nodes[b].1.windows += w;
        }
        let windows = nodes.iter().map(|n| n.1.windows).sum();
        let edges = edges.iter().map(|&(a, b, weight, documents)| {
            (id(a), id(b), EdgeCounts { weight, documents, ..EdgeCounts::default() })
        });
        let mut c = Cooccurrence::new();
        c.add_counts(1, windows, nodes, edges);
        c
    }

    fn build(c: &Cooccurrence, options: &GraphOptions) -> CooccurrenceGraph {
        options.build(c.counts(), kind_of)
    }

    fn edges(g: &CooccurrenceGraph) -> Vec<(usize, usize)> {
        g.edges().map(|(a, b, _)| (a.as_usize(), b.as_usize())).collect()
    }

    fn nodes(g: &CooccurrenceGraph) -> Vec<usize> {
        g.nodes().map(|n| n.entity().as_usize()).collect()
    }

    #[test]
    fn backbone_keeps_edges_significant_for_one_end() {
        // (1 - w/s)^(k-1) per end: 0-1 gives 1/36 at 0 and 1/11 at 1; 0-2, 0-3, 1-2 and 3-4
        // give 0.5 at their ends of degree 2; 5-6 joins two nodes of degree 1, never kept.
        let rows: &[(f64, &[(usize, usize)])] = &[
            (0.02, &[]),
            (0.05, &[(0, 1)]),
            (0.5, &[(0, 1)]),
            (0.51, &[(0, 1), (0, 2), (0, 3), (1, 2), (3, 4)]),
            (1.0, &[(0, 1), (0, 2), (0, 3), (1, 2), (3, 4)]),
        ];
        let c = sample();
        for &(alpha, want) in rows {
            let g = build(&c, GraphOptions::new().backbone(alpha));
            assert_eq!(edges(&g), want, "alpha {alpha}");
            assert_eq!(g.node_count(), 7, "nodes stay unless drop_isolated");
        }
    }

    #[test]
    fn filters_match_hand_computed_graphs() {
        type Case =
            (&'static str, fn(&mut GraphOptions), &'static [usize], &'static [(usize, usize)]);
        let all: &[usize] = &[0, 1, 2, 3, 4, 5, 6];
        let rows: &[Case] = &[
            ("default", |_| {}, all, &[(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (5, 6)]),
            (
                "min weight",
                |o| {
                    o.min_weight(2.0);
                },
                all,
                &[(0, 1)],
            ),
            (
                "min documents",
                |o| {
                    o.min_documents(2);
                },
                all,
                &[(0, 1), (3, 4)],
            ),
            (
                "kinds",
                |o| {
                    o.kinds(&[EntityKind::Person, EntityKind::State]);
                },
                &[0, 1, 4, 5],
                &[(0, 1)],
            ),
            (
                "exclude",
                |o| {
                    o.exclude(id(0)).exclude(id(6));
                },
                &[1, 2, 3, 4, 5],
                &[(1, 2), (3, 4)],
            ),
            (
                "top edges, ties by id",
                |o| {
                    o.top_edges(2);
                },
                all,
                &[(0, 1), (0, 2)],
            ),
            (
                "top nodes by mentions",
                |o| {
                    o.top_nodes(3, NodeRank::Mentions);
                },
                &[0, 1, 4],
                &[(0, 1)],
            ),
            (
                "top nodes by degree",
                |o| {
                    o.top_nodes(2, NodeRank::Degree);
                },
                &[0, 1],
                &[(0, 1)],
            ),
            (
                "degree counts after the thresholds",
                |o| {
                    o.exclude(id(1)).min_documents(2).top_nodes(2, NodeRank::Degree);
                },
                &[3, 4],
                &[(3, 4)],
            ),
            (
                "drop isolated",
                |o| {
                    o.top_edges(1).drop_isolated(true);
                },
                &[0, 1],
                &[(0, 1)],
            ),
            (
                "top nodes before top edges",
                |o| {
                    o.top_nodes(3, NodeRank::Degree).top_edges(2);
                },
                &[0, 1, 2],
                &[(0, 1), (0, 2)],
            ),
        ];
        let c = sample();
        for (name, set, want_nodes, want_edges) in rows {
            let mut options = GraphOptions::new();
            set(&mut options);
            let g = build(&c, &options);
            assert_eq!(nodes(&g), *want_nodes, "{name}: nodes");
            assert_eq!(edges(&g), *want_edges, "{name}: edges");
        }
    }

    #[test]
    fn top_edges_and_min_weight_use_the_chosen_weight() {
        // Windows: 0 in 1 + 10 + 1 + 1 = 13, 1 in 12, 2 in 3, 3 in 3, 4 in 2, 5 and 6 in 2;
        // Jaccard of 5-6 is 1 / (2 + 2 - 1) = 1/3, of 3-4 1/4, of 0-1 10/15 = 2/3.
        let c = sample();
        let g = build(&c, GraphOptions::new().weight(EdgeWeight::Jaccard).top_edges(2));
        assert_eq!(edges(&g), [(0, 1), (5, 6)]);
        assert_eq!(g.edge_weight(), EdgeWeight::Jaccard);
        let g = build(&c, GraphOptions::new().weight(EdgeWeight::Jaccard).min_weight(0.3));
        assert_eq!(edges(&g), [(0, 1), (5, 6)]);
        let jaccard = g.edge(id(0), id(1)).map(|e| e.value(EdgeWeight::Jaccard));
        assert_eq!(jaccard, Some(10.0 / 15.0));
    }

    #[test]
    fn counter_minimum_still_applies() {
        let mut c = CooccurrenceBuilder::new().min_weight(2).build();
        c.merge(&sample());
        assert_eq!(edges(&build(&c, &GraphOptions::new())), [(0, 1)]);
    }

    use crate::cooccur::CooccurrenceBuilder;

    /// Random counts: up to 8 nodes and any pairs among them.
    fn arb_counts() -> impl Strategy<Value = Cooccurrence> {
        let mentions = proptest::collection::vec(1u64..20, 2..8);
        mentions.prop_flat_map(|m| {
            let n = m.len();
            let pair = (0..n, 0..n, 1u64..6, 1u64..3);
            let pairs = proptest::collection::vec(pair, 0..20);
            (Just(m), pairs).prop_map(|(m, pairs)| {
                let mut seen = BTreeSet::new();
                let edges: Vec<_> = pairs
                    .into_iter()
                    .filter(|&(a, b, _, _)| a < b && seen.insert((a, b)))
                    .map(|(a, b, w, d)| (a, b, w, d.min(w)))
                    .collect();
                counts(&m, &edges)
            })
        })
    }

    fn arb_options() -> impl Strategy<Value = GraphOptions> {
        let weight = proptest::sample::select(EdgeWeight::ALL.to_vec());
        let rank = proptest::sample::select(vec![NodeRank::Mentions, NodeRank::Degree]);
        (
            weight,
            proptest::option::of(-2.0f64..4.0),
            0u64..3,
            proptest::option::of(0usize..8),
            proptest::option::of(0.0f64..1.0),
            proptest::option::of((0usize..8, rank)),
            proptest::option::of(0usize..10),
            any::<bool>(),
            proptest::sample::subsequence(EntityKind::ALL.to_vec(), 0..=4),
        )
            .prop_map(
                |(w, min, docs, exclude, alpha, top_nodes, top_edges, drop, kinds)| {
                    let mut o = GraphOptions::new();
                    o.weight(w).min_documents(docs).drop_isolated(drop).kinds(&kinds);
                    if let Some(m) = min {
                        o.min_weight(m);
                    }
                    if let Some(e) = exclude {
                        o.exclude(id(e));
                    }
                    if let Some(a) = alpha {
                        o.backbone(a);
                    }
                    if let Some((n, r)) = top_nodes {
                        o.top_nodes(n, r);
                    }
                    if let Some(n) = top_edges {
                        o.top_edges(n);
                    }
                    o
                },
            )
    }

    proptest! {
        #[test]
        fn filtering_never_changes_what_remains(c in arb_counts(), options in arb_options()) {
            let full = c.to_graph();
            let g = build(&c, &options);
            for node in g.nodes() {
                prop_assert_eq!(Some(node), full.node(node.entity()));
            }
            for (a, b, edge) in g.edges() {
                prop_assert_eq!(Some(edge), full.edge(a, b));
                prop_assert!(g.node(a).is_some() && g.node(b).is_some());
                for w in EdgeWeight::ALL {
                    prop_assert!(edge.value(w).is_finite());
                }
            }
            prop_assert!(g.node_count() <= full.node_count() && g.edge_count() <= full.edge_count());
            if let Some(n) = options.top_edges {
                prop_assert!(g.edge_count() <= n);
            }
        }
    }
}
