//! Association measures: edge weights that correct raw co-occurrence counts for how often each
//! actor appears, so that the most frequent actors (every article names the United States) do
//! not dominate the graph.
//!
//! Everything is computed from window counts, where a window is a sentence, paragraph or
//! document (per [`Window`](crate::Window)) that contains at least one actor:
//!
//! * `N`, the number of windows counted;
//! * `n_i`, the number of windows in which actor `i` appears;
//! * `n_ij`, the number of windows in which both `i` and `j` appear (an edge's weight);
//! * `s_i = Σ_j n_ij`, actor `i`'s strength: the sum of the weights of all its pairs, and
//!   `W = Σ_{i<j} n_ij`, the sum of all pair weights (so `Σ_i s_i = 2W`).
//!
//! The measures, with `p_ij = n_ij / N`:
//!
//! * PMI `= log2(n_ij N / (n_i n_j))`, in bits: 0 when the pair co-occurs as often as chance
//!   predicts, positive when more often.
//! * NPMI `= PMI / -log2(p_ij)`, in `[-1, 1]`; 1 when `n_ij = N` (both actors in every window,
//!   the limit of complete co-occurrence).
//! * Jaccard `= n_ij / (n_i + n_j - n_ij)`, in `(0, 1]`.
//! * Dice `= 2 n_ij / (n_i + n_j)`, in `(0, 1]`.
//! * Association strength `= 2W n_ij / (s_i s_j)`, VOSviewer's normalisation (van Eck and
//!   Waltman 2009): the observed pair weight over the weight expected if each actor's
//!   co-occurrences were spread over the others in proportion to their strengths, so 1 is
//!   "as expected". (With window counts in place of strengths, the same ratio would be `2^PMI`.)
//!
//! All values are finite: every edge has `n_ij ≥ 1`, so no denominator is zero. Counts that
//! contradict each other, which only [`Cooccurrence::add_counts`](crate::Cooccurrence) can
//! introduce, give 0 rather than infinity or NaN.

use std::fmt;
use std::str::FromStr;

/// Which value is an edge's weight in the graph formats (CSV `Weight`, GEXF and GraphML
/// `weight`, JSON `weight`, DOT pen width). Every format writes all of them as attributes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EdgeWeight {
    /// The number of windows in which both actors appear.
    #[default]
    Windows,
    /// The number of distinct documents in which both actors share a window.
    Documents,
    /// Pointwise mutual information, in bits.
    Pmi,
    /// Normalised pointwise mutual information.
    Npmi,
    /// The Jaccard index of the two actors' windows.
    Jaccard,
    /// The Dice coefficient of the two actors' windows.
    Dice,
    /// VOSviewer's association strength.
    AssociationStrength,
}

impl EdgeWeight {
    /// All edge weights, in the order the formats write them.
    pub const ALL: [EdgeWeight; 7] = [
        EdgeWeight::Windows,
        EdgeWeight::Documents,
        EdgeWeight::Pmi,
        EdgeWeight::Npmi,
        EdgeWeight::Jaccard,
        EdgeWeight::Dice,
        EdgeWeight::AssociationStrength,
    ];

    /// Returns the name used on the command line.
    ///
    /// ```
    /// use actorgraph::EdgeWeight;
    ///
    /// assert_eq!(EdgeWeight::AssociationStrength.as_str(), "association-strength");
    /// assert_eq!("npmi".parse::<EdgeWeight>(), Ok(EdgeWeight::Npmi));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeWeight::Windows => "windows",
            EdgeWeight::Documents => "documents",
            EdgeWeight::Pmi => "pmi",
            EdgeWeight::Npmi => "npmi",
            EdgeWeight::Jaccard => "jaccard",
            EdgeWeight::Dice => "dice",
            EdgeWeight::AssociationStrength => "association-strength",
        }
    }

    /// Returns whether the weight is a count (an integer) rather than a real number.
    pub fn is_count(self) -> bool {
        matches!(self, EdgeWeight::Windows | EdgeWeight::Documents)
    }
}

impl fmt::Display for EdgeWeight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EdgeWeight {
    type Err = String;

    fn from_str(s: &str) -> Result<EdgeWeight, String> {
        EdgeWeight::ALL.into_iter().find(|w| w.as_str().eq_ignore_ascii_case(s)).ok_or_else(|| {
            format!(
                "unknown edge weight \"{s}\" (expected windows, documents, pmi, npmi, jaccard, \
                 dice or association-strength)"
            )
        })
    }
}

/// The association measures of one edge.
///
/// Over windows that contain at least one actor: `N` windows, `n_i` and `n_j` containing
/// each end, `n_ij` containing both; `s_i` is the sum of `n_ij` over all of `i`'s pairs and
/// `W` the sum over all pairs. Every value is finite.
///
/// They are computed from the counts of the whole corpus, before any filter, so filtering a
/// graph never changes the values of the edges that remain.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Association {
    /// Pointwise mutual information, `log2(n_ij N / (n_i n_j))`.
    pub pmi: f64,
    /// Normalised PMI, `PMI / -log2(n_ij / N)`, or 1 if `n_ij = N`.
    pub npmi: f64,
    /// Jaccard index, `n_ij / (n_i + n_j - n_ij)`.
    pub jaccard: f64,
    /// Dice coefficient, `2 n_ij / (n_i + n_j)`.
    pub dice: f64,
    /// VOSviewer's association strength, `2W n_ij / (s_i s_j)`.
    pub association_strength: f64,
}

/// The frequencies an edge's association measures are computed from.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Frequencies {
    /// `N`: windows counted.
    pub(crate) windows: u64,
    /// `n_i` and `n_j`: windows of each end.
    pub(crate) ends: (u64, u64),
    /// `n_ij`: windows of the pair.
    pub(crate) both: u64,
    /// `s_i` and `s_j`: the strengths of each end.
    pub(crate) strengths: (u64, u64),
    /// `W`: the sum of all pair weights.
    pub(crate) total_weight: u64,
}

impl Association {
    /// Computes the measures; any value that is not finite (contradictory counts) becomes 0.
    pub(crate) fn new(f: Frequencies) -> Association {
        let n = f.windows as f64;
        let (ni, nj) = (f.ends.0 as f64, f.ends.1 as f64);
        let nij = f.both as f64;
        let (si, sj) = (f.strengths.0 as f64, f.strengths.1 as f64);
        let pmi = finite((nij * n / (ni * nj)).log2());
        let npmi = if f.both == f.windows && f.windows > 0 {
            1.0
        } else {
            finite(pmi / -(nij / n).log2())
        };
        Association {
            pmi,
            npmi,
            jaccard: finite(nij / (ni + nj - nij)),
            dice: finite(2.0 * nij / (ni + nj)),
            association_strength: finite(2.0 * f.total_weight as f64 * nij / (si * sj)),
        }
    }
}

/// Replaces infinity and NaN by 0.
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn freq(windows: u64, ends: (u64, u64), both: u64) -> Frequencies {
        Frequencies { windows, ends, both, strengths: (1, 1), total_weight: 1 }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn measures_match_hand_computed_values() {
        // (name, N, n_i, n_j, n_ij, pmi, npmi, jaccard, dice)
        type Row = (&'static str, u64, u64, u64, u64, f64, f64, f64, f64);
        let rows: &[Row] = &[
            ("independent", 10, 4, 5, 2, 0.0, 0.0, 2.0 / 7.0, 4.0 / 9.0),
            ("always together", 8, 2, 2, 2, 2.0, 1.0, 1.0, 1.0),
            ("in every window", 4, 4, 4, 4, 0.0, 1.0, 1.0, 1.0),
            ("avoid each other", 10, 5, 5, 1, 0.4f64.log2(), 0.4f64.log10(), 1.0 / 9.0, 0.2),
            ("one frequent end", 100, 50, 2, 2, 1.0, 1.0 / 50f64.log2(), 0.04, 4.0 / 52.0),
        ];
        for &(name, n, ni, nj, nij, pmi, npmi, jaccard, dice) in rows {
            let a = Association::new(freq(n, (ni, nj), nij));
            assert!(close(a.pmi, pmi), "{name}: pmi {} != {pmi}", a.pmi);
            assert!(close(a.npmi, npmi), "{name}: npmi {} != {npmi}", a.npmi);
            assert!(close(a.jaccard, jaccard), "{name}: jaccard {} != {jaccard}", a.jaccard);
            assert!(close(a.dice, dice), "{name}: dice {} != {dice}", a.dice);
        }
    }

    #[test]
    fn association_strength_is_observed_over_expected() {
        // A triangle: a-b weight 2, a-c and b-c weight 1. W = 4, s_a = s_b = 3, s_c = 2.
        let ab = Frequencies { strengths: (3, 3), total_weight: 4, both: 2, ..freq(4, (3, 3), 2) };
        let ac = Frequencies { strengths: (3, 2), total_weight: 4, both: 1, ..freq(4, (3, 2), 1) };
        assert!(close(Association::new(ab).association_strength, 16.0 / 9.0));
        assert!(close(Association::new(ac).association_strength, 4.0 / 3.0));
    }

    #[test]
    fn contradictory_counts_give_zero_not_nan() {
        let a = Association::new(Frequencies::default());
        for x in [a.pmi, a.npmi, a.jaccard, a.dice, a.association_strength] {
            assert_eq!(x, 0.0);
        }
        let a = Association::new(freq(5, (0, 3), 2));
        for x in [a.pmi, a.npmi, a.jaccard, a.dice, a.association_strength] {
            assert!(x.is_finite(), "{a:?}");
        }
    }

    #[test]
    fn weight_names_round_trip() {
        for w in EdgeWeight::ALL {
            assert_eq!(w.as_str().parse::<EdgeWeight>(), Ok(w));
            assert_eq!(w.to_string(), w.as_str());
        }
        assert!("count".parse::<EdgeWeight>().is_err());
        assert!(EdgeWeight::Windows.is_count() && !EdgeWeight::Pmi.is_count());
    }
}
