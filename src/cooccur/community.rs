//! Communities: a deterministic Louvain method on the co-occurrence weights.
//!
//! rustworkx-core, which gives us the centralities, has no community detection, so the Louvain
//! method (Blondel et al., 2008) lives here. It is written to give the same partition on every
//! run and every machine:
//!
//! - nodes are visited in index order (entity id order), with no randomness;
//! - weights are integers (window counts), and the modularity gain of a move is compared in
//!   exact integer arithmetic (`i128`), so no rounding can change a decision;
//! - a node moves only to a community that strictly increases modularity, and among equally
//!   good ones to the one with the smallest label, which also guarantees termination.
//!
//! The result is numbered 0, 1, 2... by decreasing size, ties by smallest member index.

use std::cmp::Reverse;
use std::collections::BTreeMap;

/// A partition of the nodes `0..n` into communities.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Partition {
    /// Each node's community, numbered by decreasing size, ties by smallest member.
    pub(crate) community: Vec<usize>,
    /// The number of communities.
    pub(crate) count: usize,
    /// The weighted modularity of the partition, or `None` for a graph without edge weight.
    pub(crate) modularity: Option<f64>,
}

/// A weighted undirected graph on nodes `0..n`, as the Louvain method sees it at one level.
#[derive(Debug)]
struct Level {
    /// Each node's neighbours (never itself) with edge weights, in neighbour order.
    adj: Vec<Vec<(usize, u64)>>,
    /// Each node's self-loop weight: the weight inside the community the node stands for.
    inner: Vec<u64>,
}

impl Level {
    /// Builds the first level from edges `(a, b, weight)` with `a != b`, each given once.
    fn new(n: usize, edges: &[(usize, usize, u64)]) -> Level {
        let mut adj = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            adj[a].push((b, w));
            adj[b].push((a, w));
        }
        for list in &mut adj {
            list.sort_unstable();
        }
        Level { adj, inner: vec![0; n] }
    }

    /// A node's weighted degree, its self-loop counted twice.
    fn degree(&self, i: usize) -> i128 {
        2 * i128::from(self.inner[i])
            + self.adj[i].iter().map(|&(_, w)| i128::from(w)).sum::<i128>()
    }

    /// Merges each community of `comm` (labels `0..count`) into one node.
    fn aggregate(&self, comm: &[usize], count: usize) -> Level {
        let mut inner = vec![0u64; count];
        let mut between: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        for (i, list) in self.adj.iter().enumerate() {
            inner[comm[i]] += self.inner[i];
            for &(j, w) in list.iter().filter(|&&(j, _)| j > i) {
                let (a, b) = (comm[i], comm[j]);
                if a == b {
                    inner[a] += w;
                } else {
                    *between.entry((a.min(b), a.max(b))).or_default() += w;
                }
            }
        }
        let edges: Vec<(usize, usize, u64)> =
            between.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        Level { inner, ..Level::new(count, &edges) }
    }
}

/// Finds communities by the Louvain method on nodes `0..n` and edges `(a, b, weight)`, each
/// unordered pair given once and `a != b`.
pub(crate) fn louvain(n: usize, edges: &[(usize, usize, u64)]) -> Partition {
    let mut level = Level::new(n, edges);
    let two_m: i128 = (0..n).map(|i| level.degree(i)).sum();
    let mut membership: Vec<usize> = (0..n).collect();
    if two_m > 0 {
        loop {
            let (comm, moved) = move_nodes(&level, two_m);
            if !moved {
                break;
            }
            let (comm, count) = renumber(&comm);
            for m in &mut membership {
                *m = comm[*m];
            }
            level = level.aggregate(&comm, count);
        }
    }
    let (community, count) = order_by_size(&membership);
    let modularity = modularity(n, edges, &community, count);
    Partition { community, count, modularity }
}

/// One level's local moving phase: moves single nodes between communities while that
/// increases modularity. Returns each node's community label and whether any node moved.
fn move_nodes(level: &Level, two_m: i128) -> (Vec<usize>, bool) {
    let n = level.adj.len();
    let degree: Vec<i128> = (0..n).map(|i| level.degree(i)).collect();
    let mut comm: Vec<usize> = (0..n).collect();
    let mut tot = degree.clone();
    let mut links = vec![0i128; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    loop {
        let mut moved = false;
        for i in 0..n {
            for &(j, w) in &level.adj[i] {
                let c = comm[j];
                links[c] += i128::from(w);
                if !seen[c] {
                    seen[c] = true;
                    touched.push(c);
                }
            }
            touched.sort_unstable();
            let old = comm[i];
            tot[old] -= degree[i];
            // The gain of joining community c, times 2m² (a positive constant), exactly.
            let gain = |c: usize| links[c] * two_m - degree[i] * tot[c];
            let (mut best, mut best_gain) = (old, gain(old));
            for &c in &touched {
                if gain(c) > best_gain {
                    (best, best_gain) = (c, gain(c));
                }
            }
            tot[best] += degree[i];
            comm[i] = best;
            moved |= best != old;
            for c in touched.drain(..) {
                links[c] = 0;
                seen[c] = false;
            }
        }
        if !moved {
            return (comm, moved_any);
        }
        moved_any = true;
    }
}

/// Relabels communities `0..count` in order of their smallest member.
fn renumber(comm: &[usize]) -> (Vec<usize>, usize) {
    let mut label = vec![usize::MAX; comm.len()];
    let mut count = 0;
    let renumbered = comm
        .iter()
        .map(|&c| {
            if label[c] == usize::MAX {
                label[c] = count;
                count += 1;
            }
            label[c]
        })
        .collect();
    (renumbered, count)
}

/// Numbers communities by decreasing size, ties by smallest member.
fn order_by_size(membership: &[usize]) -> (Vec<usize>, usize) {
    let (comm, count) = renumber(membership);
    let mut sizes = vec![0usize; count];
    for &c in &comm {
        sizes[c] += 1;
    }
    // After `renumber`, label order is the order of smallest members.
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&c| (Reverse(sizes[c]), c));
    let mut rank = vec![0; count];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    (comm.iter().map(|&c| rank[c]).collect(), count)
}

/// Newman's weighted modularity, `Σ_c (L_c / m − (d_c / 2m)²)` with `L_c` the weight inside
/// community `c`, `d_c` its total degree and `m` the total weight, computed as one exact
/// integer fraction. `None` when the total weight is zero.
fn modularity(
    n: usize,
    edges: &[(usize, usize, u64)],
    comm: &[usize],
    count: usize,
) -> Option<f64> {
    let mut inside = vec![0i128; count];
    let mut degree = vec![0i128; count];
    let mut m = 0i128;
    for &(a, b, w) in edges.iter().filter(|&&(a, b, _)| a < n && b < n) {
        let w = i128::from(w);
        m += w;
        degree[comm[a]] += w;
        degree[comm[b]] += w;
        if comm[a] == comm[b] {
            inside[comm[a]] += w;
        }
    }
    if m == 0 {
        return None;
    }
    let numerator: i128 = (0..count).map(|c| 4 * m * inside[c] - degree[c] * degree[c]).sum();
    Some(numerator as f64 / (4 * m * m) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two cliques of `k` nodes (0..k and k..2k), with unit weights, joined by an edge
    /// between the last node of the first and the first node of the second.
    fn two_cliques(k: usize) -> Vec<(usize, usize, u64)> {
        let mut edges = Vec::new();
        for base in [0, k] {
            for a in base..base + k {
                for b in a + 1..base + k {
                    edges.push((a, b, 1));
                }
            }
        }
        edges.push((k - 1, k, 1));
        edges
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn table() {
        // (name, n, edges, communities, modularity)
        #[allow(clippy::type_complexity)]
        let rows: Vec<(&str, usize, Vec<(usize, usize, u64)>, Vec<usize>, Option<f64>)> = vec![
            ("empty", 0, vec![], vec![], None),
            ("isolated nodes", 3, vec![], vec![0, 1, 2], None),
            ("one edge", 2, vec![(0, 1, 5)], vec![0, 0], Some(0.0)),
            // m = 13: each clique has 6 inside and degree 13; Q = 2(6/13 − 1/4).
            (
                "two 4-cliques and a bridge",
                8,
                two_cliques(4),
                vec![0, 0, 0, 0, 1, 1, 1, 1],
                Some(2.0 * (6.0 / 13.0 - 0.25)),
            ),
            // A star is one community: any split loses.
            ("star", 5, vec![(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)], vec![0; 5], Some(0.0)),
            // Two heavy pairs joined by a light edge: m = 21, each pair has 10 inside and degree 21.
            (
                "weighted path",
                4,
                vec![(0, 1, 10), (1, 2, 1), (2, 3, 10)],
                vec![0, 0, 1, 1],
                Some(2.0 * (10.0 / 21.0 - 0.25)),
            ),
            // The larger community is numbered first, though it holds the later nodes. m = 36: the
            // pair has 9 inside and degree 18, the triangle 27 and 54; Q = 0.1875 + 0.1875.
            (
                "numbered by size",
                5,
                vec![(0, 1, 9), (2, 3, 9), (3, 4, 9), (2, 4, 9)],
                vec![1, 1, 0, 0, 0],
                Some(0.375),
            ),
            // Isolated node 2 is its own, last, community; equal sizes go by smallest member.
            (
                "isolated node among pairs",
                5,
                vec![(0, 1, 1), (3, 4, 1)],
                vec![0, 0, 2, 1, 1],
                Some(0.5),
            ),
        ];
        for (name, n, edges, want, q) in rows {
            let got = louvain(n, &edges);
            assert_eq!(got.community, want, "{name}");
            assert_eq!(got.count, want.iter().max().map_or(0, |m| m + 1), "{name}");
            match (got.modularity, q) {
                (Some(a), Some(b)) => assert!(close(a, b), "{name}: modularity {a}, want {b}"),
                (a, b) => assert_eq!(a, b, "{name}"),
            }
        }
    }

    #[test]
    fn modularity_of_a_given_partition() {
        // The two-clique graph split wrongly, every node alone: Q = −Σ (d_i / 2m)².
        let edges = two_cliques(3);
        let alone: Vec<usize> = (0..6).collect();
        let degrees = [2.0, 2.0, 3.0, 3.0, 2.0, 2.0];
        let want = -degrees.iter().map(|d: &f64| (d / 14.0).powi(2)).sum::<f64>();
        assert!(close(modularity(6, &edges, &alone, 6).unwrap(), want));
    }

    #[test]
    fn ring_of_cliques_finds_each_clique() {
        // Six 5-cliques in a ring, each joined to the next by one edge: the textbook case.
        let (k, c) = (5, 6);
        let mut edges = Vec::new();
        for q in 0..c {
            for a in q * k..(q + 1) * k {
                for b in a + 1..(q + 1) * k {
                    edges.push((a, b));
                }
            }
            edges.push(((q + 1) * k - 1, ((q + 1) % c) * k));
        }
        let edges: Vec<(usize, usize, u64)> =
            edges.into_iter().map(|(a, b)| (a.min(b), a.max(b), 1)).collect();
        let got = louvain(k * c, &edges);
        assert_eq!(got.count, c);
        for q in 0..c {
            assert!(got.community[q * k..(q + 1) * k].iter().all(|&x| x == q), "{got:?}");
        }
    }
}
