//! Node measures: degree, weighted degree, betweenness and eigenvector centrality, and
//! community.
//!
//! Analysts rank actors and look for blocs in every network they build, and they cite the
//! numbers, so the measures are computed here, on the final graph (after any filtering), with
//! fixed definitions and output that is the same on every run and for any thread count. The
//! centralities come from rustworkx-core (the Rust core of rustworkx, built on petgraph);
//! communities from this crate's deterministic Louvain method (`community.rs`).

use std::convert::Infallible;

use petgraph::visit::EdgeRef;
use rustworkx_core::centrality::{betweenness_centrality, eigenvector_centrality};

use super::community::louvain;
use super::graph::CooccurrenceGraph;
use crate::gazetteer::EntityId;

/// The most power iterations eigenvector centrality may take before it gives up.
const EIGENVECTOR_MAX_ITER: usize = 1000;

/// The eigenvector tolerance: iteration stops when the summed absolute change of all values is
/// below this times the number of nodes (networkx's criterion, with a stricter tolerance than
/// its default `1e-6`, so that the six decimals written are right).
const EIGENVECTOR_TOL: f64 = 1e-9;

/// Configures which node measures [`MeasuresBuilder::compute`] computes.
///
/// Degree, weighted degree and community are always computed: they cost one pass over the
/// edges and a few Louvain passes. Betweenness (O(nodes × edges)) and eigenvector centrality
/// (power iteration) can be switched off for very large graphs.
#[derive(Clone, Debug)]
pub struct MeasuresBuilder {
    betweenness: bool,
    eigenvector: bool,
}

impl Default for MeasuresBuilder {
    fn default() -> MeasuresBuilder {
        MeasuresBuilder { betweenness: true, eigenvector: true }
    }
}

impl MeasuresBuilder {
    /// Creates a builder that computes every measure.
    pub fn new() -> MeasuresBuilder {
        MeasuresBuilder::default()
    }

    /// Sets whether to compute betweenness centrality (default: yes).
    pub fn betweenness(&mut self, yes: bool) -> &mut MeasuresBuilder {
        self.betweenness = yes;
        self
    }

    /// Sets whether to compute eigenvector centrality (default: yes).
    pub fn eigenvector(&mut self, yes: bool) -> &mut MeasuresBuilder {
        self.eigenvector = yes;
        self
    }

    /// Computes the measures of every node of `graph`.
    ///
    /// To write the measures with the graph, use [`CooccurrenceGraph::compute_measures`],
    /// which calls this and keeps the result with the graph.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, Gazetteer, Matcher, MeasuresBuilder, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met. Iraq and Iran met. Iraq and Iran met again.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// let measures = MeasuresBuilder::new().betweenness(true).compute(&counts.to_graph());
    /// let iraq = measures.get(gaz.lookup("IRQ").unwrap()).unwrap();
    /// assert_eq!((iraq.degree, iraq.weighted_degree), (2, 3));
    /// assert_eq!(iraq.betweenness, Some(1.0)); // on the only path from Syria to Iran
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn compute(&self, graph: &CooccurrenceGraph) -> NodeMeasures {
        let g = graph.as_petgraph();
        let n = g.node_count();
        let mut edges = Vec::with_capacity(g.edge_count());
        let mut nodes: Vec<NodeMeasure> =
            g.node_weights().map(|node| NodeMeasure::new(node.entity())).collect();
        for e in g.edge_references() {
            let (a, b, w) = (e.source().index(), e.target().index(), e.weight().weight());
            for end in [a, b] {
                nodes[end].degree += 1;
                nodes[end].weighted_degree += w;
            }
            edges.push((a.min(b), a.max(b), w));
        }
        let betweenness = self.betweenness.then(|| betweenness(graph)).flatten();
        let eigenvector = self.eigenvector.then(|| eigenvector(graph)).flatten();
        let partition = louvain(n, &edges);
        for (i, node) in nodes.iter_mut().enumerate() {
            node.betweenness = betweenness.as_ref().map(|b| b[i]);
            node.eigenvector = eigenvector.as_ref().map(|x| x[i]);
            node.community = partition.community[i];
        }
        nodes.sort_by_key(|node| node.entity);
        NodeMeasures {
            nodes,
            betweenness: betweenness.is_some(),
            eigenvector: eigenvector.is_some(),
            community_count: partition.count,
            modularity: partition.modularity,
        }
    }
}

/// Betweenness centrality, unweighted and normalised as networkx does by default for an
/// undirected graph, rounded to 6 significant digits. Runs on one thread so that floating-point
/// sums are always added in the same order. `None` if any value is not finite.
fn betweenness(graph: &CooccurrenceGraph) -> Option<Vec<f64>> {
    let values = betweenness_centrality(graph.as_petgraph(), false, true, usize::MAX);
    values
        .into_iter()
        .map(|x| x.unwrap_or(0.0))
        .map(|x| x.is_finite().then(|| significant(x)))
        .collect()
}

/// Eigenvector centrality weighted by window counts, scaled to unit Euclidean length and
/// rounded to 6 decimals. `None` if the power iteration does not converge or the graph is
/// empty.
fn eigenvector(graph: &CooccurrenceGraph) -> Option<Vec<f64>> {
    let weight = |e: petgraph::graph::EdgeReference<'_, super::Edge>| {
        Ok::<f64, Infallible>(e.weight().weight() as f64)
    };
    let g = graph.as_petgraph();
    let values = match eigenvector_centrality(
        g,
        weight,
        Some(EIGENVECTOR_MAX_ITER),
        Some(EIGENVECTOR_TOL),
    ) {
        Ok(values) => values?,
        Err(never) => match never {},
    };
    values.into_iter().map(|x| x.is_finite().then(|| decimals(x))).collect()
}

/// Rounds to 6 significant digits, by decimal formatting, so that the value prints as at most
/// six digits.
fn significant(x: f64) -> f64 {
    format!("{x:.5e}").parse::<f64>().map_or(0.0, |r| r + 0.0)
}

/// Rounds to 6 decimal places, by decimal formatting.
fn decimals(x: f64) -> f64 {
    format!("{x:.6}").parse::<f64>().map_or(0.0, |r| r + 0.0)
}

/// The measures of one node.
///
/// See [`NodeMeasures`] for the definitions.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct NodeMeasure {
    /// The entity.
    pub entity: EntityId,
    /// The number of edges at the node.
    pub degree: u64,
    /// The sum of the weights (window counts) of the edges at the node.
    pub weighted_degree: u64,
    /// Normalised betweenness centrality, or `None` if it was not computed.
    pub betweenness: Option<f64>,
    /// Eigenvector centrality, or `None` if it was not computed.
    pub eigenvector: Option<f64>,
    /// The node's community: 0 is the largest.
    pub community: usize,
}

impl NodeMeasure {
    fn new(entity: EntityId) -> NodeMeasure {
        NodeMeasure {
            entity,
            degree: 0,
            weighted_degree: 0,
            betweenness: None,
            eigenvector: None,
            community: 0,
        }
    }
}

/// The measures of every node of a graph, from [`MeasuresBuilder::compute`] or
/// [`CooccurrenceGraph::compute_measures`].
///
/// - **degree**: the number of edges at the node (the number of distinct co-occurring actors).
/// - **weighted degree**: the sum of the weights of those edges, i.e. of their window counts.
/// - **betweenness**: the share of shortest paths between pairs of other nodes that pass
///   through the node, counting hops (edge weights are not distances), normalised by
///   `(n − 1)(n − 2) / 2` pairs as networkx's `betweenness_centrality(G)` does; between 0 and
///   1. Rounded to 6 significant digits.
/// - **eigenvector**: the node's entry in the leading eigenvector of the weighted adjacency
///   matrix (weights are window counts), scaled to unit Euclidean length, as networkx's
///   `eigenvector_centrality(G, weight="weight")` computes it by power iteration. In a
///   disconnected graph, nodes outside the component with the largest eigenvalue tend to 0.
///   Rounded to 6 decimal places (the iteration's tolerance is finer than that). Left out if
///   the iteration does not converge within 1000 steps.
/// - **community**: a community found by the Louvain method, maximising weighted modularity
///   (resolution 1), deterministic: nodes in entity id order, ties to the smallest community,
///   exact integer arithmetic. Numbered 0, 1, 2... by decreasing size, ties by smallest member
///   entity id. A node without edges is a community of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeMeasures {
    /// In entity id order.
    nodes: Vec<NodeMeasure>,
    betweenness: bool,
    eigenvector: bool,
    community_count: usize,
    modularity: Option<f64>,
}

impl NodeMeasures {
    /// Computes every measure of `graph` (see [`MeasuresBuilder`] to leave some out).
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, Gazetteer, Matcher, NodeMeasures, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met. Chile and Peru met.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// let measures = NodeMeasures::new(&counts.to_graph());
    /// assert_eq!(measures.community_count(), 2);
    /// let (syria, iraq) = (gaz.lookup("SYR").unwrap(), gaz.lookup("IRQ").unwrap());
    /// assert_eq!(measures.get(syria).unwrap().community, measures.get(iraq).unwrap().community);
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn new(graph: &CooccurrenceGraph) -> NodeMeasures {
        MeasuresBuilder::new().compute(graph)
    }

    /// Returns the measures of one entity, if it is a node of the graph.
    pub fn get(&self, entity: EntityId) -> Option<&NodeMeasure> {
        self.nodes.binary_search_by_key(&entity, |m| m.entity).ok().map(|i| &self.nodes[i])
    }

    /// Returns every node's measures, in entity id order.
    pub fn iter(&self) -> impl Iterator<Item = &NodeMeasure> {
        self.nodes.iter()
    }

    /// Returns whether betweenness was computed.
    pub fn has_betweenness(&self) -> bool {
        self.betweenness
    }

    /// Returns whether eigenvector centrality was computed: it was asked for, and the power
    /// iteration converged.
    pub fn has_eigenvector(&self) -> bool {
        self.eigenvector
    }

    /// Returns the number of communities.
    pub fn community_count(&self) -> usize {
        self.community_count
    }

    /// Returns the weighted modularity of the communities, between −1/2 and 1, or `None` for
    /// a graph without edges.
    pub fn modularity(&self) -> Option<f64> {
        self.modularity
    }
}

#[cfg(test)]
#[allow(clippy::approx_constant, reason = "expected values are written rounded, as output")]
mod tests {
    use super::*;
    use crate::cooccur::{Association, Edge, EdgeCounts, Node, NodeCounts};

    /// A graph on entities `0..n` with the given weighted edges.
    fn graph(n: usize, edges: &[(usize, usize, u64)]) -> CooccurrenceGraph {
        let nodes = (0..n).map(|i| Node::new(EntityId::new(i), NodeCounts::default()));
        let edges = edges.iter().map(|&(a, b, w)| {
            let counts = EdgeCounts { weight: w, documents: 1, ..EdgeCounts::default() };
            (EntityId::new(a), EntityId::new(b), Edge::new(counts, Association::default()))
        });
        CooccurrenceGraph::from_parts(nodes, edges)
    }

    /// Two triangles 0-1-2 and 3-4-5 with unit weights, bridged by 2-3.
    fn bridged_triangles() -> CooccurrenceGraph {
        graph(6, &[(0, 1, 1), (0, 2, 1), (1, 2, 1), (3, 4, 1), (3, 5, 1), (4, 5, 1), (2, 3, 1)])
    }

    fn column<T>(m: &NodeMeasures, f: impl Fn(&NodeMeasure) -> T) -> Vec<T> {
        m.iter().map(f).collect()
    }

    #[test]
    fn degrees() {
        let m = NodeMeasures::new(&graph(4, &[(0, 1, 3), (0, 2, 5), (0, 3, 1)]));
        assert_eq!(column(&m, |x| x.degree), [3, 1, 1, 1]);
        assert_eq!(column(&m, |x| x.weighted_degree), [9, 3, 5, 1]);
    }

    #[test]
    fn betweenness_by_hand() {
        // (name, graph, normalised betweenness)
        let rows = [
            // The centre of a 4-leaf star is on all 6 leaf pairs' paths: 6 / (4·3/2) = 1.
            (
                "star",
                graph(5, &[(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)]),
                vec![1.0, 0.0, 0.0, 0.0, 0.0],
            ),
            // Path 0-1-2-3: node 1 is on (0,2) and (0,3), 2 pairs of 3: 2/3.
            (
                "path",
                graph(4, &[(0, 1, 7), (1, 2, 1), (2, 3, 1)]),
                vec![0.0, 0.666667, 0.666667, 0.0],
            ),
            // Bridge end 2 is on every path from 0 or 1 to 3, 4 or 5: 6 of the 10 pairs of
            // other nodes, 0.6; the same for 3.
            ("bridged triangles", bridged_triangles(), vec![0.0, 0.0, 0.6, 0.6, 0.0, 0.0]),
            // A 4-cycle: each node is on half of the one opposite pair's two paths: 0.5 / 3.
            ("cycle", graph(4, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (0, 3, 1)]), vec![0.166667; 4]),
            ("two nodes", graph(2, &[(0, 1, 1)]), vec![0.0, 0.0]),
            ("isolated", graph(3, &[(0, 1, 1)]), vec![0.0, 0.0, 0.0]),
        ];
        for (name, g, want) in rows {
            let m = NodeMeasures::new(&g);
            assert!(m.has_betweenness(), "{name}");
            assert_eq!(column(&m, |x| x.betweenness.unwrap()), want, "{name}");
        }
    }

    #[test]
    fn eigenvector_by_hand() {
        // Star with k leaves: centre √(k)/√(2k) = 1/√2, each leaf 1/√(2k).
        let m = NodeMeasures::new(&graph(5, &[(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)]));
        assert_eq!(
            column(&m, |x| x.eigenvector.unwrap()),
            [0.707107, 0.353553, 0.353553, 0.353553, 0.353553]
        );
        // Path of 3 (weights ignored when equal): (1, √2, 1) / 2.
        let m = NodeMeasures::new(&graph(3, &[(0, 1, 2), (1, 2, 2)]));
        assert_eq!(column(&m, |x| x.eigenvector.unwrap()), [0.5, 0.707107, 0.5]);
        // Weights count: an edge of weight 3 beside one of weight 1 on a path 0-1-2. The
        // matrix [[0,3,0],[3,0,1],[0,1,0]] has λ = √10 and vector (3, √10, 1) / √20.
        let m = NodeMeasures::new(&graph(3, &[(0, 1, 3), (1, 2, 1)]));
        assert_eq!(column(&m, |x| x.eigenvector.unwrap()), [0.670820, 0.707107, 0.223607]);
    }

    #[test]
    fn eigenvector_on_a_disconnected_graph() {
        // A triangle (λ = 2) and a separate edge (λ = 1): the edge's nodes tend to 0.
        let m = NodeMeasures::new(&graph(5, &[(0, 1, 1), (0, 2, 1), (1, 2, 1), (3, 4, 1)]));
        assert!(m.has_eigenvector());
        assert_eq!(column(&m, |x| x.eigenvector.unwrap()), [0.57735, 0.57735, 0.57735, 0.0, 0.0]);
        // No edges at all: every node gets the same share.
        let m = NodeMeasures::new(&graph(4, &[]));
        assert_eq!(column(&m, |x| x.eigenvector.unwrap()), [0.5; 4]);
    }

    #[test]
    fn communities_of_bridged_triangles() {
        let m = NodeMeasures::new(&bridged_triangles());
        assert_eq!(column(&m, |x| x.community), [0, 0, 0, 1, 1, 1]);
        assert_eq!(m.community_count(), 2);
        // m = 7; each triangle has 3 inside and degree 7: Q = 2 (3/7 − 1/4) = 5/14.
        assert!((m.modularity().unwrap() - 5.0 / 14.0).abs() < 1e-12);
    }

    #[test]
    fn empty_graph_and_switches() {
        let m = NodeMeasures::new(&graph(0, &[]));
        assert_eq!((m.iter().count(), m.community_count(), m.modularity()), (0, 0, None));
        assert!(!m.has_eigenvector());
        let m = MeasuresBuilder::new()
            .betweenness(false)
            .eigenvector(false)
            .compute(&bridged_triangles());
        assert!(!m.has_betweenness() && !m.has_eigenvector());
        assert!(m.iter().all(|x| x.betweenness.is_none() && x.eigenvector.is_none()));
        assert_eq!(m.get(EntityId::new(3)).unwrap().degree, 3);
        assert_eq!(m.get(EntityId::new(9)), None);
    }

    proptest::proptest! {
        #[test]
        fn measures_hold_on_any_graph(
            n in 1usize..12,
            raw in proptest::collection::vec((0usize..12, 0usize..12, 1u64..6), 0..30),
        ) {
            let mut pairs = std::collections::BTreeMap::new();
            for (a, b, w) in raw {
                let (a, b) = (a % n, b % n);
                if a != b {
                    pairs.insert((a.min(b), a.max(b)), w);
                }
            }
            let edges: Vec<(usize, usize, u64)> = pairs.iter().map(|(&(a, b), &w)| (a, b, w)).collect();
            let total: u64 = edges.iter().map(|e| e.2).sum();
            let m = NodeMeasures::new(&graph(n, &edges));
            assert_eq!(m, NodeMeasures::new(&graph(n, &edges)), "deterministic");
            assert_eq!(m.iter().map(|x| x.degree).sum::<u64>(), 2 * edges.len() as u64);
            assert_eq!(m.iter().map(|x| x.weighted_degree).sum::<u64>(), 2 * total);
            assert!(m.iter().all(|x| (0.0..=1.0).contains(&x.betweenness.unwrap())));
            if m.has_eigenvector() {
                let norm: f64 = m.iter().map(|x| x.eigenvector.unwrap().powi(2)).sum();
                assert!((norm - 1.0).abs() < 1e-4, "unit length: {norm}");
            }
            let mut sizes = vec![0usize; m.community_count()];
            for x in m.iter() {
                sizes[x.community] += 1;
            }
            assert!(sizes.iter().all(|&s| s > 0) && sizes.windows(2).all(|w| w[0] >= w[1]));
            // Modularity as networkx defines it, in floating point, and never below the
            // partition into single nodes that Louvain starts from.
            if total == 0 {
                assert_eq!(m.modularity(), None);
            } else {
                let (mut inside, mut degree) = (vec![0.0; sizes.len()], vec![0.0; sizes.len()]);
                for &(a, b, w) in &edges {
                    let (ca, cb) = (m.iter().nth(a).unwrap().community, m.iter().nth(b).unwrap().community);
                    degree[ca] += w as f64;
                    degree[cb] += w as f64;
                    if ca == cb {
                        inside[ca] += w as f64;
                    }
                }
                let t = total as f64;
                let q: f64 = (0..sizes.len()).map(|c| inside[c] / t - (degree[c] / (2.0 * t)).powi(2)).sum();
                let alone: f64 = -m.iter().map(|x| (x.weighted_degree as f64 / (2.0 * t)).powi(2)).sum::<f64>();
                let got = m.modularity().unwrap();
                assert!((got - q).abs() < 1e-9, "modularity {got}, recomputed {q}");
                assert!(got >= alone - 1e-12, "modularity {got} below single nodes' {alone}");
            }
        }
    }

    #[test]
    fn rounding() {
        assert_eq!(significant(2.0 / 3.0), 0.666667);
        assert_eq!(significant(1.0 / 30000.0), 0.0000333333);
        assert_eq!(significant(0.0), 0.0);
        assert_eq!(significant(-0.0).to_string(), "0");
        assert_eq!(decimals(1e-30), 0.0);
        assert_eq!(decimals(0.70710678), 0.707107);
    }
}
