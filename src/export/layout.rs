//! A force-directed layout computed in Rust, before writing, so that the HTML page opens with
//! the graph already laid out however many nodes it has, and so that the same graph always gets
//! the same picture.
//!
//! The method is ForceAtlas2 as Jacomy, Venturini, Heymann and Bastian describe it (PLoS ONE,
//! 2014): every pair of nodes repels with a force proportional to the product of their degrees
//! plus one over their distance, each edge pulls its ends together (in proportion to the
//! distance, or its logarithm in lin-log mode, times the edge weight), a gravity of constant
//! strength pulls every node towards the centre so that components stay in view, and each node
//! moves at a speed that adapts to how much its force swings from one step to the next. The
//! repulsion of far-away nodes is approximated by a Barnes–Hut quadtree, so one step costs
//! about `n log n` force evaluations rather than `n²`.
//!
//! Everything runs on one thread in a fixed order, from a start drawn by a seeded generator,
//! with a fixed number of steps: no clock, no thread-dependent order. The same input on the same
//! machine gives the same positions to the last bit.

use std::collections::HashMap;

use super::view::GraphRef;

/// A node's place in the plane, in layout units (the scale is the layout's own: fit it to the
/// screen or page).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    /// The horizontal coordinate.
    pub x: f64,
    /// The vertical coordinate.
    pub y: f64,
}

/// The settings of the ForceAtlas2 layout; [`ForceLayout::layout`] runs it.
///
/// The defaults suit the co-occurrence graphs actorgraph writes, from a handful of nodes to
/// tens of thousands; [`write_html`](crate::write_html) uses them.
///
/// ```
/// use actorgraph::ForceLayout;
///
/// // A triangle and one node on its own.
/// let layout = ForceLayout::new().layout(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
/// assert_eq!(layout.positions().len(), 4);
/// assert!(layout.positions().iter().all(|p| p.x.is_finite() && p.y.is_finite()));
/// // The same input gives the same positions.
/// assert_eq!(layout.positions(), ForceLayout::new().layout(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]).positions());
/// ```
#[derive(Clone, Debug)]
pub struct ForceLayout {
    iterations: Option<usize>,
    scaling: Option<f64>,
    gravity: f64,
    lin_log: bool,
    theta: f64,
    tolerance: f64,
    seed: u64,
}

impl Default for ForceLayout {
    fn default() -> ForceLayout {
        ForceLayout::new()
    }
}

/// The result of [`ForceLayout::layout`]: one position per node, and how much work it took.
#[derive(Clone, Debug)]
pub struct Layout {
    positions: Vec<Position>,
    steps: usize,
    work: u64,
}

impl Layout {
    /// Returns the positions, one per node, in node order.
    pub fn positions(&self) -> &[Position] {
        &self.positions
    }

    /// Returns the positions, one per node, in node order.
    pub fn into_positions(self) -> Vec<Position> {
        self.positions
    }

    /// Returns the number of steps the layout ran (see [`ForceLayout::iterations`]).
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Returns the number of force evaluations the layout made: node–node and node–cell
    /// repulsions, and edge attractions, summed over all steps. It grows about as
    /// `steps × (n log n + edges)`; a benchmark compares it between sizes.
    pub fn work(&self) -> u64 {
        self.work
    }
}

/// The deepest a quadtree cell goes; nodes that still share a cell there (they sit on top of
/// each other) repel pairwise.
const MAX_DEPTH: u32 = 32;

/// ForceAtlas2's constant in a node's speed (`k_s` in the paper).
const SPEED_FACTOR: f64 = 0.1;

/// The largest distance a node moves in one step (`k_smax` in the paper).
const MAX_MOVE: f64 = 10.0;

impl ForceLayout {
    /// Returns the default settings: linear attraction, gravity 20, a Barnes–Hut θ of 1.2, a
    /// jitter tolerance of 1, a scaling (repulsion strength) of 10 below 100 nodes and 2 from
    /// there, and a number of steps that falls from 500 on small graphs to 150 on the largest.
    ///
    /// ```
    /// use actorgraph::ForceLayout;
    ///
    /// let layout = ForceLayout::new().layout(2, &[(0, 1, 1.0)]);
    /// let [a, b] = layout.positions() else { unreachable!() };
    /// assert!(a != b);
    /// ```
    pub fn new() -> ForceLayout {
        ForceLayout {
            iterations: None,
            scaling: None,
            gravity: 20.0,
            lin_log: false,
            theta: 1.2,
            tolerance: 1.0,
            seed: 0x5eed_f0a2,
        }
    }

    /// Sets the number of steps. By default it depends on the number of nodes: 500 up to 1,000
    /// nodes, then fewer (each step costs more), down to 150.
    pub fn iterations(&mut self, steps: usize) -> &mut ForceLayout {
        self.iterations = Some(steps);
        self
    }

    /// Sets the scaling: the strength of the repulsion against the attraction (larger spreads
    /// the graph out). By default 10 below 100 nodes and 2 from there.
    pub fn scaling(&mut self, scaling: f64) -> &mut ForceLayout {
        self.scaling = Some(scaling);
        self
    }

    /// Sets the gravity that pulls every node towards the centre (default 20). The paper's
    /// 1 lets lone nodes and small components drift far from the main one, so that a view
    /// fitted to the whole graph shows the main component small; 20 keeps them near.
    pub fn gravity(&mut self, gravity: f64) -> &mut ForceLayout {
        self.gravity = gravity;
        self
    }

    /// Uses lin-log attraction (the logarithm of the distance), which draws clusters tighter
    /// and further apart, when `yes` (default no).
    pub fn lin_log(&mut self, yes: bool) -> &mut ForceLayout {
        self.lin_log = yes;
        self
    }

    /// Sets the Barnes–Hut θ: a quadtree cell seen under a ratio of size to distance below θ
    /// repels as one body at its centre of mass (default 1.2; 0 compares every pair).
    pub fn theta(&mut self, theta: f64) -> &mut ForceLayout {
        self.theta = theta;
        self
    }

    /// Sets the jitter tolerance: how much swinging the adaptive speed allows (default 1;
    /// larger converges faster and less precisely).
    pub fn tolerance(&mut self, tolerance: f64) -> &mut ForceLayout {
        self.tolerance = tolerance;
        self
    }

    /// Sets the seed of the starting positions (the default is a fixed number).
    pub fn seed(&mut self, seed: u64) -> &mut ForceLayout {
        self.seed = seed;
        self
    }

    /// Lays out `nodes` nodes, numbered `0..nodes`, joined by `edges` of the form `(a, b,
    /// weight)`. Weights scale the attraction; a weight that is negative or not finite counts
    /// as 0, and an edge from a node to itself is ignored. Degrees count every edge.
    ///
    /// ```
    /// use actorgraph::ForceLayout;
    ///
    /// let layout = ForceLayout::new().iterations(100).layout(3, &[(0, 1, 5.0)]);
    /// let p = layout.positions();
    /// let d = |a: usize, b: usize| (p[a].x - p[b].x).hypot(p[a].y - p[b].y);
    /// assert!(d(0, 1) < d(0, 2) && d(0, 1) < d(1, 2));
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if an edge names a node `>= nodes`.
    pub fn layout(&self, nodes: usize, edges: &[(usize, usize, f64)]) -> Layout {
        for &(a, b, _) in edges {
            assert!(a < nodes && b < nodes, "edge ({a}, {b}) names a node outside 0..{nodes}");
        }
        let edges: Vec<(usize, usize, f64)> = edges
            .iter()
            .filter(|&&(a, b, _)| a != b)
            .map(|&(a, b, w)| (a, b, if w.is_finite() && w > 0.0 { w } else { 0.0 }))
            .collect();
        let mut sim = Simulation::new(self, nodes, &edges);
        let steps = self.iterations.unwrap_or_else(|| default_iterations(nodes));
        for _ in 0..steps {
            sim.step();
        }
        Layout { positions: sim.pos, steps, work: sim.work }
    }

    /// Lays out a graph, as [`ForceLayout::layout`] does: one position per node in the graph's
    /// node order, with each edge weighted by `1 + ln(count)` of its windows (or events), so
    /// that heavy edges pull harder without collapsing their ends.
    ///
    /// ```
    /// use actorgraph::{Cooccurrence, ForceLayout, Gazetteer, Matcher, Segmenter};
    ///
    /// let gaz = Gazetteer::builtin();
    /// let text = "Syria and Iraq met. Iran was not there.";
    /// let mut counts = Cooccurrence::new();
    /// counts.add_document(&Matcher::new(&gaz)?.find_all(text), &Segmenter::new().segment(text));
    /// let graph = counts.to_graph();
    /// assert_eq!(ForceLayout::new().layout_graph(&graph).positions().len(), graph.node_count());
    /// # Ok::<(), actorgraph::Error>(())
    /// ```
    pub fn layout_graph<'g>(&self, graph: impl Into<GraphRef<'g>>) -> Layout {
        let graph = graph.into();
        let index: HashMap<_, _> =
            graph.nodes().enumerate().map(|(i, node)| (node.entity(), i)).collect();
        let edges: Vec<(usize, usize, f64)> = graph
            .edges()
            .filter_map(|(a, b, edge)| {
                let weight = 1.0 + (edge.count().max(1) as f64).ln();
                Some((*index.get(&a)?, *index.get(&b)?, weight))
            })
            .collect();
        self.layout(graph.node_count(), &edges)
    }
}

/// The default number of steps for a graph of `nodes` nodes: each step costs about `n log n`,
/// so larger graphs get fewer steps, and a graph of 5,000 nodes still lays out in about a
/// second.
fn default_iterations(nodes: usize) -> usize {
    if nodes <= 1_000 { 500 } else { (500_000 / nodes).max(150) }
}

/// A small, fast generator of starting positions (SplitMix64): the same seed gives the same
/// numbers everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[-1, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// The state of a running layout.
struct Simulation<'e> {
    pos: Vec<Position>,
    /// Each node's mass: its degree plus one.
    mass: Vec<f64>,
    force: Vec<Position>,
    previous: Vec<Position>,
    edges: &'e [(usize, usize, f64)],
    tree: QuadTree,
    scaling: f64,
    gravity: f64,
    lin_log: bool,
    theta: f64,
    tolerance: f64,
    /// The global speed, adapted every step.
    speed: f64,
    work: u64,
}

impl<'e> Simulation<'e> {
    fn new(config: &ForceLayout, nodes: usize, edges: &'e [(usize, usize, f64)]) -> Self {
        let mut mass = vec![1.0; nodes];
        for &(a, b, _) in edges {
            mass[a] += 1.0;
            mass[b] += 1.0;
        }
        let mut rng = SplitMix(config.seed);
        let spread = 10.0 * (nodes as f64).sqrt().max(1.0);
        let pos = (0..nodes).map(|_| Position { x: spread * rng.unit(), y: spread * rng.unit() });
        let zero = Position { x: 0.0, y: 0.0 };
        Simulation {
            pos: pos.collect(),
            mass,
            force: vec![zero; nodes],
            previous: vec![zero; nodes],
            edges,
            tree: QuadTree::default(),
            scaling: config.scaling.unwrap_or(if nodes < 100 { 10.0 } else { 2.0 }),
            gravity: config.gravity,
            lin_log: config.lin_log,
            theta: config.theta,
            tolerance: config.tolerance,
            speed: 1.0,
            work: 0,
        }
    }

    /// One step: compute every force, then move every node.
    fn step(&mut self) {
        std::mem::swap(&mut self.force, &mut self.previous);
        self.tree.build(&self.pos, &self.mass);
        for i in 0..self.pos.len() {
            let (fx, fy, work) =
                self.tree.repulsion(i, &self.pos, &self.mass, self.theta, self.scaling);
            let Position { x, y } = self.pos[i];
            let d = x.hypot(y);
            let g = if d > 0.0 { self.gravity * self.mass[i] / d } else { 0.0 };
            self.force[i] = Position { x: fx - g * x, y: fy - g * y };
            self.work += work;
        }
        self.attract();
        self.move_nodes();
    }

    /// Adds each edge's pull to the forces on its ends.
    fn attract(&mut self) {
        for &(a, b, w) in self.edges {
            let (dx, dy) = (self.pos[a].x - self.pos[b].x, self.pos[a].y - self.pos[b].y);
            let f = if self.lin_log {
                let d = dx.hypot(dy);
                if d > 0.0 { w * d.ln_1p() / d } else { 0.0 }
            } else {
                w
            };
            self.force[a].x -= f * dx;
            self.force[a].y -= f * dy;
            self.force[b].x += f * dx;
            self.force[b].y += f * dy;
        }
        self.work += self.edges.len() as u64;
    }

    /// Adapts the global speed to the swinging and traction of the forces, then moves each
    /// node by its force times its own speed.
    fn move_nodes(&mut self) {
        let (mut swinging, mut traction) = (0.0, 0.0);
        for i in 0..self.pos.len() {
            let (f, p) = (self.force[i], self.previous[i]);
            swinging += self.mass[i] * (f.x - p.x).hypot(f.y - p.y);
            traction += self.mass[i] * (f.x + p.x).hypot(f.y + p.y) / 2.0;
        }
        if swinging > 0.0 {
            // The paper lets the global speed grow by at most half from one step to the next.
            self.speed = (self.tolerance * traction / swinging).min(1.5 * self.speed);
        }
        for i in 0..self.pos.len() {
            let (f, p) = (self.force[i], self.previous[i]);
            let swing = (f.x - p.x).hypot(f.y - p.y);
            let mut speed = SPEED_FACTOR * self.speed / (1.0 + self.speed * swing.sqrt());
            let norm = f.x.hypot(f.y);
            if norm > 0.0 {
                speed = speed.min(MAX_MOVE / norm);
            }
            if speed.is_finite() {
                self.pos[i].x += speed * f.x;
                self.pos[i].y += speed * f.y;
            }
        }
    }
}

/// One cell of the quadtree: a square, the mass of the nodes in it and their centre of mass.
#[derive(Clone, Copy, Debug)]
struct Cell {
    /// The square's lower corner and side.
    x0: f64,
    y0: f64,
    side: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    /// The children, or `NONE`; a cell without children is a leaf.
    children: [u32; 4],
    /// A leaf's nodes: `order[start..end]`.
    start: u32,
    end: u32,
}

/// No child.
const NONE: u32 = u32::MAX;

/// A Barnes–Hut quadtree over the node positions, rebuilt every step.
#[derive(Debug, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// The node numbers, arranged so that every cell's nodes are contiguous.
    order: Vec<u32>,
    stack: Vec<u32>,
}

impl QuadTree {
    fn build(&mut self, pos: &[Position], mass: &[f64]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..pos.len() as u32);
        if pos.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
        }
        // A little wider than the nodes, so that the largest coordinate falls inside.
        let side = (x1 - x0).max(y1 - y0).max(1e-9) * (1.0 + 1e-9) + 1e-9;
        self.cell(pos, mass, (x0, y0, side), 0, pos.len(), 0);
    }

    /// Makes the cell of `order[start..end]` in the square `(x0, y0, side)`, and its children,
    /// and returns its number.
    fn cell(
        &mut self,
        pos: &[Position],
        mass: &[f64],
        (x0, y0, side): (f64, f64, f64),
        start: usize,
        end: usize,
        depth: u32,
    ) -> u32 {
        let (mut m, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for &i in &self.order[start..end] {
            let i = i as usize;
            (m, sx, sy) = (m + mass[i], sx + mass[i] * pos[i].x, sy + mass[i] * pos[i].y);
        }
        let id = self.cells.len() as u32;
        self.cells.push(Cell {
            x0,
            y0,
            side,
            mass: m,
            cx: sx / m,
            cy: sy / m,
            children: [NONE; 4],
            start: start as u32,
            end: end as u32,
        });
        if end - start <= 1 || depth >= MAX_DEPTH {
            return id;
        }
        let half = side / 2.0;
        let (mx, my) = (x0 + half, y0 + half);
        let mid = partition(&mut self.order[start..end], |i| pos[i].x < mx) + start;
        let low = partition(&mut self.order[start..mid], |i| pos[i].y < my) + start;
        let high = partition(&mut self.order[mid..end], |i| pos[i].y < my) + mid;
        let quadrants =
            [(x0, y0, start, low), (x0, my, low, mid), (mx, y0, mid, high), (mx, my, high, end)];
        for (k, (qx, qy, a, b)) in quadrants.into_iter().enumerate() {
            if a < b {
                let child = self.cell(pos, mass, (qx, qy, half), a, b, depth + 1);
                self.cells[id as usize].children[k] = child;
            }
        }
        id
    }

    /// The repulsion on node `i` from every other node, with far cells taken as one body, and
    /// the number of force evaluations it took.
    fn repulsion(
        &mut self,
        i: usize,
        pos: &[Position],
        mass: &[f64],
        theta: f64,
        scaling: f64,
    ) -> (f64, f64, u64) {
        let (mut fx, mut fy, mut work) = (0.0, 0.0, 0);
        if self.cells.is_empty() {
            return (fx, fy, work);
        }
        let Position { x, y } = pos[i];
        let k = scaling * mass[i];
        self.stack.clear();
        self.stack.push(0);
        while let Some(c) = self.stack.pop() {
            let cell = self.cells[c as usize];
            if cell.children == [NONE; 4] {
                for &j in &self.order[cell.start as usize..cell.end as usize] {
                    let j = j as usize;
                    if j != i {
                        let (dx, dy) = (x - pos[j].x, y - pos[j].y);
                        let d2 = dx * dx + dy * dy;
                        if d2 > 0.0 {
                            (fx, fy) = (fx + k * mass[j] * dx / d2, fy + k * mass[j] * dy / d2);
                        }
                        work += 1;
                    }
                }
                continue;
            }
            let (dx, dy) = (x - cell.cx, y - cell.cy);
            let d2 = dx * dx + dy * dy;
            let inside =
                x >= cell.x0 && x < cell.x0 + cell.side && y >= cell.y0 && y < cell.y0 + cell.side;
            if !inside && cell.side * cell.side < theta * theta * d2 {
                (fx, fy) = (fx + k * cell.mass * dx / d2, fy + k * cell.mass * dy / d2);
                work += 1;
            } else {
                self.stack.extend(cell.children.iter().rev().filter(|&&c| c != NONE));
            }
        }
        (fx, fy, work)
    }
}

/// Moves the nodes for which `left` holds to the front of `order`, and returns how many there
/// are. The order that results depends only on the input.
fn partition(order: &mut [u32], left: impl Fn(usize) -> bool) -> usize {
    let mut split = 0;
    for k in 0..order.len() {
        if left(order[k] as usize) {
            order.swap(split, k);
            split += 1;
        }
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(p: &[Position], a: usize, b: usize) -> f64 {
        (p[a].x - p[b].x).hypot(p[a].y - p[b].y)
    }

    fn finite(layout: &Layout) -> bool {
        layout.positions().iter().all(|p| p.x.is_finite() && p.y.is_finite())
    }

    /// Two cliques of six joined by one edge, and a path of four on its own.
    fn two_cliques() -> (usize, Vec<(usize, usize, f64)>) {
        let mut edges = Vec::new();
        for base in [0, 6] {
            for a in base..base + 6 {
                for b in a + 1..base + 6 {
                    edges.push((a, b, 1.0));
                }
            }
        }
        edges.extend([(5, 6, 1.0), (12, 13, 1.0), (13, 14, 1.0), (14, 15, 1.0)]);
        (16, edges)
    }

    /// A ring of `n` nodes with a chord every seventh node.
    fn ring(n: usize) -> Vec<(usize, usize, f64)> {
        let mut edges: Vec<_> = (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect();
        edges.extend((0..n).step_by(7).map(|i| (i, (i * 31 + 5) % n, 2.0)));
        edges
    }

    #[test]
    fn same_input_same_positions() {
        let (n, edges) = two_cliques();
        let a = ForceLayout::new().layout(n, &edges);
        let b = ForceLayout::new().layout(n, &edges);
        let bits = |l: &Layout| -> Vec<(u64, u64)> {
            l.positions().iter().map(|p| (p.x.to_bits(), p.y.to_bits())).collect()
        };
        assert_eq!(bits(&a), bits(&b));
        let big = ring(3_000);
        let c = ForceLayout::new().iterations(20).layout(3_000, &big);
        let d = ForceLayout::new().iterations(20).layout(3_000, &big);
        assert_eq!(bits(&c), bits(&d));
        // Another seed starts elsewhere.
        let e = ForceLayout::new().seed(7).layout(n, &edges);
        assert_ne!(bits(&a), bits(&e));
    }

    #[test]
    fn positions_are_finite() {
        let (n, edges) = two_cliques();
        assert!(finite(&ForceLayout::new().layout(n, &edges)));
        assert!(finite(&ForceLayout::new().lin_log(true).layout(n, &edges)));
        assert!(finite(&ForceLayout::new().iterations(50).layout(2_000, &ring(2_000))));
        // Weights that make no sense count as 0; loops are ignored.
        let odd = [(0, 1, f64::NAN), (1, 2, -3.0), (2, 2, 1.0), (2, 3, f64::INFINITY)];
        assert!(finite(&ForceLayout::new().layout(4, &odd)));
    }

    #[test]
    fn connected_nodes_are_closer_than_unconnected_ones() {
        let (n, edges) = two_cliques();
        let linked: std::collections::HashSet<(usize, usize)> =
            edges.iter().map(|&(a, b, _)| (a.min(b), a.max(b))).collect();
        // The mean length of the edges, and of the pairs that are not edges.
        let means = |p: &[Position]| {
            let (mut near, mut far) = (Vec::new(), Vec::new());
            for a in 0..n {
                for b in a + 1..n {
                    let d = distance(p, a, b);
                    if linked.contains(&(a, b)) { near.push(d) } else { far.push(d) }
                }
            }
            let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
            (mean(&near), mean(&far))
        };
        for lin_log in [false, true] {
            let layout = ForceLayout::new().lin_log(lin_log).layout(n, &edges);
            let (near, far) = means(layout.positions());
            assert!(near < far, "lin_log {lin_log}: {near} vs {far}");
            // Each clique holds together: its members are nearer each other than the other's.
            let p = layout.positions();
            assert!(distance(p, 0, 1) < distance(p, 0, 11), "lin_log {lin_log}");
            // The paper's weak gravity lets the components spread further apart.
            let weak = ForceLayout::new().lin_log(lin_log).gravity(1.0).layout(n, &edges);
            let (near, far) = means(weak.positions());
            assert!(near * 2.0 < far, "lin_log {lin_log}, gravity 1: {near} vs {far}");
        }
    }

    #[test]
    fn empty_single_and_disconnected_graphs() {
        assert!(ForceLayout::new().layout(0, &[]).positions().is_empty());
        let one = ForceLayout::new().layout(1, &[]);
        assert_eq!(one.positions().len(), 1);
        assert!(finite(&one));
        // Nodes without edges: repulsion against gravity, nothing else.
        let apart = ForceLayout::new().layout(30, &[]);
        assert!(finite(&apart));
        let p = apart.positions();
        assert!((0..30).all(|a| (a + 1..30).all(|b| distance(p, a, b) > 0.0)));
        // Two separate edges.
        assert!(finite(&ForceLayout::new().layout(4, &[(0, 1, 1.0), (2, 3, 1.0)])));
    }

    #[test]
    fn nodes_on_top_of_each_other_do_not_break_the_tree() {
        let pos = vec![Position { x: 1.0, y: 1.0 }; 50];
        let mass = vec![1.0; 50];
        let mut tree = QuadTree::default();
        tree.build(&pos, &mass);
        assert!(tree.cells.len() <= MAX_DEPTH as usize + 1);
        let (fx, fy, work) = tree.repulsion(0, &pos, &mass, 1.2, 1.0);
        assert_eq!((fx, fy, work), (0.0, 0.0, 49));
    }

    #[test]
    fn work_grows_as_n_log_n() {
        assert_eq!(ForceLayout::new().layout(10, &[]).steps(), 500);
        assert_eq!(ForceLayout::new().layout(5_000, &[]).steps(), 150);
        // Work per node and step, counted, not timed: eight times the nodes cost far less than
        // eight times as much per node (every pair would).
        let per_node = |n: usize| {
            let layout = ForceLayout::new().iterations(5).layout(n, &ring(n));
            layout.work() as f64 / (n * layout.steps()) as f64
        };
        let (small, large) = (per_node(500), per_node(4_000));
        assert!(large < 2.0 * small, "{small} then {large}");
    }

    #[test]
    fn barnes_hut_is_close_to_every_pair() {
        let edges = ring(400);
        let mut sim_config = ForceLayout::new();
        sim_config.iterations(30);
        let layout = sim_config.layout(400, &edges);
        let pos = layout.positions();
        let mass = vec![1.0; pos.len()];
        let mut tree = QuadTree::default();
        tree.build(pos, &mass);
        let (exact_x, exact_y, all) = tree.repulsion(3, pos, &mass, 0.0, 1.0);
        let (x, y, some) = tree.repulsion(3, pos, &mass, 0.5, 1.0);
        assert_eq!(all, 399);
        assert!(some < all / 2, "{some} evaluations");
        let error = (x - exact_x).hypot(y - exact_y) / exact_x.hypot(exact_y);
        assert!(error < 0.05, "relative error {error}");
    }
}
