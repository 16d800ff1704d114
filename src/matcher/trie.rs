//! A byte trie of the gazetteer's names, for anchored search: which names start exactly here?
//!
//! Under the word-boundary rule a name can only start where a word starts, so the matcher asks
//! that question at each word start instead of running an unanchored Aho-Corasick automaton
//! over every byte. An anchored search needs no failure links, which is what makes building an
//! Aho-Corasick automaton slow on a million names: this trie is built with one sort and one
//! pass over the sorted names. DESIGN.md ("Performance") has the measurements.
//!
//! Bytes are mapped through a fold table on the way in, both the names' and the text's: ASCII
//! letters to lower case when case is folded, the identity otherwise. The map is one byte to
//! one byte, so offsets into the text are never changed.

use crate::codec::{Reader, Writer};

/// The node id standing for "no node".
const NONE: u32 = u32::MAX;

/// Searches with more edges than this use a binary search instead of a linear scan.
const LINEAR_EDGES: usize = 8;

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The first of this node's edges in `edge_bytes`/`edge_nodes`.
    edges: u32,
    edge_len: u32,
    /// The first of the patterns ending at this node, in `order`.
    matches: u32,
    match_len: u32,
}

/// A trie over a set of patterns, each identified by its index in the list it was built from.
#[derive(Clone, Debug)]
pub(crate) struct Trie {
    fold: [u8; 256],
    /// The root's children by byte: a dense table, since every search starts there.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Edge labels, sorted within each node.
    edge_bytes: Vec<u8>,
    edge_nodes: Vec<u32>,
    /// Pattern ids in sorted order: the patterns ending at a node are contiguous here.
    order: Vec<u32>,
}

/// A byte map that lower-cases ASCII letters, or the identity.
fn fold_table(fold: bool) -> [u8; 256] {
    let mut table = [0u8; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let byte = i as u8;
        *slot = if fold { byte.to_ascii_lowercase() } else { byte };
    }
    table
}

impl Trie {
    /// Builds a trie over `(id, pattern)` pairs. Empty patterns are left out: they would
    /// match everywhere.
    pub(crate) fn new<'a, I>(patterns: I, fold: bool) -> Trie
    where
        I: IntoIterator<Item = (u32, &'a str)>,
    {
        let fold = fold_table(fold);
        let (keys, spans) = folded_keys(patterns, &fold);
        let key = |slot: usize| &keys[spans[slot].1..spans[slot].2];
        let mut slots: Vec<usize> = (0..spans.len()).filter(|&s| !key(s).is_empty()).collect();
        slots.sort_unstable_by(|&a, &b| key(a).cmp(key(b)).then(spans[a].0.cmp(&spans[b].0)));
        let sorted: Vec<&[u8]> = slots.iter().map(|&s| key(s)).collect();
        let order = slots.iter().map(|&s| spans[s].0).collect();
        let mut trie = Trie {
            fold,
            root: Box::new([NONE; 256]),
            nodes: Vec::new(),
            edge_bytes: Vec::new(),
            edge_nodes: Vec::new(),
            order,
        };
        trie.build_nodes(&sorted);
        trie
    }

    /// Lays out the nodes breadth-first. A node stands for the range of sorted keys sharing
    /// its prefix; the keys that end there come first in the range, and its children split the
    /// rest by the next byte.
    fn build_nodes(&mut self, keys: &[&[u8]]) {
        // (first key, last key + 1, depth) of each node, by node id.
        let mut ranges = vec![(0, keys.len() as u32, 0)];
        while self.nodes.len() < ranges.len() {
            let (lo, hi, depth) = ranges[self.nodes.len()];
            let node = self.add_node(&keys[lo as usize..hi as usize], lo, depth, &mut ranges);
            self.nodes.push(node);
        }
        let root = self.nodes[0];
        for e in root.edges..root.edges + root.edge_len {
            self.root[self.edge_bytes[e as usize] as usize] = self.edge_nodes[e as usize];
        }
    }

    /// Makes the node for `keys` (which start at sorted position `lo` and share their first
    /// `depth` bytes), queueing its children in `ranges`.
    fn add_node(
        &mut self,
        keys: &[&[u8]],
        lo: u32,
        depth: u32,
        ranges: &mut Vec<(u32, u32, u32)>,
    ) -> Node {
        let d = depth as usize;
        let match_len = keys.iter().take_while(|k| k.len() == d).count();
        let edges = self.edge_bytes.len() as u32;
        let mut start = match_len;
        while start < keys.len() {
            let byte = keys[start][d];
            let len = keys[start..].iter().take_while(|k| k[d] == byte).count();
            self.edge_bytes.push(byte);
            self.edge_nodes.push(ranges.len() as u32);
            let first = lo + start as u32;
            ranges.push((first, first + len as u32, depth + 1));
            start += len;
        }
        let edge_len = self.edge_bytes.len() as u32 - edges;
        Node { edges, edge_len, matches: lo, match_len: match_len as u32 }
    }

    /// Calls `found(pattern, end)` for every pattern that matches `haystack` at `start`, from
    /// the shortest to the longest.
    #[inline]
    pub(crate) fn matches_at<F: FnMut(u32, usize)>(
        &self,
        haystack: &[u8],
        start: usize,
        mut found: F,
    ) {
        let mut node = self.root[self.fold[haystack[start] as usize] as usize];
        let mut end = start + 1;
        while node != NONE {
            let n = self.nodes[node as usize];
            for &pattern in &self.order[n.matches as usize..(n.matches + n.match_len) as usize] {
                found(pattern, end);
            }
            let Some(&byte) = haystack.get(end) else { return };
            node = self.child(n, self.fold[byte as usize]);
            end += 1;
        }
    }

    /// Returns true if some pattern starts with `byte` (after folding).
    pub(crate) fn can_start(&self, byte: u8) -> bool {
        self.root[self.fold[byte as usize] as usize] != NONE
    }

    #[inline]
    fn child(&self, node: Node, byte: u8) -> u32 {
        let range = node.edges as usize..(node.edges + node.edge_len) as usize;
        let bytes = &self.edge_bytes[range.clone()];
        let found = if bytes.len() <= LINEAR_EDGES {
            bytes.iter().position(|&b| b == byte)
        } else {
            bytes.binary_search(&byte).ok()
        };
        found.map_or(NONE, |i| self.edge_nodes[range.start + i])
    }
}

impl Trie {
    /// Appends the trie to a cache file.
    pub(crate) fn write(&self, wtr: &mut Writer) {
        wtr.u8(u8::from(self.fold[usize::from(b'A')] == b'a'));
        let flat: Vec<u32> =
            self.nodes.iter().flat_map(|n| [n.edges, n.edge_len, n.matches, n.match_len]).collect();
        wtr.u32s(&flat);
        wtr.bytes(&self.edge_bytes);
        wtr.u32s(&self.edge_nodes);
        wtr.u32s(&self.order);
    }

    /// Reads a trie written by [`Trie::write`] over `patterns` patterns. Returns `None` if the
    /// input is malformed: every index is checked, so a trie read back never panics a search.
    pub(crate) fn read(rdr: &mut Reader<'_>, patterns: usize) -> Option<Trie> {
        let fold = fold_table(rdr.bool()?);
        let flat = rdr.u32s()?;
        let nodes: Vec<Node> = flat
            .chunks_exact(4)
            .map(|c| Node { edges: c[0], edge_len: c[1], matches: c[2], match_len: c[3] })
            .collect();
        let edge_bytes = rdr.bytes()?.to_vec();
        let edge_nodes = rdr.u32s()?;
        let order = rdr.u32s()?;
        let in_range = |start: u32, len: u32, max: usize| {
            start.checked_add(len).is_some_and(|end| end as usize <= max)
        };
        let valid = flat.len() % 4 == 0
            && !nodes.is_empty()
            && edge_bytes.len() == edge_nodes.len()
            && edge_nodes.iter().all(|&n| (n as usize) < nodes.len())
            && order.iter().all(|&p| (p as usize) < patterns)
            && nodes.iter().all(|n| {
                in_range(n.edges, n.edge_len, edge_bytes.len())
                    && in_range(n.matches, n.match_len, order.len())
            });
        if !valid {
            return None;
        }
        let mut trie =
            Trie { fold, root: Box::new([NONE; 256]), nodes, edge_bytes, edge_nodes, order };
        let root = trie.nodes[0];
        for e in root.edges..root.edges + root.edge_len {
            trie.root[trie.edge_bytes[e as usize] as usize] = trie.edge_nodes[e as usize];
        }
        Some(trie)
    }
}

/// Folds the patterns into one buffer; returns it and each pattern's id and range in it.
fn folded_keys<'a, I>(patterns: I, fold: &[u8; 256]) -> (Vec<u8>, Vec<(u32, usize, usize)>)
where
    I: IntoIterator<Item = (u32, &'a str)>,
{
    let mut keys = Vec::new();
    let mut spans = Vec::new();
    for (id, pattern) in patterns {
        let start = keys.len();
        keys.extend(pattern.bytes().map(|b| fold[b as usize]));
        spans.push((id, start, keys.len()));
    }
    (keys, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(patterns: &[&'static str], ids: &[u32], fold: bool) -> Trie {
        Trie::new(ids.iter().map(|&id| (id, patterns[id as usize])), fold)
    }

    fn all(trie: &Trie, haystack: &str, start: usize) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        trie.matches_at(haystack.as_bytes(), start, |p, end| out.push((p, end)));
        out
    }

    #[test]
    fn anchored_matches_shortest_first() {
        let patterns = ["Gaza", "Gaza City", "GAZA", "Iraq", "Ga"];
        let trie = trie(&patterns, &[0, 1, 2, 3, 4], true);
        assert_eq!(all(&trie, "gaza city", 0), [(4, 2), (0, 4), (2, 4), (1, 9)]);
        assert_eq!(all(&trie, "in Iraq", 3), [(3, 7)]);
        assert_eq!(all(&trie, "in Iraq", 2), []);
        assert_eq!(all(&trie, "Gaz", 0), [(4, 2)]);
    }

    #[test]
    fn exact_and_subsets() {
        let patterns = ["US", "us", "Russia"];
        let trie = trie(&patterns, &[0, 2], false);
        assert_eq!(all(&trie, "US", 0), [(0, 2)]);
        assert_eq!(all(&trie, "us", 0), []);
        assert_eq!(all(&trie, "Russia", 0), [(2, 6)]);
        assert!(trie.can_start(b'U') && trie.can_start(b'R') && !trie.can_start(b'u'));
    }

    #[test]
    fn write_read_round_trip() {
        let patterns = ["Gaza", "Gaza City", "GAZA", "Iraq", "Ga", "Erdoğan"];
        let trie = trie(&patterns, &[0, 1, 2, 3, 4, 5], true);
        let mut wtr = Writer::default();
        trie.write(&mut wtr);
        let back = Trie::read(&mut Reader::new(&wtr.buf), patterns.len()).unwrap();
        for (text, start) in [("gaza city", 0), ("in Iraq", 3), ("ERDOğAN", 0)] {
            assert_eq!(all(&back, text, start), all(&trie, text, start));
        }
        assert!(Trie::read(&mut Reader::new(&wtr.buf), 3).is_none(), "pattern id out of range");
        for cut in 0..wtr.buf.len() {
            assert!(Trie::read(&mut Reader::new(&wtr.buf[..cut]), 6).is_none());
        }
    }

    #[test]
    fn non_ascii_and_empty() {
        let patterns = ["", "Erdoğan", "İstanbul"];
        let trie = trie(&patterns, &[0, 1, 2], true);
        assert_eq!(all(&trie, "ERDOğAN", 0), [(1, 8)]);
        assert_eq!(all(&trie, "ERDOĞAN", 0), []);
        assert_eq!(all(&trie, "İstanbul", 0), [(2, 9)]);
    }
}
