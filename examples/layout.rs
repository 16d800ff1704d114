//! The ForceAtlas2 layout at growing sizes: the time and the work (force evaluations) it takes
//! on generated graphs of 1,000, 5,000 and 20,000 nodes, so that its Barnes–Hut cost can be
//! seen to grow as `n log n` per step and not as `n²`.
//!
//! ```text
//! cargo run --release --example layout            # print the table
//! cargo run --release --example layout -- --check # exit 1 if the work per node per step
//!                                                 # grows more than 3 times from 1,000 to 20,000
//! LAYOUT_SIZES=200,2000 cargo run --release --example layout
//! ```
//!
//! Each graph has about three edges per node, drawn with a skewed choice so that a few nodes
//! have a high degree, as in co-occurrence graphs. The check is on work, counted by the
//! layout, not on time, which depends on the machine.

use std::time::Instant;

use actorgraph::ForceLayout;

/// The largest growth of the work per node and step, from the smallest size to the largest,
/// that still counts as `n log n` (20 times the nodes gives about 1.4 times the `log n`).
const LIMIT: f64 = 3.0;

/// A small deterministic generator (the example needs no crate for it).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A graph of `n` nodes, each joined to three earlier ones, chosen with a preference for
/// low numbers (the hubs).
fn graph(n: usize) -> Vec<(usize, usize, f64)> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut edges = Vec::new();
    for b in 1..n {
        for _ in 0..3 {
            let bound = rng.below(b) + 1;
            let a = rng.below(bound);
            if a != b {
                edges.push((a, b, 1.0 + rng.below(4) as f64));
            }
        }
    }
    edges
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let sizes: Vec<usize> = std::env::var("LAYOUT_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 5_000, 20_000]);
    println!(
        "{:>7} {:>7} {:>6} {:>9} {:>14} {:>14}",
        "nodes", "edges", "steps", "seconds", "work", "work/node/step"
    );
    let mut per_node = Vec::new();
    for &n in &sizes {
        let edges = graph(n);
        let start = Instant::now();
        let layout = ForceLayout::new().layout(n, &edges);
        let steps = layout.steps();
        let seconds = start.elapsed().as_secs_f64();
        assert!(layout.positions().iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        let ratio = layout.work() as f64 / (n * steps) as f64;
        per_node.push(ratio);
        println!(
            "{n:>7} {:>7} {steps:>6} {seconds:>9.3} {:>14} {ratio:>14.1}",
            edges.len(),
            layout.work()
        );
    }
    if let (Some(first), Some(last)) = (per_node.first(), per_node.last()) {
        let growth = last / first;
        println!("work per node and step grew {growth:.2} times from the smallest to the largest");
        if check && growth > LIMIT {
            eprintln!("layout: work per node grew {growth:.2} times (limit {LIMIT}): not n log n");
            std::process::exit(1);
        }
    }
}
